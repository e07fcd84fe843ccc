# Figure 1, in a fresh pwsh: 'Import-Csv | Send-RebueSms' at the API's pace against the simulator,
# twice: first in the fresh process (cold: .NET's tiered JIT compiles PowerShell's and our code as it
# goes), then again in the same process (warm). The simulator is reset before each run, and its own
# counts for the run are read right after it.
param(
    [Parameter(Mandatory)] [string] $ModuleDir,
    [Parameter(Mandatory)] [string] $BaseUri,
    [Parameter(Mandatory)] [string] $RootUri,
    [Parameter(Mandatory)] [string] $CsvPath
)
. (Join-Path $PSScriptRoot 'WorkerCommon.ps1')
Connect-BenchSimulator $ModuleDir $BaseUri

$runs = foreach ($name in 'Cold', 'Warm') {
    Reset-BenchSimulator $RootUri
    Start-Sleep -Milliseconds 1100   # no request of the run before may share a window with this one
    # Results go to Out-Null; a recipient that was not queued is also an error record, collected here
    # (an existing list, so the timed block, which runs in a child scope, appends to it).
    $failed = [Collections.ArrayList]::new()
    $run = Measure-BenchBlock { Import-Csv $CsvPath | Send-RebueSms -ErrorAction SilentlyContinue -ErrorVariable +failed | Out-Null }
    $stats = Invoke-RestMethod -Uri "$RootUri/_sim/stats" -NoProxy
    @{
        Name = $name; Seconds = $run.Seconds; CpuSeconds = $run.CpuSeconds; JitSeconds = $run.JitSeconds; JitMethods = $run.JitMethods
        GcPauseSeconds = $run.GcPauseSeconds; AllocatedBytes = $run.AllocatedBytes; Errors = $failed.Count; Stats = $stats
    }
}
Write-BenchResult @{ Runs = @($runs) }
