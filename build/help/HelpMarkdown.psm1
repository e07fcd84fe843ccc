# Converts help written in platyPS markdown into what Get-Help reads: one MAML file for the cmdlets
# and one about_*.help.txt per about topic. Our own code, because platyPS is not available here and
# the build must not depend on PSGallery.

Set-StrictMode -Version 3
. (Join-Path $PSScriptRoot 'MarkdownBlocks.ps1')
. (Join-Path $PSScriptRoot 'CmdletHelpReader.ps1')
. (Join-Path $PSScriptRoot 'MamlWriter.ps1')
. (Join-Path $PSScriptRoot 'AboutTopicWriter.ps1')

# Every *.md in DocsDir: about_*.md are about topics, the rest cmdlet help. Throws on the first bad doc.
function Convert-HelpFolder {
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $DocsDir, [Parameter(Mandatory)] [string] $OutDir)

    if (-not (Test-Path -LiteralPath $DocsDir -PathType Container)) { throw "Help docs folder not found: $DocsDir" }
    $files = @(Get-ChildItem -LiteralPath $DocsDir -Filter '*.md' -File | Sort-Object Name)
    $aboutFiles = @($files | Where-Object Name -like 'about_*.md')
    $cmdletFiles = @($files | Where-Object Name -notlike 'about_*.md')
    if ($cmdletFiles.Count -eq 0) { throw "No cmdlet help (*.md) in $DocsDir" }

    $commands = @(foreach ($file in $cmdletFiles) { Read-CmdletHelpMarkdown -Path $file.FullName })
    # One MAML file serves the whole module, so every doc must name the same file and module.
    foreach ($key in 'ExternalHelpFile', 'ModuleName') {
        $values = @($commands | ForEach-Object $key | Select-Object -Unique)
        if ($values.Count -ne 1) { throw "Cmdlet docs in $DocsDir disagree on ${key}: $($values -join ', ')" }
    }

    $null = New-Item -ItemType Directory -Force -Path $OutDir
    $mamlPath = Join-Path $OutDir $commands[0].ExternalHelpFile
    Write-MamlHelpFile -Commands $commands -Path $mamlPath
    Write-Verbose "Wrote $mamlPath ($($commands.Count) cmdlets)"

    foreach ($file in $aboutFiles) {
        $text = ConvertTo-AboutHelpText -Path $file.FullName
        $txtPath = Join-Path $OutDir "$($file.BaseName).help.txt"
        [IO.File]::WriteAllText($txtPath, $text, [Text.UTF8Encoding]::new($true))
        Write-Verbose "Wrote $txtPath"
    }
}

Export-ModuleMember -Function Convert-HelpFolder, Read-CmdletHelpMarkdown, ConvertTo-AboutHelpText
