# ConvertFrom-RebueReceipt: receipts where no listener can run. Bodies as text, bytes, Azure Automation's
# $WebhookData (object and JSON text), an Azure Functions request, parsed objects; bad bodies refused with
# the listener's own rules; receipts of a real send (through the simulator) joined to its journal.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'SimulatorHelpers.psm1') -Force
    Import-Module (Get-TestModuleManifest) -Force

    $script:sim = Start-RebueSimulator
    $script:connection = Connect-CloudRebue -Token (ConvertTo-SecureString $sim.Token -AsPlainText -Force) -BaseUri $sim.BaseUri -DefaultSender ACME
    $script:one = '{"phone":"254712345678","correlator":2,"uniqueId":"u-1","deliveryStatus":"DeliveredToTerminal","deliveryTime":"2020-01-01 00:00:00"}'
    $script:two = '[{"phone":"254712345678","uniqueId":"u-1","deliveryStatus":"DeliveredToTerminal"},{"phone":"254722000000","uniqueId":"u-2","deliveryStatus":"DeliveryImpossible"}]'
    $script:id = 'CloudRebue.PowerShell.Cmdlets.ConvertFromRebueReceiptCommand'
}

AfterAll {
    Disconnect-CloudRebue
    if ($script:sim) { Stop-RebueSimulator $script:sim }
}

Describe 'ConvertFrom-RebueReceipt' {
    It 'turns a JSON string into the listener''s DeliveryReceipt' {
        $receipt = ConvertFrom-RebueReceipt $one
        $receipt.PSTypeNames | Should -Contain 'CloudRebue.Core.Receipts.DeliveryReceipt'
        $receipt.Phone | Should -Be '254712345678'
        $receipt.Correlator | Should -Be '2'
        $receipt.UniqueId | Should -Be 'u-1'
        $receipt.Delivered | Should -BeTrue
        $receipt.State | Should -Be 'Delivered'
        $receipt.DeliveryTime | Should -Be ([DateTimeOffset]::new(2020, 1, 1, 0, 0, 0, [TimeSpan]::FromHours(3)))
    }

    It 'reads an array body, bytes with a byte order mark, and classifies each status' {
        $receipts = @(ConvertFrom-RebueReceipt -InputObject ([byte[]] (0xEF, 0xBB, 0xBF) + [Text.Encoding]::UTF8.GetBytes($two)))
        $receipts.UniqueId | Should -Be 'u-1', 'u-2'
        $receipts.State | Should -Be 'Delivered', 'Failed'
    }

    It 'keeps an unknown status verbatim and calls it Pending' {
        $receipt = ConvertFrom-RebueReceipt '{"phone":"254712345678","uniqueId":"u-9","deliveryStatus":"Queued_At_SMSC"}'
        $receipt.DeliveryStatus | Should -Be 'Queued_At_SMSC'
        $receipt.State | Should -Be 'Pending'
    }

    It 'takes Azure Automation''s $WebhookData as an object and as the JSON text PowerShell 7 runbooks get' {
        $webhook = [pscustomobject]@{ WebhookName = 'receipts'; RequestBody = $two; RequestHeader = [pscustomobject]@{ 'Content-Type' = 'application/json' } }
        @(ConvertFrom-RebueReceipt -WebhookData $webhook).UniqueId | Should -Be 'u-1', 'u-2'
        @($webhook | ConvertTo-Json -Compress | ConvertFrom-RebueReceipt).UniqueId | Should -Be 'u-1', 'u-2'
    }

    It 'takes an Azure Functions request by its RawBody, or its parsed Body' {
        $request = [pscustomobject]@{ Method = 'POST'; Body = @{ ignored = 1 }; RawBody = $one }
        (ConvertFrom-RebueReceipt -Request $request).UniqueId | Should -Be 'u-1'
        $parsed = [pscustomobject]@{ Method = 'POST'; Body = @{ phone = '254712345678'; uniqueId = 'u-3'; deliveryStatus = 'MessageWaiting' } }
        (ConvertFrom-RebueReceipt -Request $parsed).State | Should -Be 'Pending'
        @($two | ConvertFrom-Json | ConvertFrom-RebueReceipt).Count | Should -Be 2
    }

    It 'refuses what the listener refuses, with the same words, and converts nothing of that body' {
        $bad = @(
            @{ Body = '{"phone":"254712345678","deliveryStatus":"DeliveredToTerminal"}'; Says = 'uniqueId is missing or empty' }
            @{ Body = '{"phone": 1'; Says = 'not valid JSON' }
            @{ Body = '[]'; Says = 'empty array' }
            @{ Body = '[{"phone":"254712345678","uniqueId":"u-1","deliveryStatus":"DeliveredToTerminal"}, 5]'; Says = 'Receipt 2 of 2: expected a JSON object' }
            @{ Body = '{"phone":"2547\u0007","uniqueId":"u-1","deliveryStatus":"x"}'; Says = 'control character' }
            @{ Body = ''; Says = 'empty' }
        )
        foreach ($case in $bad) {
            $out = ConvertFrom-RebueReceipt -InputObject $case.Body -ErrorVariable convertErrors -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $convertErrors.Count | Should -Be 1
            $convertErrors[0].FullyQualifiedErrorId | Should -Be "CloudRebue.ReceiptInvalid,$id"
            $convertErrors[0].CategoryInfo.Category | Should -Be 'InvalidData'
            "$($convertErrors[0])" | Should -BeLike "*$($case.Says)*"
        }
    }

    It 'says which input holds no body at all, and goes on with the next' {
        $out = @(42, $one) | ConvertFrom-RebueReceipt -ErrorVariable convertErrors -ErrorAction SilentlyContinue
        $out.UniqueId | Should -Be 'u-1'
        $convertErrors[0].FullyQualifiedErrorId | Should -Be "CloudRebue.ReceiptInputUnsupported,$id"
        { ConvertFrom-RebueReceipt '{' -ErrorAction Stop } | Should -Throw -ErrorId "CloudRebue.ReceiptInvalid,$id"
    }

    It 'joins the receipts of a real send to its journal' {
        $journal = Join-Path $TestDrive 'alert.jsonl'
        $rows = 1..3 | ForEach-Object { [pscustomobject]@{ Name = "Engineer $_"; Phone = "07120000$_$_"; Message = "DB0$_ is down" } }
        $sent = $rows | Send-RebueSms -JournalPath $journal
        $body = ConvertTo-Json -Compress -InputObject @($sent | ForEach-Object {
            [ordered]@{ phone = $_.Phone; correlator = $_.Correlator; uniqueId = $_.UniqueId; deliveryStatus = 'DeliveredToTerminal'; deliveryTime = '2026-11-30 12:00:00' } })
        $webhook = [pscustomobject]@{ WebhookName = 'receipts'; RequestBody = $body }
        $receipts = @(ConvertFrom-RebueReceipt -WebhookData $webhook -JournalPath $journal)
        $receipts.Count | Should -Be 3
        $receipts.Sender | Should -Be 'ACME', 'ACME', 'ACME'
        $receipts.Message | Should -Be 'DB01 is down', 'DB02 is down', 'DB03 is down'
        $receipts.InputObject.Name | Should -Be 'Engineer 1', 'Engineer 2', 'Engineer 3'
    }

    It 'stops when the journal to join does not exist' {
        { ConvertFrom-RebueReceipt $one -JournalPath (Join-Path $TestDrive 'missing.jsonl') } |
            Should -Throw -ErrorId "CloudRebue.JournalUnavailable,$id"
    }
}
