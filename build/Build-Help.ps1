<#
.SYNOPSIS
    Builds the module's help from docs/en-US: platyPS-format markdown in, MAML and about_*.help.txt out.
.DESCRIPTION
    Cmdlet docs (<Cmdlet-Name>.md) become one <external help file> (CloudRebue.PowerShell.dll-Help.xml);
    about_*.md become about_*.help.txt. A malformed doc throws, which fails the build.
    The converter lives in build/help/ (HelpMarkdown.psm1).
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $DocsDir,
    [Parameter(Mandatory)] [string] $OutDir
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'help/HelpMarkdown.psm1') -Force
Convert-HelpFolder -DocsDir $DocsDir -OutDir $OutDir
