# The send journal under real faults, end to end: two processes racing on one journal, and a journal on
# a genuinely full disk (a 64 KB tmpfs, where this machine lets the test mount one).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'SimulatorHelpers.psm1') -Force

    $script:worker = Join-Path $PSScriptRoot 'JournalWorker.ps1'
    $script:manifest = Get-TestModuleManifest

    function New-PhoneCsv([string] $Path, [int] $Rows, [int] $From = 0) {
        $lines = [System.Collections.Generic.List[string]]::new()
        $lines.Add('Name,Phone,Message')
        for ($i = 1; $i -le $Rows; $i++) { $lines.Add("Customer $($From + $i),07$(20000000 + $From + $i),Invoice $($From + $i) is ready") }
        Set-Content -Path $Path -Value $lines
    }

    # Starts JournalWorker.ps1 in a fresh pwsh; the caller waits for it and kills it by its PID.
    function Start-JournalWorker([hashtable] $Parameters) {
        $pwsh = Get-PwshInvocation
        $startInfo = [System.Diagnostics.ProcessStartInfo]::new($pwsh[0])
        foreach ($a in @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $script:worker)) { $startInfo.ArgumentList.Add($a) }
        foreach ($pair in $Parameters.GetEnumerator()) { $startInfo.ArgumentList.Add("-$($pair.Key)"); $startInfo.ArgumentList.Add([string] $pair.Value) }
        $startInfo.Environment['CLOUDREBUE_TEST_TOKEN'] = $script:sim.Token
        $startInfo.UseShellExecute = $false
        $startInfo.RedirectStandardOutput = $true
        $startInfo.RedirectStandardError = $true
        $process = [System.Diagnostics.Process]::Start($startInfo)
        [pscustomobject]@{ Process = $process; Stdout = $process.StandardOutput.ReadToEndAsync(); Stderr = $process.StandardError.ReadToEndAsync(); ResultPath = $Parameters.ResultPath }
    }

    function Wait-JournalWorker($Worker, [int] $TimeoutSeconds = 120) {
        if (-not $Worker.Process.WaitForExit($TimeoutSeconds * 1000)) {
            $Worker.Process.Kill($true)
            throw "The worker did not finish within $TimeoutSeconds s: a send that hangs is the bug this test is about."
        }
        $Worker.Process.WaitForExit()
        if (-not (Test-Path $Worker.ResultPath)) { throw "The worker wrote no result (exit $($Worker.Process.ExitCode)):`n$($Worker.Stdout.Result)`n$($Worker.Stderr.Result)" }
        Get-Content $Worker.ResultPath -Raw | ConvertFrom-Json
    }

    function Stop-JournalWorker($Worker) {
        if ($Worker -and -not $Worker.Process.HasExited) { $Worker.Process.Kill($true); $null = $Worker.Process.WaitForExit(5000) }
    }

    $script:sim = Start-RebueSimulator -ArgumentList '--receipt-delay-ms', '0', '--rate-limit', '0'
}

AfterAll {
    if ($script:sim) { Stop-RebueSimulator $script:sim }
}

