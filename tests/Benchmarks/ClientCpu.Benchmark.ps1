<#
.SYNOPSIS
    Figure 3: the client's CPU per message, on a core of its own. 100,000 rows against the simulator
    (pinned to the other core) with its limit lifted (--rate-limit 0) and no latency, the module's pace
    lifted by CLOUDREBUE_SIMULATOR_REQUESTS_PER_SECOND (loopback only), so what is measured is the
    client's work, not its waiting. Cold: the first send of a fresh process. Warm: the median of
    -Repetitions more. The breakdown comes from stage pipelines run in the same process (see
    Workers/ClientCpu.Worker.ps1) and from the runtime's own counters (JIT time, GC pauses, bytes
    allocated). A second process with DOTNET_TieredPGO=0 shows what a host setting, not the module,
    changes (README, "Reading figure 3").
#>
param(
    [Parameter(Mandatory)] [string] $ModuleDir,
    [Parameter(Mandatory)] [string] $Configuration,
    [Parameter(Mandatory)] [string] $WorkDir,
    [int] $Rows = 100000,
    [int] $Repetitions = 2,
    # Import-Csv itself needs thousands of rows before its code is compiled well (tiered JIT).
    [int] $WarmupRows = 20000
)
$ErrorActionPreference = 'Stop'
$csv = New-BenchCsv -Path (Join-Path $WorkDir "rows-$Rows.csv") -Rows $Rows
$warmup = New-BenchCsv -Path (Join-Path $WorkDir "rows-$WarmupRows.csv") -Rows $WarmupRows
$cores = Get-BenchCores

