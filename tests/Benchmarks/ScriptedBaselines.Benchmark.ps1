<#
.SYNOPSIS
    Figure 2: the same send written without the module, with Invoke-RestMethod one request at a time,
    (a) once per message and (b) in batches of 100, against the same simulator (120 requests/s limit,
    50 ms latency). Both are far too slow to send 100,000 messages inside the run, so a sample is timed
    and the rate extrapolated to 100,000; the speed-up is figure 1's rate over each.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleDir,
    [Parameter(Mandatory)] [string] $Configuration,
    [Parameter(Mandatory)] [string] $WorkDir,
    [double] $ModuleMessagesPerSecond = 0,
    [int] $PerMessageSample = 200,
    [int] $BatchedSample = 10000,
    [int] $Rows = 100000
)
$ErrorActionPreference = 'Stop'
$csv = New-BenchCsv -Path (Join-Path $WorkDir "rows-$Rows.csv") -Rows $Rows

$sim = Start-RebueSimulator -Configuration $Configuration -ArgumentList '--latency-ms', '50'
try {
    foreach ($case in @(
            @{ Style = 'PerMessage'; Sample = $PerMessageSample; Label = '2a'; Measure = 'Invoke-RestMethod once per message' },
            @{ Style = 'Batched'; Sample = $BatchedSample; Label = '2b'; Measure = 'Invoke-RestMethod, batches of 100, one at a time' })) {
        Reset-RebueSimulator $sim
        $run = Invoke-BenchWorker -Script (Get-BenchWorkerPath 'InvokeRestMethod.Worker.ps1') -TimeoutSeconds 120 `
            -Parameters @{ BaseUri = $sim.BaseUri; CsvPath = $csv; Style = $case.Style; SampleSize = $case.Sample } `
            -Environment @{ CLOUDREBUE_BENCH_TOKEN = $sim.Token }
        $stats = Get-RebueSimulatorStats $sim
        if ($stats.acceptedMessages -ne $case.Sample) { throw "$($case.Style): the simulator accepted $($stats.acceptedMessages) of $($case.Sample) messages." }

        $rate = $case.Sample / $run.Seconds
        $extrapolated = $Rows / $rate
        $result = if ($ModuleMessagesPerSecond -gt 0) { "module is $(Format-Number ($ModuleMessagesPerSecond / $rate) 1)x faster" } else { 'speed-up unknown: figure 1 did not run' }
        New-BenchRow -Figure $case.Label -Measure $case.Measure -Result $result `
            -Detail ("$(Format-Number $rate 1) msg/s over a sample of $(Format-Number $case.Sample) messages ($(Format-Number $run.Seconds 1) s); " +
                "extrapolated: $(Format-Number $Rows) messages in $(Format-Number ($extrapolated / 60) 1) min; $(Format-Number $stats.sendRequests) requests, max $($stats.maxRequestsInAnyWindow) in any 1-s window")
    }
}
finally { Stop-RebueSimulator $sim }
