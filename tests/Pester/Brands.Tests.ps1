# Issue 21 end to end: each brand's documented differences, against the simulator in that brand's mode
# (--brand). The simulator reads the receipt URL only under the brand's own field name, so an accepted
# message with its endpoint proves the module wrote the right name; a time_to_send it accepted proves the
# schedule went out; a brand that does not document scheduling must see no request at all.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'SimulatorHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'ListenerHelpers.psm1') -Force
    $script:manifest = Get-TestModuleManifest
    Import-Module $manifest -Force

    # No listener on this port: receipts are held back (a long receipt delay) and only the URL is inspected.
    $script:receiptUrl = 'http://127.0.0.1:9/receipts/brand-secret'

    function Connect-Simulator([psobject] $Simulator, [string] $Brand) {
        $parameters = @{ Token = (ConvertTo-SecureString $Simulator.Token -AsPlainText -Force); BaseUri = $Simulator.BaseUri; DefaultSender = 'ACME' }
        if ($Brand) { $parameters.Brand = $Brand }
        Connect-CloudRebue @parameters
    }
}

AfterAll {
    Disconnect-CloudRebue
}

Describe 'Brand <Brand> against the simulator in its mode' -ForEach @(
    @{ Brand = 'CloudRebue'; Mode = 'cloudrebue'; Other = 'RebueText'; Schedules = $false; BalanceProperty = 'AccountUnits' }
    @{ Brand = 'RebueText'; Mode = 'rebuetext'; Other = 'CloudRebue'; Schedules = $true; BalanceProperty = 'BalanceKes' }
    @{ Brand = 'BongaTech'; Mode = 'bongatech'; Other = 'RebueText'; Schedules = $false; BalanceProperty = 'AccountUnits' }
) {
    BeforeAll {
        $script:sim = Start-RebueSimulator -Brand $Mode -ArgumentList '--receipt-delay-ms', '600000', '--balance', '5000'
        $script:conn = Connect-Simulator $sim $Brand
    }

    AfterAll {
        if ($script:sim) { Stop-RebueSimulator $script:sim }
    }

    BeforeEach { Reset-RebueSimulator $sim }

    It 'shows the brand on the connection and reads the balance in the brand''s shape' {
        $conn.Brand | Should -Be $Brand
        ($conn | Out-String) | Should -Match "Brand\s+: $Brand"
        $balance = Get-RebueBalance -Connection $conn
        $balance.$BalanceProperty | Should -Be 5000
    }

    It 'sends -Endpoint under the brand''s receipt URL field' {
        $results = '0712345678', '0722345678' | Send-RebueSms -Message 'receipts please' -Endpoint $receiptUrl -Connection $conn
        @($results | Where-Object Status -eq 'Queued').Count | Should -Be 2
        $accepted = @(Get-RebueSimulatorMessages $sim)
        $accepted.Count | Should -Be 2
        $accepted | ForEach-Object { $_.endpoint | Should -Be $receiptUrl }
    }

    It 'loses the receipt URL when connected as <Other> (the simulator tells the field names apart)' {
        $wrong = Connect-Simulator $sim $Other
        $null = Send-RebueSms -Phone 0712345678 -Message 'wrong brand' -Endpoint $receiptUrl -Connection $wrong
        (Get-RebueSimulatorMessages $sim).endpoint | Should -BeNullOrEmpty
    }

    It 'reaches the brand with a connection of unknown brand (the URL goes under both names)' {
        $unknown = Connect-Simulator $sim $null
        $unknown.Brand | Should -Be 'Unknown'
        $null = Send-RebueSms -Phone 0712345678 -Message 'unknown brand' -Endpoint $receiptUrl -Connection $unknown
        (Get-RebueSimulatorMessages $sim).endpoint | Should -Be $receiptUrl
    }

    It 'schedules with -SendAt: time_to_send in East Africa Time, on the results, in the journal and in -WhatIf' -Skip:(-not $Schedules) {
        $sendAt = [DateTimeOffset]::UtcNow.AddDays(2)
        $sendAt = [DateTimeOffset]::new($sendAt.Year, $sendAt.Month, $sendAt.Day, 15, 0, 0, [TimeSpan]::Zero)
        $expected = $sendAt.ToOffset([TimeSpan]::FromHours(3)).ToString('yyyy-MM-dd HH:mm', [cultureinfo]::InvariantCulture)
        $journal = Join-Path $TestDrive "scheduled-$Mode.jsonl"

        $results = '0712345678', '0722345678' | Send-RebueSms -Message 'later' -SendAt $sendAt -JournalPath $journal -Connection $conn
        $results | ForEach-Object {
            $_.Status | Should -Be 'Queued'
            $_.SendAt | Should -Be $sendAt
            $_.SendAt.Offset | Should -Be ([TimeSpan]::FromHours(3))
        }
        (Get-RebueSimulatorMessages $sim).timeToSend | Should -Be @($expected, $expected)
        (Get-RebueSendJournal -Path $journal -State Queued).SendAt | Should -Be @($sendAt, $sendAt)

        $transcript = Join-Path $TestDrive "whatif-$Mode.txt"
        $null = Start-Transcript -Path $transcript
        try { $previews = Send-RebueSms -Phone 0733345678 -Message 'later' -SendAt $sendAt -Connection $conn -WhatIf }
        finally { $null = Stop-Transcript }
        $previews.Status | Should -Be 'WouldSend'
        $previews.SendAt | Should -Be $sendAt
        Get-Content $transcript -Raw | Should -Match ([regex]::Escape("scheduled for $expected East Africa Time"))
        @(Get-RebueSimulatorMessages $sim).Count | Should -Be 2
    }

    It 'schedules a voice call with -SendAt: time_to_send on the call and SendAt on the result' -Skip:(-not $Schedules) {
        $sendAt = [DateTimeOffset]::UtcNow.AddDays(3)
        $sendAt = [DateTimeOffset]::new($sendAt.Year, $sendAt.Month, $sendAt.Day, 6, 30, 0, [TimeSpan]::Zero)
        $expected = $sendAt.ToOffset([TimeSpan]::FromHours(3)).ToString('yyyy-MM-dd HH:mm', [cultureinfo]::InvariantCulture)
        $result = Send-RebueVoiceSms -Phone 0712345678 -Message 'wake up later' -Originator 254708361797 -SendAt $sendAt -Endpoint $receiptUrl -Connection $conn
        $result.Status | Should -Be 'Queued'
        $result.SendAt | Should -Be $sendAt
        $calls = @(Get-RebueSimulatorCalls $sim)
        $calls.Count | Should -Be 1
        $calls[0].timeToSend | Should -Be $expected
        $calls[0].endpoint | Should -Be $receiptUrl
    }

    It 'refuses a voice call''s -SendAt before calling anyone, because <Brand> does not document scheduling' -Skip:$Schedules {
        { Send-RebueVoiceSms -Phone 0712345678 -Message 'later' -Originator 254708361797 -SendAt (Get-Date).AddDays(1) -Connection $conn -ErrorAction Stop } |
            Should -Throw -ErrorId 'CloudRebue.SchedulingNotSupported,CloudRebue.PowerShell.Cmdlets.SendRebueVoiceSmsCommand'
        @(Get-RebueSimulatorCalls $sim).Count | Should -Be 0
    }

    It 'refuses -SendAt before sending anything, because <Brand> does not document scheduling' -Skip:$Schedules {
        $rows = '0712345678', '0722345678'
        { $rows | Send-RebueSms -Message 'later' -SendAt (Get-Date).AddDays(1) -Connection $conn -ErrorAction Stop } |
            Should -Throw -ErrorId 'CloudRebue.SchedulingNotSupported,CloudRebue.PowerShell.Cmdlets.SendRebueSmsCommand'
        (Get-RebueSimulatorStats $sim).sendRequests | Should -Be 0
    }

    It 'refuses a -SendAt in the past before sending anything' -Skip:(-not $Schedules) {
        { Send-RebueSms -Phone 0712345678 -Message 'too late' -SendAt (Get-Date).AddMinutes(-1) -Connection $conn -ErrorAction Stop } |
            Should -Throw -ErrorId 'CloudRebue.SendAtInPast,CloudRebue.PowerShell.Cmdlets.SendRebueSmsCommand'
        (Get-RebueSimulatorStats $sim).sendRequests | Should -Be 0
    }
}

Describe 'RebueText delivery receipts reach the listener' {
    BeforeAll {
        $script:sim = Start-RebueSimulator -Brand rebuetext -ArgumentList '--receipt-delay-ms', '0'
        $script:conn = Connect-Simulator $sim RebueText
    }

    AfterAll {
        if ($script:sim) { Stop-RebueSimulator $script:sim }
    }

    It 'gives each recipient its receipt (the bug of issue 21: none arrived)' {
        $listener = Start-ReceiptListenerJob -Manifest $manifest -Parameters @{ Count = 3; Timeout = 60 }
        try {
            $results = 1..3 | ForEach-Object { '07' + (62000000 + $_) } | Send-RebueSms -Message 'receipted' -Endpoint $listener.Url -Connection $conn
            @($results | Where-Object Status -eq 'Queued').Count | Should -Be 3
            $receipts = @($listener.Job | Wait-Job -Timeout 60 | Receive-Job)
            $listener.Job.State | Should -Be 'Completed'
            ($receipts.UniqueId | Sort-Object) | Should -Be ($results.UniqueId | Sort-Object)
        }
        finally { $listener.Job | Remove-Job -Force }
    }
}
