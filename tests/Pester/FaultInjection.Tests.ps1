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
        @{ Name = 'slow answer past the timeout, every 23rd request'; Block = 6; Faults = @(@{ kind = 'slow'; every = 23; delayMs = 5000 }); TimeoutSec = 3 }
        @{ Name = 'malformed 200, every 29th request'; Block = 7; Faults = @(@{ kind = 'malformed'; every = 29 }) }
        @{ Name = '3 failing items in every 10th batch'; Block = 8; Faults = @(@{ kind = 'partial'; every = 10; count = 3 }) }
        @{
            Name = 'all of them at once, explicit correlators, with a journal'; Block = 9; TimeoutSec = 3; Correlators = $true; Journal = $true
            Faults = @(
                @{ kind = '429'; every = 7; retryAfter = 1 }, @{ kind = '503'; every = 11 }, @{ kind = 'reset-before'; every = 13 },
                @{ kind = '500-after-accept'; every = 17 }, @{ kind = 'reset-after'; every = 19 }, @{ kind = 'slow'; every = 23; delayMs = 5000 },
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
        if ($Correlators) { $results.Where({ $_.Correlator -notlike "fi$Block-*" }).Count | Should -Be 0 -Because 'explicit correlators are kept' }
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
        $rejected = $results.Where({ $_.Status -eq 'Failed' })
        $rejected.Where({ $_.ErrorId -eq 'CloudRebue.MessageRejected' }).Count | Should -Be ($partial * 3)
        $rejected.Where({ $_.ErrorId -ne 'CloudRebue.MessageRejected' }).Count | Should -Be 0 -Because 'only partial items fail'
        $results.Where({ $_.Status -eq 'Unknown' -and $_.ErrorId -ne 'CloudRebue.OutcomeUnknown' }).Count | Should -Be 0
        if ($AllQueued) { $c.Queued | Should -Be $count -Because '429 and 503 are retried until accepted' }

        if ($Journal) {
            # The journal ends the run with the same account as the output.
            $entries = @(Get-RebueSendJournal $send.JournalPath -State Queued, Failed, Unknown, Pending)
            $entries.Count | Should -Be $count
            foreach ($state in 'Queued', 'Failed', 'Unknown') {
                $inJournal = New-HashSet; foreach ($e in $entries) { if ([string] $e.State -eq $state) { $null = $inJournal.Add("$($e.Correlator)|$($e.Phone)") } }
                $inOutput = New-HashSet; foreach ($r in $results) { if ([string] $r.Status -eq $state) { $null = $inOutput.Add("$($r.Correlator)|$($r.Phone)") } }
                $inJournal.SetEquals($inOutput) | Should -BeTrue -Because "the journal's $state recipients are the output's"
            }
        }
    }
}

