# Starts, drives and stops the CloudRebue simulator (tests/CloudRebue.Simulator) for the Pester suite,
# the demo and the benchmark. The simulator is a separate process: it is started with 'dotnet <dll>',
# found by the one line it prints when it accepts requests, and stopped by its PID.

$script:RepoRoot = Split-Path (Split-Path $PSScriptRoot -Parent) -Parent
. (Join-Path $script:RepoRoot 'build/CpuPinning.ps1')

function Get-DefaultConfiguration {
    if ($env:CLOUDREBUE_TEST_CONFIGURATION) { $env:CLOUDREBUE_TEST_CONFIGURATION } else { 'Release' }
}

function Get-RebueSimulatorPath {
    [CmdletBinding()]
    param([string] $Configuration = (Get-DefaultConfiguration))
    Join-Path $script:RepoRoot "tests/CloudRebue.Simulator/bin/$Configuration/net10.0/CloudRebue.Simulator.dll"
}

<#
.SYNOPSIS
    Starts the simulator on a free 127.0.0.1 port and returns once it accepts requests.
.OUTPUTS
    An object with Process, Pid, BaseUri (http://127.0.0.1:<port>/api/v1), RootUri (http://127.0.0.1:<port>)
    and Token. Throws, with what the process printed, when it does not start within the timeout.
.EXAMPLE
    $sim = Start-RebueSimulator -ArgumentList '--latency-ms', '50', '--fault', '503:every=10'
#>
function Start-RebueSimulator {
    [CmdletBinding()]
    param(
        [string] $Token = "sim-$([guid]::NewGuid().ToString('N'))",
        # Whose documented shapes it serves (its --brand); the simulator's default is cloudrebue.
        [ValidateSet('cloudrebue', 'rebuetext', 'bongatech')] [string] $Brand,
        [string[]] $ArgumentList = @(),
        [string] $Configuration = (Get-DefaultConfiguration),
        [int] $TimeoutSeconds = 20,
        # The benchmark pins the simulator to its own core ('0'), away from the client (taskset, Linux).
        [string] $CpuList
    )

    $dll = Get-RebueSimulatorPath -Configuration $Configuration
    if (-not (Test-Path $dll)) { throw "The simulator is not built: $dll does not exist. Run 'dotnet build -c $Configuration' first." }

    $command = @(Get-PinnedCommand -CpuList $CpuList) + @('dotnet', $dll, '--port', '0', '--token', $Token)
    $startInfo = [System.Diagnostics.ProcessStartInfo]::new($command[0])
    $brandArguments = if ($Brand) { '--brand', $Brand } else { @() }
    foreach ($argument in @($command | Select-Object -Skip 1) + $brandArguments + $ArgumentList) { $startInfo.ArgumentList.Add($argument) }
    $startInfo.UseShellExecute = $false
    $startInfo.RedirectStandardOutput = $true
    $startInfo.RedirectStandardError = $true
    $startInfo.RedirectStandardInput = $false
    $process = [System.Diagnostics.Process]::Start($startInfo)

    # Both pipes are read asynchronously from here on, so the simulator can never block on a full pipe.
    $stderr = $process.StandardError.ReadToEndAsync()
    $output = [System.Collections.Generic.List[string]]::new()
    $port = $null
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    $read = $process.StandardOutput.ReadLineAsync()
    while ($null -eq $port -and [DateTime]::UtcNow -lt $deadline) {
        if (-not $read.Wait(100)) { continue }
        $line = $read.Result
        if ($null -eq $line) { break }   # stdout closed: the process has ended
        $output.Add($line)
        if ($line -match '^LISTENING http://127\.0\.0\.1:(\d+)/api/v1$') { $port = [int] $Matches[1]; break }
        $read = $process.StandardOutput.ReadLineAsync()
    }

    if ($null -eq $port) {
        if (-not $process.HasExited) { $process.Kill($true) }
        $null = $process.WaitForExit(5000)
        $errorText = if ($stderr.Wait(2000)) { $stderr.Result } else { '' }
        $exit = if ($process.HasExited) { "exit code $($process.ExitCode)" } else { 'still running' }
        throw "The simulator did not report LISTENING within $TimeoutSeconds s ($exit).`nstdout:`n$($output -join "`n")`nstderr:`n$errorText"
    }

    # Nothing else of interest comes on stdout; drain it so the pipe never fills.
    $null = $process.StandardOutput.BaseStream.CopyToAsync([System.IO.Stream]::Null)

    $root = "http://127.0.0.1:$port"
    [pscustomobject]@{
        PSTypeName    = 'CloudRebue.Simulator'
        Process       = $process
        Pid           = $process.Id
        BaseUri       = "$root/api/v1"
        RootUri       = $root
        Token         = $Token
        StandardError = $stderr
    }
}

<#
.SYNOPSIS
    Stops the simulator by its PID (SIGTERM, so it shuts down cleanly; killed if it does not exit in time)
    and waits for it to exit.
#>
function Stop-RebueSimulator {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipeline)] [psobject] $Simulator,
        [int] $TimeoutSeconds = 10
    )
    process {
        $process = $Simulator.Process
        if (-not $process.HasExited) {
            $kill = if (-not $IsWindows) { Get-Command kill -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1 }
            if ($kill) { & $kill.Source -s TERM $process.Id } else { $process.Kill() }
            if (-not $process.WaitForExit($TimeoutSeconds * 1000)) { $process.Kill($true) }
        }
        $process.WaitForExit()
    }
}

function Invoke-SimulatorControl([psobject] $Simulator, [string] $Method, [string] $Path, [object] $Body) {
    $request = @{ Method = $Method; Uri = "$($Simulator.RootUri)/_sim/$Path"; NoProxy = $true }
    if ($null -ne $Body) { $request.Body = $Body; $request.ContentType = 'application/json' }
    Invoke-RestMethod @request
}

<# .SYNOPSIS What the simulator saw: requests by status, sendRequests, acceptedMessages, duplicates, maxRequestsInAnyWindow, ... #>
function Get-RebueSimulatorStats {
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)] [psobject] $Simulator)
    Invoke-SimulatorControl $Simulator Get stats
}

<# .SYNOPSIS Every accepted recipient: correlator, phone, sender, message, linkId, endpoint (read under the brand's field name), uniqueId, batchId, smsUnits, fault (of its request, or null), timeToSend. #>
function Get-RebueSimulatorMessages {
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)] [psobject] $Simulator)
    foreach ($message in (Invoke-SimulatorControl $Simulator Get messages)) { $message }
}

<# .SYNOPSIS Every accepted voice call: correlator, phone, originator, message, voice, repeat, endpoint, uniqueId, batchId, fault, timeToSend. #>
function Get-RebueSimulatorCalls {
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)] [psobject] $Simulator)
    # foreach, not @(): Invoke-RestMethod writes an empty JSON array as one (empty) object.
    foreach ($call in (Invoke-SimulatorControl $Simulator Get calls)) { $call }
}

<# .SYNOPSIS Clears stats, messages, the rate-limit window, pending receipts and the balance; keeps the configuration. #>
function Reset-RebueSimulator {
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)] [psobject] $Simulator)
    $null = Invoke-SimulatorControl $Simulator Post reset
}

<#
.SYNOPSIS
    Changes the running simulator's configuration; returns the configuration now in force.
.EXAMPLE
    Set-RebueSimulatorConfig $sim -Config @{ rateLimit = 10; faults = @(@{ kind = '503'; every = 3 }) }
#>
function Set-RebueSimulatorConfig {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] [psobject] $Simulator,
        [Parameter(Mandatory)] [hashtable] $Config
    )
    Invoke-SimulatorControl $Simulator Post config ($Config | ConvertTo-Json -Depth 5 -Compress)
}

Export-ModuleMember -Function Start-RebueSimulator, Stop-RebueSimulator, Get-RebueSimulatorStats, Get-RebueSimulatorMessages, Get-RebueSimulatorCalls,
    Reset-RebueSimulator, Set-RebueSimulatorConfig, Get-RebueSimulatorPath
