# Send-RebueSms against the simulator's injected faults, 10,000 messages a case, and a send killed
# mid-run then rerun with its journal. Every recipient is compared, as a set of correlator|phone, with
# what the simulator accepted (/_sim/messages, whose 'fault' names the fault of the carrying request).
#
# The mapping these tests hold the module to, from the client's side:
#   429 (Retry-After), 503      the API did not act: retried, every recipient Queued
#   reset-before, reset-after   the connection broke after the request was sent: Unknown. The
#                               simulator accepted nothing in a reset-before and everything in a
#                               reset-after; Unknown means exactly that "may or may not".
#   500-after-accept            a server error: Unknown (the simulator did accept them)
#   slow (past -TimeoutSec)     a timeout: Unknown (accepted)
#   malformed 200               an answer that cannot be matched to recipients: Unknown (accepted)
#   partial                     the failing items are Failed (not accepted), the rest Queued
# So: Queued == accepted in requests that were answered readably; Unknown == accepted in the
# ambiguous requests plus one full batch per reset-before; nothing accepted is reported Failed.
# A summary table goes to tests/Pester/out/FaultInjection.md and to the host.

BeforeDiscovery {
    $script:faultCases = @(
        @{ Name = '429 with Retry-After, every 7th request'; Block = 1; Faults = @(@{ kind = '429'; every = 7; retryAfter = 1 }); AllQueued = $true }
        @{ Name = '503, every 11th request'; Block = 2; Faults = @(@{ kind = '503'; every = 11 }); AllQueued = $true }
        @{ Name = 'reset before processing, every 13th request'; Block = 3; Faults = @(@{ kind = 'reset-before'; every = 13 }) }
        @{ Name = '500 after accepting, every 17th request'; Block = 4; Faults = @(@{ kind = '500-after-accept'; every = 17 }) }
        @{ Name = 'reset after accepting, every 19th request'; Block = 5; Faults = @(@{ kind = 'reset-after'; every = 19 }) }
        @{ Name = 'slow answer past the timeout, every 23rd request'; Block = 6; Faults = @(@{ kind = 'slow'; every = 23; delayMs = 4000 }); TimeoutSec = 2 }
        @{ Name = 'malformed 200, every 29th request'; Block = 7; Faults = @(@{ kind = 'malformed'; every = 29 }) }
        @{ Name = '3 failing items in every 10th batch'; Block = 8; Faults = @(@{ kind = 'partial'; every = 10; count = 3 }) }
        @{
            Name = 'all of them at once, explicit correlators, with a journal'; Block = 9; TimeoutSec = 2; Correlators = $true; Journal = $true
            Faults = @(
                @{ kind = '429'; every = 7; retryAfter = 1 }, @{ kind = '503'; every = 11 }, @{ kind = 'reset-before'; every = 13 },
                @{ kind = '500-after-accept'; every = 17 }, @{ kind = 'reset-after'; every = 19 }, @{ kind = 'slow'; every = 23; delayMs = 4000 },
                @{ kind = 'malformed'; every = 29 }, @{ kind = 'partial'; every = 10; count = 3 })
        }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'SimulatorHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'FaultInjectionHelpers.psm1') -Force
    Import-Module (Get-TestModuleManifest) -Force

    # The benchmark's pace override would change the pacing these tests rely on.
    $savedPace = $env:CLOUDREBUE_SIMULATOR_REQUESTS_PER_SECOND
    $env:CLOUDREBUE_SIMULATOR_REQUESTS_PER_SECOND = $null

    # One simulator for every case: no added latency, the API's 120 requests/s, no receipts (no endpoints).
    $sim = Start-RebueSimulator -ArgumentList '--rate-limit', '120', '--latency-ms', '0', '--receipt-delay-ms', '0'
    $summary = [System.Collections.Generic.List[object]]::new()
    $suiteClock = [System.Diagnostics.Stopwatch]::StartNew()

    function Connect-Simulator([int] $TimeoutSec) {
        $token = ConvertTo-SecureString $sim.Token -AsPlainText -Force
        $null = Connect-CloudRebue -Token $token -BaseUri $sim.BaseUri -DefaultSender 'FAULTS' -TimeoutSec $TimeoutSec
    }

    function Reset-Simulator([hashtable] $Config) {
        Reset-RebueSimulator $sim
        $null = Set-RebueSimulatorConfig $sim -Config $Config
    }

    function Assert-Empty($Set, [string] $What) {
        $Set.Count | Should -Be 0 -Because "$What (e.g. $(Format-Sample $Set))"
    }
}

AfterAll {
    if (Get-Command Disconnect-CloudRebue -ErrorAction SilentlyContinue) { Disconnect-CloudRebue -ErrorAction SilentlyContinue }
    if ($sim) { Stop-RebueSimulator $sim }
    $env:CLOUDREBUE_SIMULATOR_REQUESTS_PER_SECOND = $savedPace

    if ($summary -and $summary.Count -gt 0) {
        $outDir = Join-Path $PSScriptRoot 'out'
        $null = New-Item -ItemType Directory -Force $outDir
        $table = Format-FaultSummary $summary.ToArray()
        $text = "# Fault injection: Send-RebueSms against the simulator`n`n$table`n`nSuite time: $('{0:N1}' -f $suiteClock.Elapsed.TotalSeconds) s.`n"
        Set-Content -Path (Join-Path $outDir 'FaultInjection.md') -Value $text -Encoding utf8
        Write-Host "`nFault injection summary (tests/Pester/out/FaultInjection.md):`n$table`nSuite time: $('{0:N1}' -f $suiteClock.Elapsed.TotalSeconds) s`n"
    }
}

Describe 'Send-RebueSms under injected faults (10,000 messages a case)' {
    It '<Name>' -ForEach $faultCases {
        $count = 10000
        $timeout = if ($TimeoutSec) { $TimeoutSec } else { 10 }
        Reset-Simulator @{ latencyMs = 0; rateLimit = 120; faults = $Faults }
        Connect-Simulator -TimeoutSec $timeout

        $rows = @(New-FaultTestRows -Count $count -Block $Block -CorrelatorPrefix $(if ($Correlators) { "fi$Block" }))
        $send = @{ Message = "Fault suite case $Block ($Name)"; ErrorAction = 'Ignore' }
        if ($Journal) { $send.JournalPath = Join-Path $TestDrive "case$Block.journal" }
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        $results = @($rows | Send-RebueSms @send)
        $seconds = $clock.Elapsed.TotalSeconds

        $stats = Get-RebueSimulatorStats $sim
        $accepted = Get-AcceptedIndex $sim
        $resetBefore = [int] ($stats.faults.'reset-before' ?? 0)
        $partial = [int] ($stats.faults.partial ?? 0)
        $c = Compare-FaultRun -Results $results -InputPhones $rows.Phone -Accepted $accepted -ResetBeforeRequests $resetBefore
        $summary.Add([pscustomobject]@{
                Case = $Name; Messages = $count; Requests = $stats.sendRequests; Accepted = $stats.acceptedMessages
                Queued = $c.Queued; Unknown = $c.Unknown; Failed = $c.Failed; Duplicates = $stats.duplicates; Lost = $c.Lost; Seconds = $seconds
            })

        # Each fault of the case really fired.
        foreach ($fault in $Faults) { [int] $stats.faults.($fault.kind) | Should -BeGreaterThan 0 -Because "the $($fault.kind) fault should have fired" }

        # Every input recipient is accounted for exactly once, and nothing was sent twice.
        $c.Results | Should -Be $count
        $c.DistinctResults | Should -Be $count
        Assert-Empty $c.MissingPhones 'input phones without a result'
        Assert-Empty $c.PhonesNotInInput 'results for phones that were not in the input'
        if ($Correlators) { @($results | Where-Object { $_.Correlator -notlike "fi$Block-*" }).Count | Should -Be 0 -Because 'explicit correlators are kept' }
        $stats.duplicates | Should -Be 0
        $accepted.Keys.Count | Should -Be $accepted.Total -Because 'the simulator accepted no recipient twice'
        $c.Statuses | ForEach-Object { $_ | Should -BeIn 'Queued', 'Unknown', 'Failed' }

        # Queued == accepted in readably answered requests; Unknown == accepted in ambiguous ones + reset-before batches.
        Assert-Empty $c.QueuedNotAccepted 'recipients reported Queued that the simulator never accepted'
        Assert-Empty $c.AcceptedNotQueued 'recipients accepted in an answered request but not reported Queued'
        Assert-Empty $c.AmbiguousNotUnknown 'recipients accepted in an ambiguous request but not reported Unknown'
        Assert-Empty $c.UnknownAcceptedUnfaulted 'recipients reported Unknown although their request was answered'
        $c.UnknownNotAccepted | Should -Be $c.ExpectedUnknownNotAccepted -Because 'every recipient of a reset-before request is Unknown, and only those are Unknown without being accepted'
        Assert-Empty $c.FailedAccepted 'recipients reported Failed that the simulator accepted'
        $c.Lost | Should -Be 0

        # Failed: exactly the partial fault's items. A batch could only also fail by running out of
        # retries after 7 retryable faults in a row (SendFailed), never expected with these plans.
        $rejected = @($results | Where-Object { $_.Status -eq 'Failed' })
        @($rejected | Where-Object ErrorId -eq 'CloudRebue.MessageRejected').Count | Should -Be ($partial * 3)
        @($rejected | Where-Object ErrorId -ne 'CloudRebue.MessageRejected').Count | Should -Be 0 -Because 'only partial items fail'
        @($results | Where-Object { $_.Status -eq 'Unknown' -and $_.ErrorId -ne 'CloudRebue.OutcomeUnknown' }).Count | Should -Be 0
        if ($AllQueued) { $c.Queued | Should -Be $count -Because '429 and 503 are retried until accepted' }

        if ($Journal) {
            # The journal ends the run with the same account as the output.
            $entries = @(Get-RebueSendJournal $send.JournalPath -State Queued, Failed, Unknown, Pending)
            $entries.Count | Should -Be $count
            foreach ($state in 'Queued', 'Failed', 'Unknown') {
                $inJournal = @($entries | Where-Object State -eq $state | ForEach-Object { Get-RecipientKey $_.Correlator $_.Phone } | Sort-Object)
                $inOutput = @($results | Where-Object Status -eq $state | ForEach-Object { Get-RecipientKey $_.Correlator $_.Phone } | Sort-Object)
                ($inJournal -join ',') -ceq ($inOutput -join ',') | Should -BeTrue -Because "the journal's $state recipients are the output's"
            }
        }
    }
}
