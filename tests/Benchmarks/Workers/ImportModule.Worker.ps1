# Figure 5, in a fresh pwsh: how long one Import-Module of a manifest takes, by path, nothing else.
param([Parameter(Mandatory)] [string] $ManifestPath)
. (Join-Path $PSScriptRoot 'WorkerCommon.ps1')
$run = Measure-BenchBlock { Import-Module $ManifestPath }
Write-BenchResult @{ Seconds = $run.Seconds }
