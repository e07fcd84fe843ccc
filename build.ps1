<#
.SYNOPSIS
    Builds, tests, packages and demonstrates the CloudRebue module.
.DESCRIPTION
    Build   : assembles the shippable module folder out/CloudRebue/<version>/.
    Test    : Build, then every xunit project and the Pester suite against that folder; prints "N passed, N failed".
    Package : Build, then Publish-PSResource into out/repository; the .nupkg is left in out/.
    Demo    : Build, then the whole mission against the bundled simulator (no account needed).
    Bench   : Build, then the benchmark harness in tests/Benchmarks.
    Soak    : Build, then the xunit suites -Repeat times and Pester -PesterRepeat times, a CPU burner on
              one core every other round; prints each test that failed at least once, with its count.
    Clean   : removes out/ and every bin/ and obj/.
.EXAMPLE
    dotnet tool restore; dotnet pwsh ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Demo', 'Bench', 'Soak', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    [ValidateRange(1, 1000)] [int] $Repeat = 20,
    [ValidateRange(0, 100)] [int] $PesterRepeat = 3
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3
if (Get-Variable PSStyle -ErrorAction SilentlyContinue) { $PSStyle.OutputRendering = 'PlainText' }
. (Join-Path $PSScriptRoot 'build/BuildSteps.ps1')
. (Join-Path $PSScriptRoot 'build/Invoke-Soak.ps1')

$context = New-BuildContext -Root $PSScriptRoot -Configuration $Configuration
switch ($Task) {
    'Clean'   { Invoke-Clean $context }
    'Build'   { Invoke-Build $context }
    'Test'    { Invoke-Build $context; $failed = Invoke-AllTests $context; if ($failed) { exit 1 } }
    'Package' { Invoke-Build $context; Invoke-Package $context }
    'Demo'    { Invoke-Build $context; & (Join-Path $PSScriptRoot 'build/Demo.ps1') -ModuleDir $context.ModuleDir -Configuration $Configuration }
    'Soak'    { Invoke-Build $context; $failed = Invoke-Soak $context $Repeat $PesterRepeat; if ($failed) { exit 1 } }
    'Bench'   { Invoke-Build $context; & (Join-Path $PSScriptRoot 'tests/Benchmarks/Invoke-Benchmarks.ps1') -ModuleDir $context.ModuleDir -Configuration $Configuration }
}
