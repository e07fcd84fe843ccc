# Figure 6, in a fresh pwsh: receipts/s into '| Out-Null' from 16 concurrent loopback senders, for
# Start-RebueReceiptListener and for the plain HttpListener loop, alternating, -Rounds of each. The
# senders (ReceiptSender.cs) run on the thread pool of this same process for both peers. The rate is
# counted from the first receipt acknowledged to the end of the listening command.
param(
    [Parameter(Mandatory)] [string] $ModuleDir,
    [Parameter(Mandatory)] [int] $Count,
    [Parameter(Mandatory)] [int] $Senders,
    [Parameter(Mandatory)] [int] $Rounds,
    [Parameter(Mandatory)] [int] $TimeoutSeconds
)
. (Join-Path $PSScriptRoot 'WorkerCommon.ps1')
. (Join-Path $PSScriptRoot 'PlainReceiptListener.ps1')
Import-Module (Join-Path $ModuleDir 'CloudRebue.psd1')
Import-Module (Join-Path $PSScriptRoot '../../Pester/ListenerHelpers.psm1')   # Get-FreeLoopbackPort
Add-Type -Path (Join-Path $PSScriptRoot 'ReceiptSender.cs')

function Measure-Peer([string] $Peer, [int] $Round) {
    $port = Get-FreeLoopbackPort
    $secret = [guid]::NewGuid().ToString('N')
    $path = "/receipts/$secret"
    $sending = [ReceiptSender]::StartAsync("http://127.0.0.1:$port$path", $Count, $Senders, "r$Round-", $TimeoutSeconds + 10)
    if ($Peer -eq 'Module') {
        $verboseFile = [IO.Path]::GetTempFileName()
        try {
            Start-RebueReceiptListener -Port $port -ListenAddress 127.0.0.1 -Path $path -Count $Count -Timeout $TimeoutSeconds -Verbose 4> $verboseFile | Out-Null
            $ended = [Diagnostics.Stopwatch]::GetTimestamp()
            $written = if ((Get-Content $verboseFile -Raw) -match '(\d+) receipts written') { [long] $Matches[1] } else { -1 }
        }
        finally { Remove-Item $verboseFile -ErrorAction SilentlyContinue }
    }
    else {
        Receive-PlainReceipt -Prefix "http://127.0.0.1:$port/receipts/" -Path $path -Count $Count -TimeoutSeconds $TimeoutSeconds | Out-Null
        $ended = [Diagnostics.Stopwatch]::GetTimestamp()
        $written = $script:PlainReceiptsWritten
    }
    $sent = $sending.GetAwaiter().GetResult()
    $seconds = if ($sent.FirstAcknowledgedAt) { ($ended - $sent.FirstAcknowledgedAt) / [Diagnostics.Stopwatch]::Frequency } else { [double]::NaN }
    [pscustomobject]@{
        Peer = $Peer; Round = $Round; Written = $written; Acknowledged = $sent.Acknowledged; Retried503 = $sent.Retried503
        OtherAnswers = $sent.OtherAnswers; SenderTimedOut = $sent.TimedOut; Seconds = $seconds; PerSecond = $written / $seconds
    }
}

# Warm-up of both paths (JIT, sockets) with a few receipts, not reported.
$warm = $Count; $Count = 2000
$null = Measure-Peer Module 0; $null = Measure-Peer Plain 0
$Count = $warm

$runs = for ($round = 1; $round -le $Rounds; $round++) {
    $order = if ($round % 2) { 'Module', 'Plain' } else { 'Plain', 'Module' }
    foreach ($peer in $order) { Measure-Peer $peer $round }
}
Write-BenchResult @{ Runs = @($runs) }
