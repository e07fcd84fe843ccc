<#
.SYNOPSIS
    Figure 1: messages/s of 'Import-Csv | Send-RebueSms' against the simulator at its default 120
    requests/s limit with 50 ms added latency, as a fraction of the 12,000 messages/s ceiling
    (120 requests/s x 100 messages), in a fresh process (cold) and again in the same process (warm).
    Also checks the pacing held: no 429, at most 120 requests in any 1-second window as the simulator
    counted them.
.OUTPUTS
    Report rows; the warm run's row carries MessagesPerSecond for figure 2's speed-ups.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleDir,
    [Parameter(Mandatory)] [string] $Configuration,
    [Parameter(Mandatory)] [string] $WorkDir,
    [int] $Rows = 100000
)
$ErrorActionPreference = 'Stop'
$ceiling = 120 * 100
$csv = New-BenchCsv -Path (Join-Path $WorkDir "rows-$Rows.csv") -Rows $Rows

$sim = Start-RebueSimulator -Configuration $Configuration -ArgumentList '--latency-ms', '50'
try {
    $result = Invoke-BenchWorker -Script (Get-BenchWorkerPath 'SendRate.Worker.ps1') -TimeoutSeconds 240 `
        -Parameters @{ ModuleDir = $ModuleDir; BaseUri = $sim.BaseUri; RootUri = $sim.RootUri; CsvPath = $csv } `
        -Environment @{ CLOUDREBUE_BENCH_TOKEN = $sim.Token }
}
finally { Stop-RebueSimulator $sim }

$tooMany = 0; $widest = 0
foreach ($run in $result.Runs) {
    $stats = $run.Stats
    $rate = $stats.acceptedMessages / $run.Seconds
    $fraction = $rate / $ceiling
    $statusCounts = ($stats.requests.PSObject.Properties | ForEach-Object { "$($_.Name): $($_.Value)" }) -join ', '
    $runTooMany = if ($stats.requests.PSObject.Properties['429']) { [int] $stats.requests.'429' } else { 0 }
    $tooMany += $runTooMany
    $widest = [math]::Max($widest, [int] $stats.maxRequestsInAnyWindow)
    $label = if ($run.Name -eq 'Cold') { 'fresh process' } else { 'warm, same process again' }
    # The simulator's own GC pauses delay its arrival stamps (see README, "Reading figure 1").
    $simulatorGc = if ($stats.PSObject.Properties['gcPauseMilliseconds']) { "; simulator GC $($stats.gcCount) collection(s), $(Format-Number $stats.gcPauseMilliseconds 0) ms paused" } else { '' }
    $detail = "$(Format-Number $stats.acceptedMessages) of $(Format-Number $Rows) accepted in $(Format-Number $run.Seconds 2) s = $(Format-Number $rate) msg/s; " +
        "answers $statusCounts; most in a 1-s window $($stats.maxRequestsInAnyWindow); sending process CPU $(Format-Number $run.CpuSeconds 1) s$simulatorGc; $($run.Errors) error(s)"
    $row = New-BenchRow -Figure '1' -Measure "Send throughput, $(Format-Number $Rows) rows, $label" -Result "$(Format-Number $fraction 3) of 12,000 msg/s" `
        -Target '>= 0.95' -Met ($fraction -ge 0.95 -and $stats.acceptedMessages -eq $Rows -and $run.Errors -eq 0) -Detail $detail
    if ($run.Name -eq 'Warm') { $row | Add-Member -NotePropertyName MessagesPerSecond -NotePropertyValue $rate }
    $row
}
New-BenchRow -Figure '1' -Measure '429 responses, both runs' -Result "$tooMany" -Target '0' -Met ($tooMany -eq 0)
New-BenchRow -Figure '1' -Measure 'Most requests in any 1-s window, as the simulator counted' -Result "$widest" -Target '<= 120' -Met ($widest -le 120)
