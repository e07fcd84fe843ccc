<#
.SYNOPSIS
    Figure 3: the client's own cost. 200,000 rows against the simulator with its limit lifted
    (--rate-limit 0) and no latency, the module's pace lifted by CLOUDREBUE_SIMULATOR_REQUESTS_PER_SECOND
    (loopback only): time of 'Import-Csv | Send-RebueSms | Out-Null' over the time of
    'Import-Csv | Out-Null' on the same file, the median of interleaved repetitions.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleDir,
    [Parameter(Mandatory)] [string] $Configuration,
    [Parameter(Mandatory)] [string] $WorkDir,
    [int] $Rows = 200000,
    [int] $Repetitions = 5,
    # Import-Csv itself needs thousands of rows before its code is fully compiled (tiered JIT).
    [int] $WarmupRows = 20000
)
$ErrorActionPreference = 'Stop'
$csv = New-BenchCsv -Path (Join-Path $WorkDir "rows-$Rows.csv") -Rows $Rows
$warmup = New-BenchCsv -Path (Join-Path $WorkDir "rows-$WarmupRows.csv") -Rows $WarmupRows

$sim = Start-RebueSimulator -Configuration $Configuration -ArgumentList '--rate-limit', '0', '--latency-ms', '0'
try {
    $run = Invoke-BenchWorker -Script (Get-BenchWorkerPath 'ClientOverhead.Worker.ps1') -TimeoutSeconds 300 `
        -Parameters @{ ModuleDir = $ModuleDir; BaseUri = $sim.BaseUri; RootUri = $sim.RootUri; CsvPath = $csv; WarmupCsvPath = $warmup; Repetitions = $Repetitions; SimulatorPid = $sim.Pid } `
        -Environment @{ CLOUDREBUE_BENCH_TOKEN = $sim.Token; CLOUDREBUE_SIMULATOR_REQUESTS_PER_SECOND = 100000 }
    $stats = Get-RebueSimulatorStats $sim
}
finally { Stop-RebueSimulator $sim }

$read = Get-Median $run.Reads.Seconds
$bind = Get-Median $run.Bindings.Seconds
$plan = Get-Median $run.Plans.Seconds
$send = Get-Median $run.Sends.Seconds
$ratio = $send / $read
$us = { param($seconds) Format-Number (1e6 * $seconds / $Rows) 1 }
$pairs = for ($i = 0; $i -lt @($run.Sends).Count; $i++) { Format-Number ($run.Sends[$i].Seconds / $run.Reads[$i].Seconds) 2 }
$detail = "median of $Repetitions, wall time per row: Import-Csv | Out-Null $(& $us $read) us; " +
    "+ binding Send-RebueSms's pipeline parameters (no-op cmdlet) $(& $us ($bind - $read)) us; " +
    "+ rows to messages (-WhatIf: phones, correlators, units) $(& $us ($plan - $bind)) us; " +
    "+ sending (engine, JSON, HTTP, results) $(& $us ($send - $plan)) us; = $(& $us $send) us. " +
    "CPU per row during the send: sending process $(& $us (Get-Median $run.Sends.CpuSeconds)) us, simulator $(& $us (Get-Median $run.Sends.SimulatorCpuSeconds)) us (2 cores). " +
    "Each pair: $($pairs -join ', '); $($run.Errors) error(s); last send: $(Format-Number $stats.acceptedMessages) accepted"
$ok = $run.Errors -eq 0 -and $stats.acceptedMessages -eq $Rows
New-BenchRow -Figure '3' -Measure "Client overhead, $(Format-Number $Rows) rows (send time / read time)" -Result (Format-Number $ratio 2) `
    -Target '<= 1.5' -Met ($ratio -le 1.5 -and $ok) -Detail $detail
