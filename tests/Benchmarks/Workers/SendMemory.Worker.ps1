# Figure 4, in a fresh pwsh with the pace lifted: how much memory sending a whole CSV takes. The
# baseline is the working set once the module is imported and connected; the peak is the process's
# high-water mark (Process.PeakWorkingSet64, VmHWM on Linux) after the send. Results go to Out-Null,
# so this process holds nothing it was given.
param(
    [Parameter(Mandatory)] [string] $ModuleDir,
    [Parameter(Mandatory)] [string] $BaseUri,
    [Parameter(Mandatory)] [string] $CsvPath
)
. (Join-Path $PSScriptRoot 'WorkerCommon.ps1')
Connect-BenchSimulator $ModuleDir $BaseUri
$self = [Diagnostics.Process]::GetCurrentProcess()
$self.Refresh()
$baseline = $self.WorkingSet64
$baselinePeak = $self.PeakWorkingSet64

$failed = [Collections.ArrayList]::new()
$run = Measure-BenchBlock { Import-Csv $CsvPath | Send-RebueSms -ErrorAction SilentlyContinue -ErrorVariable +failed | Out-Null }
$self.Refresh()
Write-BenchResult @{
    BaselineBytes = $baseline; BaselinePeakBytes = $baselinePeak; PeakBytes = $self.PeakWorkingSet64; EndBytes = $self.WorkingSet64
    ManagedHeapBytes = [GC]::GetTotalMemory($false); Seconds = $run.Seconds; Errors = $failed.Count
}
