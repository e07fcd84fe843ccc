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

# Wall time and this process's CPU time of one script block, in seconds, with what the runtime spent
# inside that CPU time: JIT compiling (all threads), GC pauses, and bytes allocated. Its output is
# discarded.
function Measure-BenchBlock([scriptblock] $ScriptBlock) {
    $self = [Diagnostics.Process]::GetCurrentProcess()
    $before = Get-RuntimeCounters $self
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $null = & $ScriptBlock
    $watch.Stop()
    $after = Get-RuntimeCounters $self
    [pscustomobject]@{
        Seconds = $watch.Elapsed.TotalSeconds; CpuSeconds = $after.Cpu - $before.Cpu
        JitSeconds = $after.Jit - $before.Jit; JitMethods = $after.JitMethods - $before.JitMethods
        GcPauseSeconds = $after.GcPause - $before.GcPause; AllocatedBytes = $after.Allocated - $before.Allocated
    }
}

function Get-RuntimeCounters([Diagnostics.Process] $Self) {
    $Self.Refresh()
    @{
        Cpu = $Self.TotalProcessorTime.TotalSeconds
        Jit = [Runtime.JitInfo]::GetCompilationTime($false).TotalSeconds
        JitMethods = [Runtime.JitInfo]::GetCompiledMethodCount($false)
        GcPause = [GC]::GetTotalPauseDuration().TotalSeconds
        Allocated = [GC]::GetTotalAllocatedBytes($false)
    }
}

function Write-BenchResult([object] $Result) {
    [Console]::Out.WriteLine('RESULT ' + ($Result | ConvertTo-Json -Compress -Depth 5))
}