Describe 'Two Send-RebueSms processes on one journal' {
    BeforeEach { Reset-RebueSimulator $sim }

    It 'refuses the second at once with CloudRebue.JournalInUse, and nothing is sent twice' {
        $csv = Join-Path $TestDrive 'race.csv'
        New-PhoneCsv $csv 2000
        $journal = Join-Path $TestDrive 'race.journal'
        $go = Join-Path $TestDrive 'go'
        # Slow answers and one request at a time keep the first send running for seconds, well past the
        # moment the second one opens the journal.
        Set-RebueSimulatorConfig $sim -Config @{ latencyMs = 300 } | Out-Null
        $workers = @()
        try {
            $workers = foreach ($n in 1, 2) {
                Start-JournalWorker @{ Manifest = $manifest; BaseUri = $sim.BaseUri; CsvPath = $csv; JournalPath = $journal; ResultPath = (Join-Path $TestDrive "race-$n.json"); GoPath = $go; ThrottleLimit = 1 }
            }
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while (@($workers | Where-Object { Test-Path "$($_.ResultPath).ready" }).Count -lt 2) {
                if ([DateTime]::UtcNow -gt $deadline) { throw 'the workers did not get ready within 60 s' }
                Start-Sleep -Milliseconds 20
            }
            Set-Content -Path $go -Value 'go'
            $outcomes = foreach ($w in $workers) { Wait-JournalWorker $w }
        }
        finally {
            foreach ($w in $workers) { Stop-JournalWorker $w }
            Set-RebueSimulatorConfig $sim -Config @{ latencyMs = 0 } | Out-Null
        }

        $refused = @($outcomes | Where-Object ErrorId)
        $sent = @($outcomes | Where-Object { -not $_.ErrorId })
        $refused.Count | Should -Be 1
        $refused[0].ErrorId | Should -BeLike 'CloudRebue.JournalInUse,*'
        $refused[0].Message | Should -Match 'in use by another Send-RebueSms'
        @($refused[0].Results).Count | Should -Be 0
        $sent.Count | Should -Be 1
        @($sent[0].Results | Where-Object Status -eq 'Queued').Count | Should -Be 2000

        $stats = Get-RebueSimulatorStats $sim
        $stats.acceptedMessages | Should -Be 2000
        $stats.duplicates | Should -Be 0

        Import-Module $manifest -Force
        $summary = Get-RebueSendJournal $journal -WarningVariable warnings
        $summary.Queued | Should -Be 2000
        $warnings | Should -BeNullOrEmpty
    }
}

Describe 'A journal on a full disk' {
    BeforeAll {
        # A real 64 KB file system. Mounting needs root (Linux): elsewhere the core tests' filling stream covers it.
        $script:mount = Join-Path ([IO.Path]::GetTempPath()) "cr-full-$PID"
        $null = New-Item -ItemType Directory -Force $mount
        $script:mounted = $false
        if ($IsLinux -and (& id -u) -eq '0') {
            & mount -t tmpfs -o size=64k tmpfs $mount 2>$null
            $script:mounted = $LASTEXITCODE -eq 0
        }
    }

    AfterAll {
        if ($script:mounted) { & umount $script:mount }
        Remove-Item -Recurse -Force -ErrorAction SilentlyContinue $script:mount
    }

    BeforeEach { Reset-RebueSimulator $sim }

    It 'stops promptly with CloudRebue.JournalWriteFailed, reports every recipient it read, and leaves a readable journal' {
        if (-not $script:mounted) { Set-ItResult -Skipped -Because 'a tmpfs cannot be mounted here (needs root on Linux)'; return }
        $csv = Join-Path $TestDrive 'full.csv'
        New-PhoneCsv $csv 2000
        $journal = Join-Path $mount 'send.journal'
        $worker = $null
        try {
            $worker = Start-JournalWorker @{ Manifest = $manifest; BaseUri = $sim.BaseUri; CsvPath = $csv; JournalPath = $journal; ResultPath = (Join-Path $TestDrive 'full.json') }
            $outcome = Wait-JournalWorker $worker 60
        }
        finally { Stop-JournalWorker $worker }

        $outcome.ErrorId | Should -BeLike 'CloudRebue.JournalWriteFailed,*'
        $outcome.Message | Should -Match 'No space left on device'
        $results = @($outcome.Results)
        $results.Count | Should -BeGreaterThan 0
        @($results.Correlator | Sort-Object -Unique).Count | Should -Be $results.Count

        # Everything the simulator accepted was reported Queued, and nothing reported otherwise was sent.
        $stats = Get-RebueSimulatorStats $sim
        $stats.duplicates | Should -Be 0
        $accepted = @(Get-RebueSimulatorMessages $sim | ForEach-Object correlator | Sort-Object)
        $queued = @($results | Where-Object Status -eq 'Queued' | ForEach-Object Correlator | Sort-Object)
        $queued | Should -Be $accepted
        @($results | Where-Object { $_.Status -ne 'Queued' -and $_.ErrorId -ne 'CloudRebue.NotSent' }).Count | Should -Be 0
        $stats.acceptedMessages | Should -BeLessThan 2000

        # The journal is readable, and says Queued only of what was accepted.
        Import-Module $manifest -Force
        $entries = @(Get-RebueSendJournal $journal -State Queued -WarningAction SilentlyContinue)
        @($entries | Where-Object { $accepted -notcontains $_.Correlator }).Count | Should -Be 0
    }
}