Describe 'A send killed mid-run, then rerun with its journal (20,000 messages)' {
    BeforeAll {
        $count = 20000
        $text = 'Fault suite crash case'
        $csv = Join-Path $TestDrive 'crash.csv'
        $journal = Join-Path $TestDrive 'crash.journal'
        # Phones only: the correlators are generated, so the rerun must derive the same ones.
        New-FaultTestRows -Count $count -Block 90 | Export-Csv -Path $csv -NoTypeInformation
        $allPhones = @(Import-Csv $csv).Phone
        $crash = @{}

        # Starts Send-RebueSms in its own pwsh. The token and paths go by environment, never the command line.
        function Start-ChildSend {
            $pwsh = Get-PwshInvocation
            $script = @'
$ErrorActionPreference = 'Stop'
Import-Module $env:CR_TEST_MANIFEST
$null = Connect-CloudRebue -BaseUri $env:CR_TEST_BASE_URI -DefaultSender 'FAULTS' -TimeoutSec 30
Import-Csv $env:CR_TEST_CSV |
    Send-RebueSms -Message $env:CR_TEST_TEXT -JournalPath $env:CR_TEST_JOURNAL -RequestsPerSecond 20 -ThrottleLimit 4 -ErrorAction SilentlyContinue |
    Out-Null
'@
            $startInfo = [System.Diagnostics.ProcessStartInfo]::new($pwsh[0])
            foreach ($a in @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-EncodedCommand',
                    [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($script)))) { $startInfo.ArgumentList.Add($a) }
            $startInfo.UseShellExecute = $false
            $startInfo.RedirectStandardOutput = $true
            $startInfo.RedirectStandardError = $true
            $startInfo.Environment['CLOUDREBUE_TOKEN'] = $sim.Token
            $startInfo.Environment['CR_TEST_MANIFEST'] = Get-TestModuleManifest
            $startInfo.Environment['CR_TEST_BASE_URI'] = $sim.BaseUri
            $startInfo.Environment['CR_TEST_CSV'] = $csv
            $startInfo.Environment['CR_TEST_JOURNAL'] = $journal
            $startInfo.Environment['CR_TEST_TEXT'] = $text
            $null = $startInfo.Environment.Remove('CLOUDREBUE_SIMULATOR_REQUESTS_PER_SECOND')
            $process = [System.Diagnostics.Process]::Start($startInfo)
            [pscustomobject]@{ Process = $process; Output = $process.StandardOutput.ReadToEndAsync(); Errors = $process.StandardError.ReadToEndAsync() }
        }

        # Waits until the simulator's accepted count stops moving (the killed client's last requests settle).
        function Wait-SimulatorQuiet {
            $before = -1
            $deadline = [DateTime]::UtcNow.AddSeconds(5)
            while ([DateTime]::UtcNow -lt $deadline) {
                $now = (Get-RebueSimulatorStats $sim).acceptedMessages
                if ($now -eq $before) { return }
                $before = $now
                Start-Sleep -Milliseconds 100
            }
        }

        function Get-JournalKeys([string[]] $State) {
            $set = New-HashSet
            foreach ($e in (Get-RebueSendJournal $journal -State $State -WarningAction SilentlyContinue)) { $null = $set.Add("$($e.Correlator)|$($e.Phone)") }
            , $set
        }

        function Add-CrashRow([string] $Case, $Queued, $Unknown, $Lost, [double] $Seconds) {
            $stats = Get-RebueSimulatorStats $sim
            $summary.Add([pscustomobject]@{
                    Case = $Case; Messages = $count; Requests = $stats.sendRequests; Accepted = $stats.acceptedMessages
                    Queued = $Queued; Unknown = $Unknown; Failed = 0; Duplicates = $stats.duplicates; Lost = $Lost; Seconds = $Seconds
                })
        }
    }

    It 'is killed mid-run, and its journal accounts for every message the simulator accepted' {
        # Slow enough (200 ms a request, 20 requests/s, 4 in flight: about 10 s for 200 batches) that the
        # kill lands mid-run. Two faults put Unknown outcomes in the journal besides the Pending ones of
        # the kill: reset-before (nothing accepted) and 500 after accepting (everything accepted).
        Reset-Simulator @{ latencyMs = 200; rateLimit = 120; faults = @(@{ kind = 'reset-before'; every = 13 }, @{ kind = '500-after-accept'; every = 17 }) }
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        $child = Start-ChildSend
        try {
            $deadline = [DateTime]::UtcNow.AddSeconds(90)
            while (-not $child.Process.HasExited -and [DateTime]::UtcNow -lt $deadline -and (Get-RebueSimulatorStats $sim).acceptedMessages -lt 5000) {
                Start-Sleep -Milliseconds 50
            }
            $exitedByItself = $child.Process.HasExited
            if (-not $exitedByItself) { $child.Process.Kill() }   # SIGKILL: no cleanup, no final flush
            $child.Process.WaitForExit()
        }
        finally { if (-not $child.Process.HasExited) { $child.Process.Kill($true) } }
        $exitedByItself | Should -BeFalse -Because "the send should still be running when killed; it printed: $($child.Output.Result) $($child.Errors.Result)"
        Wait-SimulatorQuiet

        $crash.Accepted = Get-AcceptedIndex $sim
        $crash.Queued = Get-JournalKeys Queued
        $crash.Pending = Get-JournalKeys Pending
        $crash.Unknown = Get-JournalKeys Unknown
        $crash.Held = Get-JournalKeys Pending, Unknown
        $failed = Get-JournalKeys Failed
        $crash.Accepted.Total | Should -BeLessThan $count -Because 'the kill should land mid-run'
        ($crash.Queued.Count + $crash.Held.Count + $failed.Count) | Should -BeLessThan $count
        $failed.Count | Should -Be 0
        $crash.Unknown.Count | Should -BeGreaterThan 0 -Because 'the faults should have fired before the kill'

        # The journal never forgets an accepted message, and never calls one Queued that was not answered:
        # accepted in an answered request -> Queued (or Pending if the kill came first); in a 500 -> Unknown (or Pending).
        $wrong = New-HashSet
        foreach ($pair in $crash.Accepted.Keys.GetEnumerator()) {
            $asExpected = if ($pair.Value -eq '500-after-accept') { $crash.Unknown.Contains($pair.Key) } else { $crash.Queued.Contains($pair.Key) }
            if (-not $asExpected -and -not $crash.Pending.Contains($pair.Key)) { $null = $wrong.Add("$($pair.Key) ($($pair.Value))") }
        }
        Assert-Empty $wrong 'accepted recipients whose journal state does not match their request'
        $notAccepted = New-HashSet
        foreach ($key in $crash.Queued) { if (-not $crash.Accepted.Keys.ContainsKey($key)) { $null = $notAccepted.Add($key) } }
        Assert-Empty $notAccepted 'journal Queued recipients the simulator never accepted'
        (Get-RebueSimulatorStats $sim).duplicates | Should -Be 0
        Add-CrashRow 'crash: killed mid-run (journal states)' $crash.Queued.Count $crash.Held.Count $null $clock.Elapsed.TotalSeconds
    }

    It 'reruns with the same journal: the rest is sent, nothing twice, only Pending/Unknown held back' {
        $crash.Accepted | Should -Not -BeNullOrEmpty -Because 'the crash test ran first'
        # No reset: the simulator keeps what it accepted before the crash, so duplicates would show.
        $null = Set-RebueSimulatorConfig $sim -Config @{ latencyMs = 0; faults = @() }
        Connect-Simulator -TimeoutSec 10
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        $results = @(Import-Csv $csv | Send-RebueSms -Message $text -JournalPath $journal -ErrorAction Ignore -WarningAction SilentlyContinue)
        $seconds = $clock.Elapsed.TotalSeconds

        $results.Count | Should -Be $count
        @($results.Phone | Sort-Object -Unique).Count | Should -Be $count
        $byStatus = @{}
        foreach ($r in $results) {
            if (-not $byStatus.ContainsKey([string] $r.Status)) { $byStatus[[string] $r.Status] = New-HashSet }
            $null = $byStatus[[string] $r.Status].Add("$($r.Correlator)|$($r.Phone)")
        }
        @($byStatus.Keys) | ForEach-Object { $_ | Should -BeIn 'Skipped', 'Unknown', 'Queued' }
        $skipped = Get-SetOrEmpty $byStatus 'Skipped'
        $held = Get-SetOrEmpty $byStatus 'Unknown'
        $sentNow = Get-SetOrEmpty $byStatus 'Queued'
        $skipped.SetEquals($crash.Queued) | Should -BeTrue -Because 'what the journal has as Queued is skipped'
        $held.SetEquals($crash.Held) | Should -BeTrue -Because 'what the journal has as Pending or Unknown is held back, not resent'

        $stats = Get-RebueSimulatorStats $sim
        $stats.duplicates | Should -Be 0
        $accepted = Get-AcceptedIndex $sim
        # The same input gives the same generated correlator: one correlator per phone across both runs.
        $accepted.PhonesWithSeveralCorrelators | Should -Be 0
        # The union of both runs covers every recipient except those held back.
        $heldPhones = New-HashSet
        foreach ($key in $crash.Held) { $null = $heldPhones.Add($key.Split('|')[1]) }
        $lost = New-HashSet
        foreach ($phone in $allPhones) { if (-not $accepted.Phones.ContainsKey($phone) -and -not $heldPhones.Contains($phone)) { $null = $lost.Add($phone) } }
        Assert-Empty $lost 'recipients neither accepted in either run nor held back as Pending/Unknown'
        $crash.AcceptedBeforeResend = $accepted
        Add-CrashRow 'crash: plain rerun (cumulative)' ($skipped.Count + $sentNow.Count) $held.Count $lost.Count $seconds
    }

    It 'reruns with -ResendUnknown: every recipient is accepted; only held messages the simulator had accepted are duplicated' {
        $crash.AcceptedBeforeResend | Should -Not -BeNullOrEmpty -Because 'the plain rerun ran first'
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        $results = @(Import-Csv $csv | Send-RebueSms -Message $text -JournalPath $journal -ResendUnknown -ErrorAction Ignore -WarningAction SilentlyContinue)
        $seconds = $clock.Elapsed.TotalSeconds

        $results.Count | Should -Be $count
        $resent = New-HashSet
        foreach ($r in $results) { if ([string] $r.Status -eq 'Queued') { $null = $resent.Add("$($r.Correlator)|$($r.Phone)") } }
        $resent.SetEquals($crash.Held) | Should -BeTrue -Because 'exactly the held recipients are sent again'
        $results.Where({ [string] $_.Status -notin 'Queued', 'Skipped' }).Count | Should -Be 0

        # Duplicates are exactly the held messages that had in fact been accepted before the crash.
        $expectedDuplicates = 0
        foreach ($key in $crash.Held) { if ($crash.AcceptedBeforeResend.Keys.ContainsKey($key)) { $expectedDuplicates++ } }
        $stats = Get-RebueSimulatorStats $sim
        $stats.duplicates | Should -Be $expectedDuplicates
        $accepted = Get-AcceptedIndex $sim
        $lost = New-HashSet
        foreach ($phone in $allPhones) { if (-not $accepted.Phones.ContainsKey($phone)) { $null = $lost.Add($phone) } }
        Assert-Empty $lost 'recipients never accepted'
        Add-CrashRow 'crash: rerun -ResendUnknown (cumulative)' $count 0 $lost.Count $seconds
        Write-Host ("Crash test: the journal held $($crash.Pending.Count) Pending and $($crash.Unknown.Count) Unknown recipient(s) after the kill. " +
            "-ResendUnknown sent all $($crash.Held.Count) again; $expectedDuplicates of them had in fact been accepted before and are now duplicates, " +
            "the other $($crash.Held.Count - $expectedDuplicates) had never been accepted.")
    }
}
