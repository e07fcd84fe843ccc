<#
.SYNOPSIS
    Figure 1: messages/s of 'Import-Csv | Send-RebueSms' against the simulator at its default 120
    requests/s limit with 50 ms added latency, as a fraction of the 12,000 messages/s ceiling
    (120 requests/s x 100 messages). The simulator runs on one core and the client on the other
    (taskset), and -Repeats fresh client processes each send the file twice: cold (the first run of
    the process) and warm (the same again). Reported: the median and range of each, the 429 answers
    and the most requests the simulator counted in any 1-second window.
    Figure 1b: the same with arrival jitter in the simulator (a random delay before a request is
    counted, exponential with the given 99th percentile), as a real server's network adds it.
.OUTPUTS
    Report rows; the warm figure 1 row carries MessagesPerSecond for figure 2's speed-ups.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleDir,
    [Parameter(Mandatory)] [string] $Configuration,
    [Parameter(Mandatory)] [string] $WorkDir,
    [int] $Rows = 100000,
    [int] $Repeats = 3,
    # Figure 1b: one set of runs per 99th percentile of arrival jitter, in ms: 2 processes for the one
    # with a target (20 ms), 1 for the others (the whole benchmark must stay under 10 minutes).
    [int[]] $JitterP99Ms = @(20, 50),
    [int] $JitterRepeats = 2
)
$ErrorActionPreference = 'Stop'
$ceiling = 120 * 100
$csv = New-BenchCsv -Path (Join-Path $WorkDir "rows-$Rows.csv") -Rows $Rows
$cores = Get-BenchCores

# Every run of one simulator setting: fresh client processes, each cold then warm.
function Invoke-ThroughputRuns([int] $Jitter, [int] $Processes, [hashtable] $HostSetting = @{}) {
    $arguments = @('--latency-ms', '50') + $(if ($Jitter -gt 0) { '--jitter-p99-ms', "$Jitter" } else { @() })
    $sim = Start-RebueSimulator -Configuration $Configuration -ArgumentList $arguments -CpuList $cores.Simulator
    try {
        foreach ($repeat in 1..$Processes) {
            $result = Invoke-BenchWorker -Script (Get-BenchWorkerPath 'SendRate.Worker.ps1') -TimeoutSeconds 240 -CpuList $cores.Client `
                -Parameters @{ ModuleDir = $ModuleDir; BaseUri = $sim.BaseUri; RootUri = $sim.RootUri; CsvPath = $csv } `
                -Environment (@{ CLOUDREBUE_BENCH_TOKEN = $sim.Token } + $HostSetting)
            foreach ($run in $result.Runs) { ConvertTo-ThroughputRun $run }
        }
    }
    finally { Stop-RebueSimulator $sim }
}

# One run as the simulator counted it.
function ConvertTo-ThroughputRun($Run) {
    $stats = $Run.Stats
    $tooMany = if ($stats.requests.PSObject.Properties['429']) { [int] $stats.requests.'429' } else { 0 }
    $jittered = if ($stats.PSObject.Properties['jitteredRequests']) { [int] $stats.jitteredRequests } else { 0 }
    [pscustomobject]@{
        Name = $Run.Name; Fraction = $stats.acceptedMessages / $Run.Seconds / $ceiling; Accepted = [int] $stats.acceptedMessages
        Requests = [int] $stats.sendRequests; TooMany = $tooMany; Widest = [int] $stats.maxRequestsInAnyWindow
        CpuMicroseconds = 1e6 * $Run.CpuSeconds / $Rows; Errors = [int] $Run.Errors; Jittered = $jittered
        GcPauseMs = if ($stats.PSObject.Properties['gcPauseMilliseconds']) { [double] $stats.gcPauseMilliseconds } else { 0 }
    }
}

# 'median (min to max)' of one measure over the runs.
function Format-Spread([double[]] $Values, [int] $Decimals) {
    $sorted = @($Values | Sort-Object)
    "$(Format-Number (Get-Median $sorted) $Decimals) ($(Format-Number $sorted[0] $Decimals) to $(Format-Number $sorted[-1] $Decimals))"
}

