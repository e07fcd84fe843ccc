<#
.SYNOPSIS
    Publishes the built module folder with Publish-PSResource into a local folder repository.
.DESCRIPTION
    Registering a repository changes the user's PSResourceGet settings, so run this in a child pwsh
    whose profile is a throwaway one (New-IsolatedUserProfile): build.ps1 -Task Package and the
    install tests both do.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModuleDir,
    [Parameter(Mandatory)] [string] $RepositoryDir
)
$ErrorActionPreference = 'Stop'
$name = 'CloudRebueLocal'
$null = New-Item -ItemType Directory -Force -Path $RepositoryDir
Register-PSResourceRepository -Name $name -Uri $RepositoryDir -Trusted
try { Publish-PSResource -Path $ModuleDir -Repository $name -SkipDependenciesCheck }
finally { Unregister-PSResourceRepository -Name $name }
Get-ChildItem -LiteralPath $RepositoryDir -Filter '*.nupkg' | ForEach-Object FullName
