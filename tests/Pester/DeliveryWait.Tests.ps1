# Waiting for delivery end to end: Send-RebueSms through the simulator, whose receipts go to a listener
# with -UntilComplete; Get-RebueDeliveryReport lists who is still undelivered. The listener always has a
# -Timeout as a safety net; the tests tell completion from timeout by the warning, never by elapsed time.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'SimulatorHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'ListenerHelpers.psm1') -Force
    $script:manifest = Get-TestModuleManifest
    Import-Module $manifest -Force

    $script:sim = Start-RebueSimulator -ArgumentList '--receipt-delay-ms', '0'
    $script:connection = Connect-CloudRebue -Token (ConvertTo-SecureString $sim.Token -AsPlainText -Force) -BaseUri $sim.BaseUri -DefaultSender ACME

    function New-Rows([int] $Count, [int] $Offset = 0) {
        1..$Count | ForEach-Object { [pscustomobject]@{ Name = "Engineer $_"; Phone = '0713' + (100000 + $Offset + $_); Message = 'DB01 is down' } }
    }

    # Runs the listener job to its end; returns the receipts and the warnings it wrote.
    function Receive-Listener($Listener) {
        try {
            $receipts = @($Listener.Job | Wait-Job -Timeout 90 | Receive-Job -WarningVariable jobWarnings -WarningAction SilentlyContinue)
            $Listener.Job.State | Should -Be 'Completed'
            # The start-up probe of Start-ReceiptListenerJob is a 404 the listener warns about: not ours to judge.
            [pscustomobject]@{ Receipts = $receipts; Warnings = @($jobWarnings | ForEach-Object { "$_" } | Where-Object { $_ -notmatch 'came to a path other than the receipt path' }) }
        }
        finally { $Listener.Job | Remove-Job -Force }
    }
}

AfterAll {
    Disconnect-CloudRebue
    if ($script:sim) { Stop-RebueSimulator $script:sim }
}

Describe 'Waiting for delivery' {
    BeforeEach { Reset-RebueSimulator $sim; Set-RebueSimulatorConfig $sim -Config @{ receiptFailureRate = 0 } }

    It 'stops by itself once every queued recipient has a final receipt, and the report says all were delivered' {
        $journal = Join-Path $TestDrive 'alert.jsonl'
        $listener = Start-ReceiptListenerJob -Manifest $manifest -Parameters @{ JournalPath = $journal; UntilComplete = $true; Timeout = 60 }
        $sent = New-Rows 5 | Send-RebueSms -Endpoint $listener.Url -JournalPath $journal
        $sent.Status | Should -Be (@('Queued') * 5)

        $outcome = Receive-Listener $listener
        $outcome.Warnings | Should -BeNullOrEmpty -Because 'it ended as everyone had a final receipt, not at the timeout'
        $outcome.Receipts.Count | Should -Be 5

        $report = @($outcome.Receipts | Get-RebueDeliveryReport -JournalPath $journal)
        $report.Count | Should -Be 5
        $report.Delivery | Should -Be (@('Delivered') * 5)
        $report[0].InputObject.Name | Should -Be 'Engineer 1'
        @($outcome.Receipts | Get-RebueDeliveryReport -JournalPath $journal -Undelivered) | Should -BeNullOrEmpty
    }

    It 'counts failure receipts as final and reports them undelivered' {
        Set-RebueSimulatorConfig $sim -Config @{ receiptFailureRate = 1 }
        $journal = Join-Path $TestDrive 'failing.jsonl'
        $listener = Start-ReceiptListenerJob -Manifest $manifest -Parameters @{ JournalPath = $journal; UntilComplete = $true; Timeout = 60 }
        $null = New-Rows 3 -Offset 10 | Send-RebueSms -Endpoint $listener.Url -JournalPath $journal
        $outcome = Receive-Listener $listener
        $outcome.Warnings | Should -BeNullOrEmpty
        $undelivered = @($outcome.Receipts | Get-RebueDeliveryReport -JournalPath $journal -Undelivered)
        $undelivered.Delivery | Should -Be 'Failed', 'Failed', 'Failed'
        $undelivered.DeliveryStatus | Should -Be 'DeliveryImpossible', 'DeliveryImpossible', 'DeliveryImpossible'
    }

    It 'ends at a tiny timeout with a warning when receipts never come, and reports everyone as NoReceipt' {
        $journal = Join-Path $TestDrive 'silent.jsonl'
        $null = New-Rows 2 -Offset 20 | Send-RebueSms -JournalPath $journal   # no -Endpoint: no receipts will come
        # In this runspace on port 0 (no start-up probe to race the tiny timeout).
        $receipts = @(Start-RebueReceiptListener -ListenAddress 127.0.0.1 -Port 0 -Path "/receipts/$([guid]::NewGuid().ToString('N'))" -JournalPath $journal -UntilComplete -Timeout 0.2 -WarningVariable listenerWarnings -WarningAction SilentlyContinue)
        $receipts | Should -BeNullOrEmpty
        $listenerWarnings | Should -HaveCount 1
        "$($listenerWarnings[0])" | Should -Match '^2 recipient\(s\) the journal records as queued have no final receipt'
        $report = @(Get-RebueDeliveryReport -JournalPath $journal -Undelivered)
        $report.Delivery | Should -Be 'NoReceipt', 'NoReceipt'
        $report.Phone | Should -Be '254713100021', '254713100022'
    }

    It 'reports receipts converted without a listener, keeping an unknown status verbatim as Pending' {
        $journal = Join-Path $TestDrive 'runbook.jsonl'
        $sent = @(New-Rows 2 -Offset 30 | Send-RebueSms -JournalPath $journal)
        $body = '[{"phone":"' + $sent[0].Phone + '","correlator":"' + $sent[0].Correlator + '","uniqueId":"' + $sent[0].UniqueId + '","deliveryStatus":"Queued_At_SMSC"}]'
        $report = @(ConvertFrom-RebueReceipt $body | Get-RebueDeliveryReport -JournalPath $journal)
        $report.Delivery | Should -Be 'Pending', 'NoReceipt'
        $report[0].DeliveryStatus | Should -Be 'Queued_At_SMSC'
    }

    It 'refuses -UntilComplete without a journal, and a report of a journal that does not exist' {
        { Start-RebueReceiptListener -Port 0 -ListenAddress 127.0.0.1 -Path "/r/$([guid]::NewGuid().ToString('N'))" -UntilComplete } |
            Should -Throw -ErrorId 'CloudRebue.ListenerInvalidArgument,CloudRebue.PowerShell.Cmdlets.StartRebueReceiptListenerCommand'
        { Get-RebueDeliveryReport -JournalPath (Join-Path $TestDrive 'none.jsonl') } |
            Should -Throw -ErrorId 'CloudRebue.JournalUnavailable,CloudRebue.PowerShell.Cmdlets.GetRebueDeliveryReportCommand'
    }
}
