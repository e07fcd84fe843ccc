<#
.SYNOPSIS
    Figure 4: peak working set of the sending process minus its baseline after import, for 100,000 and
    1,000,000 rows, each in a fresh pwsh, the simulator's limit and the module's pace lifted as in
    figure 3. Flat means the million-row send needs about what the 100,000-row one does.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleDir,
    [Parameter(Mandatory)] [string] $Configuration,
    [Parameter(Mandatory)] [string] $WorkDir,
    [int[]] $Sizes = @(100000, 1000000),
    [double] $TargetMegabytes = 200,
    [double] $MaxBytesPerRow = 100
)
$ErrorActionPreference = 'Stop'
$megabyte = 1MB

$sim = Start-RebueSimulator -Configuration $Configuration -ArgumentList '--rate-limit', '0', '--latency-ms', '0', '--balance', $BenchBalance
try {
    $runs = foreach ($size in $Sizes) {
        $csv = New-BenchCsv -Path (Join-Path $WorkDir "rows-$size.csv") -Rows $size
        Reset-RebueSimulator $sim   # the simulator keeps every accepted message; start each run empty
        $run = Invoke-BenchWorker -Script (Get-BenchWorkerPath 'SendMemory.Worker.ps1') -TimeoutSeconds 300 `
            -Parameters @{ ModuleDir = $ModuleDir; BaseUri = $sim.BaseUri; CsvPath = $csv } `
            -Environment @{ CLOUDREBUE_BENCH_TOKEN = $sim.Token; CLOUDREBUE_SIMULATOR_REQUESTS_PER_SECOND = 100000 }
        $accepted = (Get-RebueSimulatorStats $sim).acceptedMessages
        [pscustomobject]@{ Rows = $size; Run = $run; Accepted = $accepted; GrowthMB = ($run.PeakBytes - $run.BaselineBytes) / $megabyte }
    }
}
finally { Stop-RebueSimulator $sim }

$largest = $runs | Sort-Object Rows | Select-Object -Last 1
foreach ($r in $runs) {
    $ok = $r.Accepted -eq $r.Rows -and $r.Run.Errors -eq 0
    $detail = "baseline $(Format-Number ($r.Run.BaselineBytes / $megabyte)) MB after import and connect, peak $(Format-Number ($r.Run.PeakBytes / $megabyte)) MB, " +
        "working set at the end $(Format-Number ($r.Run.EndBytes / $megabyte)) MB, managed heap at the end $(Format-Number ($r.Run.ManagedHeapBytes / $megabyte)) MB; " +
        "$(Format-Number $r.Accepted) accepted in $(Format-Number $r.Run.Seconds 1) s; $($r.Run.Errors) error(s)"
    $isLargest = $r -eq $largest
    New-BenchRow -Figure '4' -Measure "Memory growth, $(Format-Number $r.Rows) rows (peak - baseline)" -Result "$(Format-Number $r.GrowthMB) MB" `
        -Target $(if ($isLargest) { "<= $TargetMegabytes MB" } else { '' }) -Met $(if ($isLargest) { $r.GrowthMB -le $TargetMegabytes -and $ok } elseif (-not $ok) { $false } else { $null }) -Detail $detail
}
if (@($runs).Count -ge 2) {
    # Flat: the send holds no rows or results, only a small constant per recipient (the correlator index,
    # about_CloudRebue). One held Import-Csv row with its result would cost about a kilobyte.
    $smallest = $runs | Sort-Object Rows | Select-Object -First 1
    $bytesPerRow = ($largest.GrowthMB - $smallest.GrowthMB) * $megabyte / ($largest.Rows - $smallest.Rows)
    New-BenchRow -Figure '4' -Measure "Memory flatness: growth per extra row, $(Format-Number $smallest.Rows) to $(Format-Number $largest.Rows) rows" -Result "$(Format-Number $bytesPerRow) bytes/row" `
        -Target "<= $MaxBytesPerRow bytes/row" -Met ($bytesPerRow -le $MaxBytesPerRow) `
        -Detail "growth $(Format-Number $smallest.GrowthMB) MB -> $(Format-Number $largest.GrowthMB) MB for $(Format-Number ($largest.Rows / $smallest.Rows))x the rows"
}
