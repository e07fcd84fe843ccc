<#
.SYNOPSIS
    Figure 8: Start-RebueReceiptListener under attack (issue 15). For each attack (idle connections,
    slow headers, slow bodies, pipelined floods, garbage and undecodable bodies, oversized bodies,
    connections churning over the cap): the listener process alive, its peak memory, and how many
    real receipts (one every 50 ms on a fresh connection) were answered 200 and their p99 latency.
    Target: alive, every real receipt answered, p99 under 1 s, during every attack. An attack name
    'kind@label' runs attack 'kind' under another label (slow-headers@over-cap: slow headers from
    more connections than the cap).
.NOTES
    The attacker holds up to 3,000 sockets at once: the open-file limit (ulimit -n) must allow it.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleDir,
    [double] $Seconds = 10,
    [double] $RampSeconds = 2
)
$ErrorActionPreference = 'Stop'
# Slow headers and slow bodies stay under the cap (what a timeout must handle); 'over-cap' floods it
# with silent connections, 'slow-headers@over-cap' with talking ones (see the README for what that shows).
$attacks = [ordered]@{ idle = 3000; 'slow-headers' = 500; 'slow-bodies' = 500; pipelined = 16; garbage = 32; oversized = 16; 'over-cap' = 2048; 'slow-headers@over-cap' = 1024 }
$rows = @(& (Join-Path $PSScriptRoot 'Workers/Invoke-ListenerAttacks.ps1') -ModuleDir $ModuleDir -Attacks $attacks `
        -RampSeconds $RampSeconds -Seconds $Seconds -RealIntervalMs 50 -MaxConnections 512)
foreach ($row in $rows) {
    $met = $row.Alive -and $row.RealSent -gt 0 -and $row.RealAnswered -eq $row.RealSent -and $row.RealP99Ms -lt 1000
    New-BenchRow -Figure '8' -Measure "Listener under attack: $($row.Attack), $($row.Connections) connections" `
        -Result "p99 $($row.RealP99Ms) ms, $($row.RealAnswered)/$($row.RealSent) answered" -Target 'alive, all answered, p99 < 1 s' -Met $met `
        -Detail "alive $($row.Alive), peak memory $($row.PeakMemoryMB) MB, p50 $($row.RealP50Ms) ms, max $($row.RealMaxMs) ms, $($row.AttackConnects) attack connections, $($row.AttackBytes) bytes sent"
}
if ($rows.Count -lt $attacks.Count) {
    New-BenchRow -Figure '8' -Measure 'Listener under attack' -Result 'listener died' -Met $false -Detail "only $($rows.Count) of $($attacks.Count) attacks ran"
}
