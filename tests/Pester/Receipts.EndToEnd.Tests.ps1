# The whole round trip: Send-RebueSms -Endpoint through the simulator, which POSTs each delivery receipt
# to a Start-RebueReceiptListener running in a thread job; the journal joins receipts to their messages.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'SimulatorHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'ListenerHelpers.psm1') -Force
    $script:manifest = Get-TestModuleManifest
    Import-Module $manifest -Force

    $script:sim = Start-RebueSimulator -ArgumentList '--receipt-delay-ms', '0'
    $script:connection = Connect-CloudRebue -Token (ConvertTo-SecureString $sim.Token -AsPlainText -Force) -BaseUri $sim.BaseUri -DefaultSender ACME

    # A listener that stops by itself after -Count receipts or 60 seconds; its Url is the -Endpoint to send with.
    function Start-ReceiptJob([int] $Count, [string] $JournalPath) {
        $parameters = @{ Count = $Count; Timeout = 60 }
        if ($JournalPath) { $parameters.JournalPath = $JournalPath }
        Start-ReceiptListenerJob -Manifest $manifest -Parameters $parameters
    }
}

AfterAll {
    Disconnect-CloudRebue
    if ($script:sim) { Stop-RebueSimulator $script:sim }
}

Describe 'Delivery receipts end to end' {
    BeforeEach { Reset-RebueSimulator $sim }

    It 'gives every queued recipient exactly one receipt, joined to its message through the journal' {
        $journal = Join-Path $TestDrive 'campaign.jsonl'
        $rows = 1..300 | ForEach-Object { [pscustomobject]@{ Name = "Customer $_"; Phone = '07' + (60000000 + $_); Message = "Invoice $_ is ready" } }
        $rows += [pscustomobject]@{ Name = 'Broken'; Phone = '07123'; Message = 'never sent' }
        $listener = Start-ReceiptJob -Count 300 -JournalPath $journal
        try {
            $results = $rows | Send-RebueSms -Endpoint $listener.Url -JournalPath $journal -ErrorAction SilentlyContinue
            $queued = @($results | Where-Object Status -eq 'Queued')
            $queued.Count | Should -Be 300

            $receipts = @($listener.Job | Wait-Job -Timeout 60 | Receive-Job)
            $listener.Job.State | Should -Be 'Completed'
        }
        finally { $listener.Job | Remove-Job -Force }

        $receipts.Count | Should -Be 300
        ($receipts.UniqueId | Sort-Object -Unique).Count | Should -Be 300
        ($receipts.UniqueId | Sort-Object) | Should -Be ($queued.UniqueId | Sort-Object)
        ($receipts.Correlator | Sort-Object) | Should -Be ($queued.Correlator | Sort-Object)
        $receipts | ForEach-Object { $_.Delivered | Should -BeTrue }

        $first = $receipts | Where-Object Phone -eq '254760000001'
        $first.Message | Should -Be 'Invoice 1 is ready'
        $first.Sender | Should -Be 'ACME'
        $first.InputObject.Name | Should -Be 'Customer 1'
        $first.DeliveryTime.Offset | Should -Be ([TimeSpan]::FromHours(3))

        # The simulator counts a receipt once it reads the listener's answer, which can come after the
        # listener has emitted it: wait for the count this assertion needs, bounded.
        $deadline = [DateTime]::UtcNow.AddSeconds(30)
        $stats = Get-RebueSimulatorStats $sim
        while ($stats.receiptsSent + $stats.receiptsFailed -lt 300 -and [DateTime]::UtcNow -lt $deadline) {
            Start-Sleep -Milliseconds 50
            $stats = Get-RebueSimulatorStats $sim
        }
        $stats.receiptsSent | Should -Be 300
        $stats.receiptsFailed | Should -Be 0
    }

    It 'reports failed deliveries as not delivered' {
        $null = Set-RebueSimulatorConfig $sim -Config @{ receiptFailureRate = 1.0 }
        try {
            $listener = Start-ReceiptJob -Count 5
            try {
                $null = 1..5 | ForEach-Object { '07' + (61000000 + $_) } | Send-RebueSms -Message 'fails' -Endpoint $listener.Url
                $receipts = @($listener.Job | Wait-Job -Timeout 60 | Receive-Job)
            }
            finally { $listener.Job | Remove-Job -Force }
        }
        finally { $null = Set-RebueSimulatorConfig $sim -Config @{ receiptFailureRate = 0.0 } }

        $receipts.Count | Should -Be 5
        $receipts | ForEach-Object { $_.Delivered | Should -BeFalse; $_.DeliveryStatus | Should -Be 'DeliveryImpossible' }
    }
}
