# The prefix that starts a process pinned to some cores: 'taskset -c <list>' on Linux, nothing when no
# list is asked for. The benchmark gives the simulator one core and the client the other, so neither
# measures the other's fight for CPU. A pinned .NET process also sees only its cores
# (Environment.ProcessorCount), as it would on a one-vCPU machine. A list asked for where taskset is
# missing is an error, not a silent unpinned run.
function Get-PinnedCommand([string] $CpuList) {
    if (-not $CpuList) { return }
    $taskset = Get-Command taskset -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if (-not $taskset) { throw "Pinning to cores '$CpuList' needs taskset (Linux, util-linux); it was not found." }
    return @($taskset.Source, '-c', $CpuList)
}
