# Starts Start-RebueReceiptListener in a thread job on a free loopback port, for the Pester suite and
# the demo. The job runs in the same process with its own runspace, and ends by itself (-Count or
# -Timeout in the parameters) or with Stop-Job.

# A port that was free a moment ago on 127.0.0.1 (another process may take it before we bind: callers retry).
function Get-FreeLoopbackPort {
    $probe = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
    $probe.Start()
    try { $probe.LocalEndpoint.Port } finally { $probe.Stop() }
}

<#
.SYNOPSIS
    Starts the listener in a thread job and returns once it answers HTTP: Job, Port, Path and Url
    (the full receipt URL, secret included: for the sender only, never for output).
.PARAMETER Parameters
    Extra parameters of Start-RebueReceiptListener, such as @{ Count = 3; JournalPath = $journal }.
#>
function Start-ReceiptListenerJob {
    param(
        [Parameter(Mandatory)] [string] $Manifest,
        [string] $Path = "/receipts/$([guid]::NewGuid().ToString('N'))",
        [hashtable] $Parameters = @{}
    )

    foreach ($attempt in 1..5) {
        $port = Get-FreeLoopbackPort
        $job = Start-ThreadJob -ArgumentList $Manifest, $port, $Path, $Parameters -ScriptBlock {
            param($manifest, $port, $path, $parameters)
            Import-Module $manifest
            Start-RebueReceiptListener -ListenAddress 127.0.0.1 -Port $port -Path $path @parameters
        }
        $deadline = [DateTime]::UtcNow.AddSeconds(15)
        while ([DateTime]::UtcNow -lt $deadline -and $job.State -in 'NotStarted', 'Running') {
            try {
                # Any HTTP answer (a 404 for this probe) means the port is listening.
                $null = Invoke-WebRequest -Uri "http://127.0.0.1:$port/probe" -SkipHttpErrorCheck -TimeoutSec 2
                return [pscustomobject]@{ Job = $job; Port = $port; Path = $Path; Url = "http://127.0.0.1:$port$Path" }
            }
            catch { Start-Sleep -Milliseconds 50 }
        }
        $job | Stop-Job
        $null = $job | Receive-Job -Wait -AutoRemoveJob -ErrorAction SilentlyContinue -ErrorVariable errors
        if (-not ($errors | Where-Object { $_.FullyQualifiedErrorId -like 'CloudRebue.ListenerBindFailed,*' })) {
            throw "The listener job did not start: $($errors | Out-String)$($errors | ForEach-Object { $_.Exception.ToString() } | Out-String)"
        }
    }
    throw 'No free port after 5 attempts.'
}

Export-ModuleMember -Function Get-FreeLoopbackPort, Start-ReceiptListenerJob
