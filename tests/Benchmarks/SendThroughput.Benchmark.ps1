<#
.SYNOPSIS
    Figure 1: messages/s of 'Import-Csv | Send-RebueSms' against the simulator at its default 120
    requests/s limit with 50 ms added latency, as a fraction of the 12,000 messages/s ceiling
    (120 requests/s x 100 messages). Also checks the pacing held: no 429, at most 120 requests in any
    1-second window as the simulator counted them.
.OUTPUTS
    Report rows; the first carries MessagesPerSecond for figure 2's speed-ups.
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
$warmup = New-BenchCsv -Path (Join-Path $WorkDir 'rows-1000.csv') -Rows 1000

$sim = Start-RebueSimulator -Configuration $Configuration -ArgumentList '--latency-ms', '50'
try {
    $run = Invoke-BenchWorker -Script (Get-BenchWorkerPath 'SendRate.Worker.ps1') -TimeoutSeconds 180 `
        -Parameters @{ ModuleDir = $ModuleDir; BaseUri = $sim.BaseUri; RootUri = $sim.RootUri; CsvPath = $csv; WarmupCsvPath = $warmup } `
        -Environment @{ CLOUDREBUE_BENCH_TOKEN = $sim.Token }
    $stats = Get-RebueSimulatorStats $sim
}
finally { Stop-RebueSimulator $sim }

$rate = $stats.acceptedMessages / $run.Seconds
$fraction = $rate / $ceiling
$tooMany = if ($stats.requests.PSObject.Properties['429']) { [int] $stats.requests.'429' } else { 0 }
$detail = "$(Format-Number $stats.acceptedMessages) of $(Format-Number $Rows) accepted in $(Format-Number $run.Seconds 2) s = $(Format-Number $rate) msg/s; $(Format-Number $stats.sendRequests) requests; sender CPU $(Format-Number $run.CpuSeconds 1) s; $($run.Errors) error(s)"
$row = New-BenchRow -Figure '1' -Measure "Send throughput, $(Format-Number $Rows) rows" -Result "$(Format-Number $fraction 3) of 12,000 msg/s" `
    -Target '>= 0.95' -Met ($fraction -ge 0.95 -and $stats.acceptedMessages -eq $Rows) -Detail $detail
$row | Add-Member -NotePropertyName MessagesPerSecond -NotePropertyValue $rate
$row
New-BenchRow -Figure '1' -Measure '429 responses during the send' -Result "$tooMany" -Target '0' -Met ($tooMany -eq 0) `
    -Detail "responses by status: $(($stats.requests.PSObject.Properties | ForEach-Object { "$($_.Name): $($_.Value)" }) -join ', ')"
New-BenchRow -Figure '1' -Measure 'Most requests in any 1-s window (simulator)' -Result "$($stats.maxRequestsInAnyWindow)" -Target '<= 120' `
    -Met ($stats.maxRequestsInAnyWindow -le 120)
