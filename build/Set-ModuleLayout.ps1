<#
.SYNOPSIS
    Arranges a published module folder so that nothing probes our dependencies into the default context.
.DESCRIPTION
    At the root: the manifest, the cmdlet assembly (it references only CloudRebue.Core) and, for
    PowerShell 7, CloudRebue.Isolation.dll (the private AssemblyLoadContext). Everything else the
    publish produced (the engine, System.Text.Json, Polly.Core, Microsoft.Bcl.*, their polyfills)
    moves to dependencies/, where only our resolvers look (docs/ARCHITECTURE.md, "Loading beside other modules").
#>
param(
    [Parameter(Mandatory)] [string] $ModuleDir,
    [Parameter(Mandatory)] [string] $Configuration
)
$ErrorActionPreference = 'Stop'

$rootAssemblies = 'CloudRebue.PowerShell.dll', 'CloudRebue.PowerShell.pdb'
$dependencies = Join-Path $ModuleDir 'dependencies'
$null = New-Item -ItemType Directory -Force $dependencies
Get-ChildItem $ModuleDir -File -Include '*.dll', '*.pdb' -Recurse -Depth 0 |
    Where-Object { $_.DirectoryName -eq (Get-Item $ModuleDir).FullName -and $rootAssemblies -notcontains $_.Name } |
    Move-Item -Destination $dependencies

$isolation = Join-Path $PSScriptRoot '../src/CloudRebue.Isolation/CloudRebue.Isolation.csproj'
& dotnet publish $isolation -c $Configuration --no-build --nologo -v q -o $ModuleDir
if ($LASTEXITCODE -ne 0) { throw "Publishing CloudRebue.Isolation failed with exit code $LASTEXITCODE." }
# Its deps.json would describe a net8.0 app; PowerShell and .NET never need it for a library.
Get-ChildItem $ModuleDir -Filter '*.deps.json' -Recurse | Remove-Item
