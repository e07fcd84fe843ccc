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
    [int] $Repetitions = 3
)
$ErrorActionPreference = 'Stop'
$csv = New-BenchCsv -Path (Join-Path $WorkDir "rows-$Rows.csv") -Rows $Rows
$warmup = New-BenchCsv -Path (Join-Path $WorkDir 'rows-1000.csv') -Rows 1000

$sim = Start-RebueSimulator -Configuration $Configuration -ArgumentList '--rate-limit', '0', '--latency-ms', '0'
try {
    $run = Invoke-BenchWorker -Script (Get-BenchWorkerPath 'ClientOverhead.Worker.ps1') -TimeoutSeconds 300 `
        -Parameters @{ ModuleDir = $ModuleDir; BaseUri = $sim.BaseUri; RootUri = $sim.RootUri; CsvPath = $csv; WarmupCsvPath = $warmup; Repetitions = $Repetitions; SimulatorPid = $sim.Pid } `
        -Environment @{ CLOUDREBUE_BENCH_TOKEN = $sim.Token; CLOUDREBUE_SIMULATOR_REQUESTS_PER_SECOND = 100000 }
    $stats = Get-RebueSimulatorStats $sim
}
finally { Stop-RebueSimulator $sim }

$read = Get-Median $run.Reads.Seconds
$send = Get-Median $run.Sends.Seconds
$ratio = $send / $read
$perRow = { param($seconds) Format-Number (1e6 * $seconds / $Rows) 1 }
$detail = "median of $Repetitions; Import-Csv | Out-Null $(Format-Number $read 2) s ($(& $perRow $read) us/row, CPU $(& $perRow (Get-Median $run.Reads.CpuSeconds)) us/row); " +
    "Import-Csv | Send-RebueSms | Out-Null $(Format-Number $send 2) s ($(& $perRow $send) us/row, sending process CPU $(& $perRow (Get-Median $run.Sends.CpuSeconds)) us/row, " +
    "simulator CPU $(& $perRow (Get-Median $run.Sends.SimulatorCpuSeconds)) us/row); each pair: $(($run.Sends.Seconds | ForEach-Object -Begin { $i = 0 } -Process { Format-Number ($_ / $run.Reads[$i++].Seconds) 2 }) -join ', '); " +
    "$($run.Errors) error(s); last send: $(Format-Number $stats.acceptedMessages) accepted"
$ok = $run.Errors -eq 0 -and $stats.acceptedMessages -eq $Rows
New-BenchRow -Figure '3' -Measure "Client overhead, $(Format-Number $Rows) rows (send time / read time)" -Result (Format-Number $ratio 2) `
    -Target '<= 1.5' -Met ($ratio -le 1.5 -and $ok) -Detail $detail
