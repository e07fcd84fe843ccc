<#
.SYNOPSIS
    Figure 5: Import-Module CloudRebue in a fresh process, as a ratio to Import-Module
    Microsoft.PowerShell.PSResourceGet (which ships with PowerShell) measured the same way: both by
    manifest path, alternating, the median of -Repetitions each.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleDir,
    [int] $Repetitions = 6
)
$ErrorActionPreference = 'Stop'
$ours = Join-Path $ModuleDir 'CloudRebue.psd1'
$reference = (Get-Module -ListAvailable Microsoft.PowerShell.PSResourceGet | Sort-Object Version -Descending | Select-Object -First 1).Path
if (-not $reference) { throw 'Microsoft.PowerShell.PSResourceGet is not installed with this PowerShell.' }

$times = @{ Ours = @(); Reference = @() }
for ($i = 0; $i -lt $Repetitions; $i++) {
    # Alternate which goes first, so neither always follows the other's disk and CPU state.
    $order = if ($i % 2) { 'Reference', 'Ours' } else { 'Ours', 'Reference' }
    foreach ($which in $order) {
        $manifest = if ($which -eq 'Ours') { $ours } else { $reference }
        $times[$which] += (Invoke-BenchWorker -Script (Get-BenchWorkerPath 'ImportModule.Worker.ps1') -TimeoutSeconds 60 -Parameters @{ ManifestPath = $manifest }).Seconds
    }
}
$oursMs = 1000 * (Get-Median $times.Ours)
$referenceMs = 1000 * (Get-Median $times.Reference)
New-BenchRow -Figure '5' -Measure 'Import-Module CloudRebue / Import-Module PSResourceGet' -Result (Format-Number ($oursMs / $referenceMs) 2) `
    -Detail "median of $Repetitions fresh processes each: CloudRebue $(Format-Number $oursMs) ms, Microsoft.PowerShell.PSResourceGet $(Format-Number $referenceMs) ms (by manifest path)"
