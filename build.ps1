<#
.SYNOPSIS
    Builds, tests, packages and demonstrates the CloudRebue module.
.DESCRIPTION
    Build   : assembles the shippable module folder out/CloudRebue/<version>/.
    Test    : Build, then every xunit project and the Pester suite against that folder; prints "N passed, N failed".
    Package : Build, then Publish-PSResource into out/repository; the .nupkg is left in out/.
    Demo    : Build, then the whole mission against the bundled simulator (no account needed).
    Bench   : Build, then the benchmark harness in tests/Benchmarks.
    Clean   : removes out/ and every bin/ and obj/.
.EXAMPLE
    dotnet tool restore; dotnet pwsh ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Demo', 'Bench', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3
if (Get-Variable PSStyle -ErrorAction SilentlyContinue) { $PSStyle.OutputRendering = 'PlainText' }
. (Join-Path $PSScriptRoot 'build/BuildSteps.ps1')

$context = New-BuildContext -Root $PSScriptRoot -Configuration $Configuration
switch ($Task) {
    'Clean'   { Invoke-Clean $context }
    'Build'   { Invoke-Build $context }
    'Test'    { Invoke-Build $context; $failed = Invoke-AllTests $context; if ($failed) { exit 1 } }
    'Package' { Invoke-Build $context; Invoke-Package $context }
    'Demo'    { Invoke-Build $context; & (Join-Path $PSScriptRoot 'build/Demo.ps1') -ModuleDir $context.ModuleDir -Configuration $Configuration }
    'Bench'   { Invoke-Build $context; & (Join-Path $PSScriptRoot 'tests/Benchmarks/Invoke-Benchmarks.ps1') -ModuleDir $context.ModuleDir -Configuration $Configuration }
}
