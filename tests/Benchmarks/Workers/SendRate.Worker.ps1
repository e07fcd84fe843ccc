# Figure 1, in a fresh pwsh: 'Import-Csv | Send-RebueSms' at the API's pace against the simulator.
# A small warm-up first (JIT, connections), then the simulator is reset and the full file is timed.
param(
    [Parameter(Mandatory)] [string] $ModuleDir,
    [Parameter(Mandatory)] [string] $BaseUri,
    [Parameter(Mandatory)] [string] $RootUri,
    [Parameter(Mandatory)] [string] $CsvPath,
    [Parameter(Mandatory)] [string] $WarmupCsvPath
)
. (Join-Path $PSScriptRoot 'WorkerCommon.ps1')
Connect-BenchSimulator $ModuleDir $BaseUri

Import-Csv $WarmupCsvPath | Send-RebueSms | Out-Null
Reset-BenchSimulator $RootUri

# Results go to Out-Null; a recipient that was not queued is also an error record, collected here
# (an existing list, so the timed block, which runs in a child scope, appends to it).
$failed = [Collections.ArrayList]::new()
$run = Measure-BenchBlock { Import-Csv $CsvPath | Send-RebueSms -ErrorAction SilentlyContinue -ErrorVariable +failed | Out-Null }
Write-BenchResult @{ Seconds = $run.Seconds; CpuSeconds = $run.CpuSeconds; Errors = $failed.Count }
