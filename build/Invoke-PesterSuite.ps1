# Runs tests/Pester against the built module folder and writes the counts (and the names of the tests
# that failed, for the soak) as JSON for build.ps1.
param(
    [Parameter(Mandatory)] [string] $ModuleDir,
    [Parameter(Mandatory)] [string] $ResultPath,
    [string] $Configuration = 'Release',
    [string[]] $Path = @((Join-Path $PSScriptRoot '../tests/Pester')),
    # File names to leave out, comma-separated (one string, so it survives 'pwsh -File').
    [string] $ExcludeFiles = ''
)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'PinnedVersions.ps1')
$pesterVersion = Get-PinnedVersion 'PesterVersion'
$nugetRoot = (& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
$pesterManifest = Join-Path $nugetRoot.Trim() "pester/$pesterVersion/tools/Pester.psd1"
if (-not (Test-Path $pesterManifest)) { throw "Pester $pesterVersion is not restored at $pesterManifest. Run 'dotnet restore' first." }
Import-Module $pesterManifest -Force

$env:CLOUDREBUE_TEST_MODULE_DIR = (Resolve-Path $ModuleDir).Path
$env:CLOUDREBUE_TEST_CONFIGURATION = $Configuration

$config = New-PesterConfiguration
$config.Run.Path = $Path
$config.Run.ExcludePath = @($ExcludeFiles -split ',' | Where-Object { $_ } | ForEach-Object { "*$_" })
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Normal'
$config.TestResult.Enabled = $true
$config.TestResult.OutputPath = [IO.Path]::ChangeExtension($ResultPath, '.xml')
$result = Invoke-Pester -Configuration $config

# A block or file that fails before its tests run still counts as a failure.
$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
$failedNames = @(
    $result.Failed | ForEach-Object { $_.ExpandedPath }
    $result.FailedBlocks | ForEach-Object { "$($_.Path -join '.') (block)" }
    $result.FailedContainers | ForEach-Object { "$($_.Item) (file)" }
)
@{ Passed = $result.PassedCount; Failed = $failed; FailedTests = $failedNames } | ConvertTo-Json | Set-Content $ResultPath
if ($failed -gt 0) { exit 1 }
