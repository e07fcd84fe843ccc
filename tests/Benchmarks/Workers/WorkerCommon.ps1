# Dot-sourced by every worker: a worker runs in a fresh pwsh started by Invoke-BenchWorker and reports
# one 'RESULT <json>' line on stdout. The simulator's token comes in the environment, not on the
# command line.

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3
$ProgressPreference = 'SilentlyContinue'   # progress bars cost time and mean nothing without a terminal

function Connect-BenchSimulator([string] $ModuleDir, [string] $BaseUri) {
    Import-Module (Join-Path $ModuleDir 'CloudRebue.psd1')
    $token = ConvertTo-SecureString $env:CLOUDREBUE_BENCH_TOKEN -AsPlainText -Force
    $null = Connect-CloudRebue -Token $token -BaseUri $BaseUri -DefaultSender BENCH
}

# Clears the simulator's stats, messages and rate-limit window between a warm-up and a measurement.
function Reset-BenchSimulator([string] $RootUri) {
    $null = Invoke-RestMethod -Method Post -Uri "$RootUri/_sim/reset" -NoProxy
}

# Wall time and this process's CPU time of one script block, in seconds; its output is discarded.
function Measure-BenchBlock([scriptblock] $ScriptBlock) {
    $self = [Diagnostics.Process]::GetCurrentProcess()
    $cpuBefore = $self.TotalProcessorTime
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $null = & $ScriptBlock
    $watch.Stop()
    $self.Refresh()
    [pscustomobject]@{ Seconds = $watch.Elapsed.TotalSeconds; CpuSeconds = ($self.TotalProcessorTime - $cpuBefore).TotalSeconds }
}

function Write-BenchResult([object] $Result) {
    [Console]::Out.WriteLine('RESULT ' + ($Result | ConvertTo-Json -Compress -Depth 5))
}
