<#
.SYNOPSIS
    Figure 6: receipts/s through Start-RebueReceiptListener into '| Out-Null' with 16 concurrent
    loopback senders, none lost (every receipt acknowledged 200 is written exactly once), and the same
    for a plain PowerShell HttpListener loop (Workers/PlainReceiptListener.ps1). Reports the ratio of
    the medians.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleDir,
    [int] $Count = 30000,
    [int] $Senders = 16,
    [int] $Rounds = 3,
    [int] $TimeoutSeconds = 60
)
$ErrorActionPreference = 'Stop'
$result = Invoke-BenchWorker -Script (Get-BenchWorkerPath 'ReceiptRate.Worker.ps1') -TimeoutSeconds (($Rounds * 2 + 2) * ($TimeoutSeconds + 15)) `
    -Parameters @{ ModuleDir = $ModuleDir; Count = $Count; Senders = $Senders; Rounds = $Rounds; TimeoutSeconds = $TimeoutSeconds }

foreach ($peer in 'Module', 'Plain') {
    $runs = @($result.Runs | Where-Object Peer -eq $peer)
    $lost = @($runs | Where-Object { $_.Written -ne $Count -or $_.Acknowledged -ne $Count -or $_.OtherAnswers -ne 0 -or $_.SenderTimedOut })
    Set-Variable -Name "${peer}Rate" -Value (Get-Median $runs.PerSecond)
    Set-Variable -Name "${peer}Lost" -Value $lost.Count
    Set-Variable -Name "${peer}Detail" -Value ("median of $($runs.Count) rounds of $(Format-Number $Count) receipts from $Senders senders: " +
        (($runs | ForEach-Object { "$(Format-Number $_.PerSecond)/s ($($_.Written) written, $($_.Acknowledged) acknowledged, $($_.Retried503) 503s retried)" }) -join '; '))
}
New-BenchRow -Figure '6' -Measure 'Start-RebueReceiptListener, receipts/s into Out-Null' -Result "$(Format-Number $ModuleRate)/s" `
    -Target 'none lost' -Met ($ModuleLost -eq 0) -Detail $ModuleDetail
New-BenchRow -Figure '6' -Measure 'Plain HttpListener loop script, receipts/s into Out-Null' -Result "$(Format-Number $PlainRate)/s" `
    -Detail "$PlainDetail; rounds with a loss or shortfall: $PlainLost"
New-BenchRow -Figure '6' -Measure 'Receipt listener speed-up (module / plain loop)' -Result "$(Format-Number ($ModuleRate / $PlainRate) 1)x"
