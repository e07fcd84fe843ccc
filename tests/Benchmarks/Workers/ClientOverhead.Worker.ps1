# Figure 3, in a fresh pwsh with CLOUDREBUE_SIMULATOR_REQUESTS_PER_SECOND set high: the same CSV read
# with 'Import-Csv | Out-Null' and sent with 'Import-Csv | Send-RebueSms | Out-Null', interleaved
# (read, send, read, send, ...) so both see the same machine. A small warm-up of each runs first.
# The simulator's CPU time per send is reported too: it shares this machine's cores.
param(
    [Parameter(Mandatory)] [string] $ModuleDir,
    [Parameter(Mandatory)] [string] $BaseUri,
    [Parameter(Mandatory)] [string] $RootUri,
    [Parameter(Mandatory)] [string] $CsvPath,
    [Parameter(Mandatory)] [string] $WarmupCsvPath,
    [Parameter(Mandatory)] [int] $Repetitions,
    [Parameter(Mandatory)] [int] $SimulatorPid
)
. (Join-Path $PSScriptRoot 'WorkerCommon.ps1')
Connect-BenchSimulator $ModuleDir $BaseUri
$simulator = [Diagnostics.Process]::GetProcessById($SimulatorPid)

Import-Csv $WarmupCsvPath | Out-Null
Import-Csv $WarmupCsvPath | Send-RebueSms | Out-Null

$failed = [Collections.ArrayList]::new()
$reads = @(); $sends = @()
for ($i = 0; $i -lt $Repetitions; $i++) {
    $reads += Measure-BenchBlock { Import-Csv $CsvPath | Out-Null }
    Reset-BenchSimulator $RootUri   # keeps the simulator's store of accepted messages small
    $simulator.Refresh(); $simulatorCpu = $simulator.TotalProcessorTime
    $send = Measure-BenchBlock { Import-Csv $CsvPath | Send-RebueSms -ErrorAction SilentlyContinue -ErrorVariable +failed | Out-Null }
    $simulator.Refresh()
    $send | Add-Member -NotePropertyName SimulatorCpuSeconds -NotePropertyValue ($simulator.TotalProcessorTime - $simulatorCpu).TotalSeconds
    $sends += $send
}
Write-BenchResult @{ Reads = $reads; Sends = $sends; Errors = $failed.Count }
