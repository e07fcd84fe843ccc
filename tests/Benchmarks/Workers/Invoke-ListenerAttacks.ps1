<#
.SYNOPSIS
    The receipt listener attack suite (issue 15): starts Start-RebueReceiptListener from the built
    module in a pwsh of its own on a free loopback port, runs each attack of ListenerAttacks.cs
    against it in turn, and returns one row per attack: connections, listener alive, its peak
    memory, real receipts sent and answered 200, and their p50/p99/max latency.
.DESCRIPTION
    Bounded and self-stopping: loopback only, every attack ends at its deadline, the listener has a
    -Timeout of its own and is killed (its process only) if it is still there at the end. Used in
    full by ListenerAttacks.Benchmark.ps1 and shortened by tests/Pester/ReceiptListener.Attacks.Tests.ps1.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleDir,
    # Attack name -> hostile connections (see ListenerAttacks.Names).
    [Parameter(Mandatory)] [System.Collections.IDictionary] $Attacks,
    [double] $RampSeconds = 1,
    [double] $Seconds = 5,
    [int] $RealIntervalMs = 50,
    [int] $MaxConnections = 512
)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot '../../../build/PwshInvocation.ps1')
if (-not ('ListenerAttacks' -as [type])) { Add-Type -Path (Join-Path $PSScriptRoot 'ListenerAttacks.cs') }

$secret = [guid]::NewGuid().ToString('N')
$path = "/receipts/$secret"
$budget = [int] (($RampSeconds + $Seconds + 10) * $Attacks.Count + 60)

# The listener counts what it writes; its verbose lines (one per refused request) are dropped but
# still produced, as they would be for a user running with -Verbose.
$listenerScript = @'
$ErrorActionPreference = 'Stop'
Import-Module $env:ATTACK_MODULE
$written = 0
Start-RebueReceiptListener -ListenAddress 127.0.0.1 -Port 0 -Path $env:ATTACK_PATH -Timeout $env:ATTACK_TIMEOUT -MaxConnections $env:ATTACK_MAXCONN -Verbose 4>&1 |
    ForEach-Object {
        if ($_ -is [System.Management.Automation.VerboseRecord]) {
            if ($_.Message -match '^Listening .*:(\d+)/') { [Console]::Out.WriteLine("PORT $($Matches[1])") }
        }
        else { $written++ }
    }
[Console]::Out.WriteLine("WRITTEN $written")
'@

$pwsh = Get-PwshInvocation
$startInfo = [Diagnostics.ProcessStartInfo]::new($pwsh[0])
foreach ($argument in @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-Command', $listenerScript)) { $startInfo.ArgumentList.Add($argument) }
# The secret goes in the environment, never on a command line another user could list.
$startInfo.Environment['ATTACK_MODULE'] = Join-Path $ModuleDir 'CloudRebue.psd1'
$startInfo.Environment['ATTACK_PATH'] = $path
$startInfo.Environment['ATTACK_TIMEOUT'] = "$budget"
$startInfo.Environment['ATTACK_MAXCONN'] = "$MaxConnections"
$startInfo.UseShellExecute = $false
$startInfo.RedirectStandardOutput = $true
$startInfo.RedirectStandardError = $true
$listener = [Diagnostics.Process]::Start($startInfo)
try {
    $stderr = $listener.StandardError.ReadToEndAsync()
    $line = $listener.StandardOutput.ReadLineAsync()
    if (-not $line.Wait(60000) -or $line.Result -notmatch '^PORT (\d+)$') {
        throw "The listener did not start: $($line.Result) $(if ($listener.HasExited) { $stderr.Result })"
    }
    $port = [int] $Matches[1]

    foreach ($attack in $Attacks.Keys) {
        $result = [ListenerAttacks]::Run($attack, $port, $path, [int] $Attacks[$attack], $RampSeconds, $Seconds, $RealIntervalMs, $listener.Id)
        [pscustomobject]@{
            Attack = $result.Attack; Connections = $result.Connections; Alive = $result.Alive; PeakMemoryMB = $result.PeakMemoryMB
            RealSent = $result.RealSent; RealAnswered = $result.RealAnswered
            RealP50Ms = $result.RealP50Ms; RealP99Ms = $result.RealP99Ms; RealMaxMs = $result.RealMaxMs
            AttackConnects = $result.AttackConnects; AttackBytes = $result.AttackBytes; RealFailures = $result.RealFailures
        }
        if (-not $result.Alive) { break }
    }
}
finally {
    if (-not $listener.HasExited) {
        $listener.Kill()
        $null = $listener.WaitForExit(10000)
    }
    $listener.Dispose()
}
