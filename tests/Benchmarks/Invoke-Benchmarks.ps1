<#
.SYNOPSIS
    Runs every benchmark figure against the built module and prints a markdown table; also writes it to
    tests/Benchmarks/results/latest.md.
.DESCRIPTION
    Each figure is a ratio measured side by side in this one run, because the build machines are noisy.
    Every figure script starts what it needs (the simulator, fresh pwsh workers) and stops it again,
    also when it fails; a figure that fails is reported as 'not measured' and the others still run.
    Generated CSV files live in a temporary folder under out/ that is deleted at the end.
    See tests/Benchmarks/README.md for what each figure means.
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Bench
.EXAMPLE
    dotnet pwsh tests/Benchmarks/Invoke-Benchmarks.ps1 -ModuleDir out/CloudRebue/0.1.0 -Figure 3, 5
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModuleDir,
    [ValidateSet('Debug', 'Release')] [string] $Configuration = 'Release',
    # Only these figures (1 to 8); all by default.
    [ValidateRange(1, 8)] [int[]] $Figure = @(1, 2, 3, 4, 5, 6, 7, 8)
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3
Import-Module (Join-Path $PSScriptRoot 'BenchmarkHelpers.psm1') -Force
Import-Module (Join-Path $PSScriptRoot '../Pester/SimulatorHelpers.psm1') -Force

$ModuleDir = (Resolve-Path $ModuleDir).Path
$repoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
$workDir = Join-Path $repoRoot "out/bench-work-$PID"
$null = New-Item -ItemType Directory -Force $workDir
$clock = [Diagnostics.Stopwatch]::StartNew()
$rows = [Collections.Generic.List[object]]::new()

# Runs one figure script; its rows join the report, or one 'not measured' row says why it failed.
function Invoke-Figure([int] $Number, [string] $Name, [string] $Script, [hashtable] $Parameters) {
    if ($Figure -notcontains $Number) { return }
    Write-Host "Figure ${Number}: $Name ..."
    $started = $clock.Elapsed
    try {
        $produced = @(& (Join-Path $PSScriptRoot $Script) @Parameters)
        foreach ($row in $produced) { $rows.Add($row) }
        $produced
    }
    catch {
        Write-Host "Figure $Number failed: $($_.Exception.Message)"
        $rows.Add((New-BenchErrorRow "$Number" $Name $_))
    }
    finally { Write-Host ("  ({0:N0} s)" -f ($clock.Elapsed - $started).TotalSeconds) }
}

try {
    $common = @{ ModuleDir = $ModuleDir; Configuration = $Configuration; WorkDir = $workDir }
    $throughput = Invoke-Figure 1 'Send throughput' 'SendThroughput.Benchmark.ps1' $common
    $ours = $throughput | Where-Object { $_.PSObject.Properties['MessagesPerSecond'] } | Select-Object -First 1
    $baselines = $common.Clone()
    if ($ours) { $baselines.ModuleMessagesPerSecond = $ours.MessagesPerSecond }
    $null = Invoke-Figure 2 'Scripted Invoke-RestMethod baselines' 'ScriptedBaselines.Benchmark.ps1' $baselines
    $null = Invoke-Figure 3 'Client CPU per message' 'ClientCpu.Benchmark.ps1' $common
    $null = Invoke-Figure 4 'Memory' 'SendMemory.Benchmark.ps1' $common
    $null = Invoke-Figure 5 'Import-Module time' 'ImportTime.Benchmark.ps1' @{ ModuleDir = $ModuleDir }
    $null = Invoke-Figure 6 'Receipt listener' 'ReceiptListener.Benchmark.ps1' @{ ModuleDir = $ModuleDir }
    $null = Invoke-Figure 7 'Send journal' 'SendJournal.Benchmark.ps1' $common
    $null = Invoke-Figure 8 'Receipt listener under attack' 'ListenerAttacks.Benchmark.ps1' @{ ModuleDir = $ModuleDir }
}
finally {
    Remove-Item -Recurse -Force -ErrorAction SilentlyContinue $workDir
}

$header = "## CloudRebue benchmarks, $([DateTime]::UtcNow.ToString('yyyy-MM-dd HH:mm')) UTC`n`n" +
    "$([Environment]::ProcessorCount) cores, PowerShell $($PSVersionTable.PSVersion), $([Runtime.InteropServices.RuntimeInformation]::FrameworkDescription), " +
    "module $ModuleDir ($Configuration). Whole run: $(Format-Number $clock.Elapsed.TotalSeconds) s."
$report = Format-BenchReport -Rows $rows -Header $header
$resultsDir = Join-Path $PSScriptRoot 'results'
$null = New-Item -ItemType Directory -Force $resultsDir
Set-Content -Path (Join-Path $resultsDir 'latest.md') -Value $report -Encoding utf8NoBOM
Write-Host ''
$report | ForEach-Object { Write-Host $_ }

$unmeasured = @($rows | Where-Object { $_.Result -eq 'not measured' })
if ($unmeasured.Count -gt 0) { throw "$($unmeasured.Count) figure(s) could not be measured; see the table above." }