$pinning = if ($cores.Client) { "simulator on core $($cores.Simulator), client on core $($cores.Client)" } else { "NOT pinned: $($cores.Reason)" }
foreach ($jitter in @(0) + $JitterP99Ms) {
    $runs = @(Invoke-ThroughputRuns $jitter $(if ($jitter -eq 0) { $Repeats } elseif ($jitter -le 20) { $JitterRepeats } else { 1 }))
    $figure = if ($jitter -eq 0) { '1' } else { '1b' }
    $setting = if ($jitter -eq 0) { '' } else { ", arrival jitter p99 $jitter ms" }
    foreach ($name in 'Cold', 'Warm') {
        $these = @($runs | Where-Object Name -eq $name)
        $median = Get-Median $these.Fraction
        $complete = @($these | Where-Object { $_.Accepted -ne $Rows -or $_.Errors -ne 0 }).Count -eq 0
        $target = if ($jitter -gt 0) { if ($jitter -le 20) { 0.93 } else { $null } } elseif ($name -eq 'Cold') { 0.95 } else { 0.97 }
        $label = if ($name -eq 'Cold') { 'cold (fresh process)' } else { 'warm (same process again)' }
        $detail = "median (min to max) of $($these.Count) runs, $pinning. Accepted: $(($these.Accepted | ForEach-Object { Format-Number $_ }) -join ', '); " +
            "429s per run: $($these.TooMany -join ', '); most in a 1-s window: $($these.Widest -join ', '); " +
            "client CPU per message $(Format-Spread $these.CpuMicroseconds 1) us; simulator GC paused $(Format-Spread $these.GcPauseMs 0) ms" +
            $(if ($jitter -gt 0) { "; requests delayed by jitter per run: $($these.Jittered -join ', ')" } else { '' }) + "; errors: $(($these.Errors | Measure-Object -Sum).Sum)"
        $row = New-BenchRow -Figure $figure -Measure "Send throughput, $(Format-Number $Rows) rows, $label$setting" -Result "$(Format-Spread $these.Fraction 3) of 12,000 msg/s" `
            -Target $(if ($null -ne $target) { ">= $target (median)" } else { '' }) -Met $(if ($null -ne $target) { $median -ge $target -and $complete } elseif (-not $complete) { $false } else { $null }) -Detail $detail
        if ($name -eq 'Warm' -and $jitter -eq 0) { $row | Add-Member -NotePropertyName MessagesPerSecond -NotePropertyValue ($median * $ceiling) }
        $row
    }
    $tooMany = ($runs.TooMany | Measure-Object -Sum).Sum
    $requests = ($runs.Requests | Measure-Object -Sum).Sum
    $widest = ($runs.Widest | Measure-Object -Maximum).Maximum
    if ($jitter -eq 0) {
        New-BenchRow -Figure '1' -Measure "429 responses, all $($runs.Count) runs" -Result "$tooMany of $(Format-Number $requests) requests" -Target '0' -Met ($tooMany -eq 0)
        New-BenchRow -Figure '1' -Measure 'Most requests in any 1-s window, as the simulator counted' -Result "$widest" -Target '<= 120' -Met ($widest -le 120)
    }
    else {
        $share = if ($requests -gt 0) { 100.0 * $tooMany / $requests } else { 0 }
        $shareTarget = if ($jitter -le 20) { 0.5 } else { $null }
        New-BenchRow -Figure '1b' -Measure "429 responses, arrival jitter p99 $jitter ms, all $($runs.Count) runs" -Result "$(Format-Number $share 2)% ($tooMany of $(Format-Number $requests))" `
            -Target $(if ($null -ne $shareTarget) { "<= $shareTarget%" } else { '' }) -Met $(if ($null -ne $shareTarget) { $share -le $shareTarget } else { $null }) `
            -Detail "most requests in a 1-s window as counted: $widest"
    }
}

# Figure 1c: what a host setting (not the module's) does to the same send on one core: tiered PGO off.
# See README, "Reading figure 3". No target: the module cannot choose it.
$hostRuns = @(Invoke-ThroughputRuns 0 1 @{ DOTNET_TieredPGO = '0' })
$cold = $hostRuns | Where-Object Name -eq 'Cold' | Select-Object -First 1
$warm = $hostRuns | Where-Object Name -eq 'Warm' | Select-Object -First 1
New-BenchRow -Figure '1c' -Measure 'Send throughput with DOTNET_TieredPGO=0 in the client''s environment (host setting), cold / warm' `
    -Result "$(Format-Number $cold.Fraction 3) / $(Format-Number $warm.Fraction 3) of 12,000 msg/s" `
    -Detail ("one fresh process, $pinning; client CPU per message $(Format-Number $cold.CpuMicroseconds 1) / $(Format-Number $warm.CpuMicroseconds 1) us; " +
        "429s $($cold.TooMany) / $($warm.TooMany); most in a 1-s window $($cold.Widest) / $($warm.Widest); accepted $(Format-Number $cold.Accepted) / $(Format-Number $warm.Accepted)")
