# The soak: runs the xunit suites $Repeat times and the Pester suite $PesterRepeat times against the
# built module, with a CPU burner on one core for every other round, and prints each test that failed at
# least once with its count. A test that fails here now and then fails CI now and then: fix it.

function Invoke-Soak($Context, [int] $Repeat, [int] $PesterRepeat) {
    $soakDir = Join-Path $Context.OutDir 'soak'
    Remove-Item -Recurse -Force -ErrorAction SilentlyContinue $soakDir
    $null = New-Item -ItemType Directory -Force $soakDir
    $projects = @(Get-ChildItem (Join-Path $Context.Root 'tests') -Recurse -Filter '*.Tests.csproj')
    $failures = @{}   # test name -> times failed
    $rounds = [Collections.Generic.List[object]]::new()

    for ($round = 1; $round -le [Math]::Max($Repeat, $PesterRepeat); $round++) {
        $burning = ($round % 2) -eq 0
        $burner = if ($burning) { Start-CpuBurner } else { $null }
        try {
            $started = [Diagnostics.Stopwatch]::StartNew()
            $summary = [ordered]@{ Round = $round; Burner = $burning; Passed = 0; Failed = 0 }
            if ($round -le $Repeat) {
                foreach ($project in $projects) {
                    $trx = Join-Path $soakDir "$($project.BaseName)-$round.trx"
                    & dotnet test $project.FullName -c $Context.Configuration --no-build --nologo `
                        --logger "trx;LogFileName=$trx" --logger 'console;verbosity=quiet' | Out-Null
                    $outcome = Read-TrxOutcome $trx $project.BaseName
                    Add-Outcome $summary $failures $outcome
                }
            }
            if ($round -le $PesterRepeat) {
                $json = Join-Path $soakDir "pester-$round.json"
                $pwsh = Get-PwshInvocation
                & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -File (Join-Path $PSScriptRoot 'Invoke-PesterSuite.ps1') `
                    -ModuleDir $Context.ModuleDir -Configuration $Context.Configuration -ResultPath $json *> (Join-Path $soakDir "pester-$round.log")
                $outcome = if (Test-Path $json) {
                    $counts = Get-Content $json -Raw | ConvertFrom-Json
                    [pscustomobject]@{ Passed = [int] $counts.Passed; FailedTests = @($counts.FailedTests | ForEach-Object { "Pester: $_" }) }
                }
                else { [pscustomobject]@{ Passed = 0; FailedTests = @('Pester: the suite did not report (see its log)') } }
                Add-Outcome $summary $failures $outcome
            }
            $summary.Seconds = [int] $started.Elapsed.TotalSeconds
            $rounds.Add([pscustomobject] $summary)
            Write-Host ("round {0,2} {1,-11} {2,5} passed, {3} failed  ({4} s)" -f $round, $(if ($burning) { '(burner)' } else { '' }), $summary.Passed, $summary.Failed, $summary.Seconds)
        }
        finally {
            if ($burner) { Stop-Process -Id $burner.Id -Force -ErrorAction SilentlyContinue }
        }
    }

    Write-Host ''
    if ($failures.Count -eq 0) { Write-Host "Soak: $($rounds.Count) rounds, no test failed." }
    else {
        Write-Host 'Tests that failed at least once:'
        $failures.GetEnumerator() | Sort-Object Value -Descending | ForEach-Object { Write-Host ("{0,4} x {1}" -f $_.Value, $_.Key) }
    }
    $total = ($rounds | Measure-Object Failed -Sum).Sum
    Write-Host "$(($rounds | Measure-Object Passed -Sum).Sum) passed, $total failed"
    return $total
}

function Add-Outcome($Summary, [hashtable] $Failures, $Outcome) {
    $Summary.Passed += $Outcome.Passed
    $Summary.Failed += @($Outcome.FailedTests).Count
    foreach ($name in $Outcome.FailedTests) { $Failures[$name] = 1 + [int] $Failures[$name] }
}

# Passed count and failed test names of one trx; a run that wrote no trx failed as a whole.
function Read-TrxOutcome([string] $Path, [string] $Project) {
    if (-not (Test-Path $Path)) { return [pscustomobject]@{ Passed = 0; FailedTests = @("${Project}: the run wrote no results") } }
    [xml] $xml = Get-Content $Path -Raw
    $failed = @($xml.TestRun.Results.UnitTestResult | Where-Object { $_.outcome -ne 'Passed' -and $_.outcome -ne 'NotExecuted' } |
        ForEach-Object { "${Project}: $($_.testName)" })
    [pscustomobject]@{ Passed = [int] $xml.TestRun.ResultSummary.Counters.passed; FailedTests = $failed }
}

# A child pwsh that spins one core; it ends by itself after an hour should this script die first.
function Start-CpuBurner {
    $pwsh = Get-PwshInvocation
    $spin = '$end = [DateTime]::UtcNow.AddHours(1); while ([DateTime]::UtcNow -lt $end) { $null = 1 }'
    Start-Process -FilePath $pwsh[0] -ArgumentList (@($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-Command', $spin)) -PassThru
}
