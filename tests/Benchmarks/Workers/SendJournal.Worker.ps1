# Figure 7, in a fresh pwsh with the pace lifted: one use of a send journal, and what it cost. Send
# sends the CSV with -JournalPath; Resume sends it again with the same journal (everything is Skipped,
# nothing goes out); Summary is Get-RebueSendJournal. Memory as in figure 4: the baseline is the working
# set once the module is imported and connected, the peak the process's high-water mark after the run.
param(
    [Parameter(Mandatory)] [string] $ModuleDir,
    [Parameter(Mandatory)] [string] $BaseUri,
    [Parameter(Mandatory)] [string] $CsvPath,
    [Parameter(Mandatory)] [string] $JournalPath,
    [Parameter(Mandatory)] [ValidateSet('Send', 'Resume', 'Summary')] [string] $Mode,
    # A text for every row (a template), for CSV files without a Message column.
    [string] $Message
)
. (Join-Path $PSScriptRoot 'WorkerCommon.ps1')
Connect-BenchSimulator $ModuleDir $BaseUri
$self = [Diagnostics.Process]::GetCurrentProcess()
$self.Refresh()
$baseline = $self.WorkingSet64

$counts = @{}
$failed = [Collections.ArrayList]::new()
$run = Measure-BenchBlock {
    switch ($Mode) {
        'Summary' { $s = Get-RebueSendJournal $JournalPath; $counts.Queued = $s.Queued; $counts.Recipients = $s.Recipients }
        default {
            $text = if ($Message) { @{ Message = $Message } } else { @{} }
            Import-Csv $CsvPath | Send-RebueSms @text -JournalPath $JournalPath -ErrorAction SilentlyContinue -ErrorVariable +failed |
                ForEach-Object { $counts["$($_.Status)"] = 1 + [int] $counts["$($_.Status)"] }
        }
    }
}
$self.Refresh()
Write-BenchResult @{
    BaselineBytes = $baseline; PeakBytes = $self.PeakWorkingSet64; Seconds = $run.Seconds; Errors = $failed.Count
    Counts = $counts; JournalBytes = (Get-Item $JournalPath).Length
}
