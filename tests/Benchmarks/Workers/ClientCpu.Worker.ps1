# Figure 3, in a fresh pwsh with CLOUDREBUE_SIMULATOR_REQUESTS_PER_SECOND set high: the same CSV read
# with 'Import-Csv | Out-Null' and sent with 'Import-Csv | Send-RebueSms | Out-Null', interleaved
# (read, send, read, send, ...) so both see the same machine. A small warm-up of each runs first.
# For the breakdown, two stages in between are timed too: binding alone (a no-op cmdlet with
# Send-RebueSms's pipeline parameters) and 'Send-RebueSms -WhatIf' (binding, phone numbers,
# correlators, units; no HTTP). The simulator's CPU time per send is reported: it shares the cores.
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
. (Join-Path $PSScriptRoot 'BindingProbe.ps1')
Connect-BenchSimulator $ModuleDir $BaseUri
Import-RebueSmsBindingProbe
$simulator = [Diagnostics.Process]::GetProcessById($SimulatorPid)

Import-Csv $WarmupCsvPath | Out-Null
Import-Csv $WarmupCsvPath | Test-RebueSmsBinding | Out-Null
Import-Csv $WarmupCsvPath | Send-RebueSms -WhatIf | Out-Null
Import-Csv $WarmupCsvPath | Send-RebueSms | Out-Null

$failed = [Collections.ArrayList]::new()
$reads = @(); $bindings = @(); $plans = @(); $sends = @()
for ($i = 0; $i -lt $Repetitions; $i++) {
    $reads += Measure-BenchBlock { Import-Csv $CsvPath | Out-Null }
    $bindings += Measure-BenchBlock { Import-Csv $CsvPath | Test-RebueSmsBinding | Out-Null }
    $plans += Measure-BenchBlock { Import-Csv $CsvPath | Send-RebueSms -WhatIf | Out-Null }
    Reset-BenchSimulator $RootUri   # keeps the simulator's store of accepted messages small
    $simulator.Refresh(); $simulatorCpu = $simulator.TotalProcessorTime
    $send = Measure-BenchBlock { Import-Csv $CsvPath | Send-RebueSms -ErrorAction SilentlyContinue -ErrorVariable +failed | Out-Null }
    $simulator.Refresh()
    $send | Add-Member -NotePropertyName SimulatorCpuSeconds -NotePropertyValue ($simulator.TotalProcessorTime - $simulatorCpu).TotalSeconds
    $sends += $send
}
Write-BenchResult @{ Reads = $reads; Bindings = $bindings; Plans = $plans; Sends = $sends; Errors = $failed.Count }