$sim = Start-RebueSimulator -Configuration $Configuration -ArgumentList '--rate-limit', '0', '--latency-ms', '0', '--balance', $BenchBalance -CpuList $cores.Simulator
try {
    $common = @{ ModuleDir = $ModuleDir; BaseUri = $sim.BaseUri; RootUri = $sim.RootUri; CsvPath = $csv; WarmupCsvPath = $warmup }
    $environment = @{ CLOUDREBUE_BENCH_TOKEN = $sim.Token; CLOUDREBUE_SIMULATOR_REQUESTS_PER_SECOND = 100000 }
    $run = Invoke-BenchWorker -Script (Get-BenchWorkerPath 'ClientCpu.Worker.ps1') -TimeoutSeconds 300 -CpuList $cores.Client `
        -Parameters ($common + @{ Repetitions = $Repetitions }) -Environment $environment
    $hostSetting = Invoke-BenchWorker -Script (Get-BenchWorkerPath 'ClientCpu.Worker.ps1') -TimeoutSeconds 300 -CpuList $cores.Client `
        -Parameters ($common + @{ Repetitions = 1; Mode = 'SendOnly' }) -Environment ($environment + @{ DOTNET_TieredPGO = '0' })
    $accepted = (Get-RebueSimulatorStats $sim).acceptedMessages
    $powerShellCold = Invoke-BenchWorker -Script (Get-BenchWorkerPath 'ClientCpu.Worker.ps1') -TimeoutSeconds 300 -CpuList $cores.Client `
        -Parameters ($common + @{ Repetitions = 0; Mode = 'PowerShellCold' }) -Environment $environment
}
finally { Stop-RebueSimulator $sim }

$perMessage = { param([double] $seconds) 1e6 * $seconds / $Rows }
$us = { param([double] $seconds) Format-Number (& $perMessage $seconds) 1 }
$median = { param($stage, $field) Get-Median @($run.Stages.$stage | ForEach-Object { $_.$field }) }
$cold = $run.Cold
$warmCpu = & $median 'Send' 'CpuSeconds'
$ok = $run.Errors -eq 0 -and $hostSetting.Errors -eq 0 -and $accepted -eq $Rows
$pinning = if ($cores.Client) { "client pinned to core $($cores.Client), simulator to core $($cores.Simulator)" } else { "NOT pinned: $($cores.Reason)" }
$bytes = { param([double] $allocated) Format-Number ($allocated / $Rows) 0 }

New-BenchRow -Figure '3' -Measure "Client CPU per message, cold (the first $(Format-Number $Rows) rows of a fresh process)" -Result "$(& $us $cold.CpuSeconds) us" `
    -Target '<= 40 us' -Met ((& $perMessage $cold.CpuSeconds) -le 40 -and $ok) `
    -Detail ("$pinning; wall $(Format-Number $cold.Seconds 2) s; of the CPU: JIT compiling $(Format-Number $cold.JitSeconds 2) s ($(Format-Number $cold.JitMethods) methods), " +
        "GC pauses $(Format-Number $cold.GcPauseSeconds 2) s; allocated $(& $bytes $cold.AllocatedBytes) bytes per message")
New-BenchRow -Figure '3' -Measure 'Client CPU per message, warm (the same send again)' -Result "$(& $us $warmCpu) us" `
    -Target '<= 20 us' -Met ((& $perMessage $warmCpu) -le 20 -and $ok) `
    -Detail ("median of $Repetitions, each: $((@($run.Stages.Send.CpuSeconds) | ForEach-Object { & $us $_ }) -join ', ') us; JIT compiling $(Format-Number (& $median 'Send' 'JitSeconds') 2) s, " +
        "GC pauses $(Format-Number (& $median 'Send' 'GcPauseSeconds') 2) s; allocated $(& $bytes (& $median 'Send' 'AllocatedBytes')) bytes per message")

# Each stage's CPU and allocations over the stage before it (medians).
$previous = @{ CpuSeconds = 0; AllocatedBytes = 0 }
$parts = foreach ($stage in @(
        @{ Name = 'Read'; Label = 'Import-Csv' },
        @{ Name = 'Bind'; Label = "PowerShell's parameter binding (no-op cmdlet with Send-RebueSms's pipeline parameters)" },
        @{ Name = 'Plan'; Label = 'rows to messages and one result each (-WhatIf: columns, phones, correlators, units, guards)' },
        @{ Name = 'Send'; Label = 'sending (batches, JSON, HTTP, answers; results as -WhatIf)' })) {
    $cpu = & $median $stage.Name 'CpuSeconds'
    $allocated = & $median $stage.Name 'AllocatedBytes'
    "$($stage.Label) $(& $us ($cpu - $previous.CpuSeconds)) us, $(& $bytes ($allocated - $previous.AllocatedBytes)) B"
    $previous = @{ CpuSeconds = $cpu; AllocatedBytes = $allocated }
}
New-BenchRow -Figure '3' -Measure 'Where the warm CPU per message goes (CPU, bytes allocated)' -Result "$(& $us $warmCpu) us" `
    -Detail (($parts -join '; ') + ". Of the whole send: GC pauses $(& $us (& $median 'Send' 'GcPauseSeconds')) us.")
$powerShellWarm = & $median 'Bind' 'CpuSeconds'
New-BenchRow -Figure '3' -Measure 'What the cold run costs over the warm one, per message' -Result "$(& $us ($cold.CpuSeconds - $warmCpu)) us" `
    -Detail ("PowerShell alone (Import-Csv and binding to a no-op cmdlet, the first $(Format-Number $Rows) rows of a fresh process): $(& $us $powerShellCold.Cold.CpuSeconds) us cold, " +
        "$(& $us $powerShellWarm) us warm, so $(& $us ($powerShellCold.Cold.CpuSeconds - $powerShellWarm)) us of the difference is PowerShell's own code. JIT compiling $(& $us ($cold.JitSeconds - (& $median 'Send' 'JitSeconds'))) us; GC pauses $(& $us ($cold.GcPauseSeconds - (& $median 'Send' 'GcPauseSeconds'))) us; " +
        'the rest is code running before it is optimised (tier-0 and instrumented code, README "Reading figure 3")')
New-BenchRow -Figure '3' -Measure 'Host setting DOTNET_TieredPGO=0 (not the module''s), CPU per message cold / warm' `
    -Result "$(& $us $hostSetting.Cold.CpuSeconds) / $(& $us $hostSetting.Stages.Send[0].CpuSeconds) us" `
    -Detail "a fresh process with the variable set; JIT compiling $(Format-Number $hostSetting.Cold.JitSeconds 2) s cold; errors $($hostSetting.Errors)"
