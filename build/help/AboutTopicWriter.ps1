# Turns an about topic in platyPS's about format (# Topic name, ## about_FileName, then sections
# such as # SHORT DESCRIPTION and # LONG DESCRIPTION, ## subtopics inside them) into the plain text
# of about_<Name>.help.txt, wrapped at 80 columns.
#
# The layout is the classic one because Get-Help takes an about topic's synopsis from the fifth line
# of the file: TOPIC, the name, a blank line, SHORT DESCRIPTION, then the description itself.

$script:AboutWidth = 80

function ConvertTo-AboutHelpText {
    param([Parameter(Mandatory)] [string] $Path)

    $doc = Read-MarkdownDocument -Path $Path
    Assert-NoPlaceholder $doc
    $blocks = @($doc.Blocks)
    $baseName = [IO.Path]::GetFileNameWithoutExtension($Path)

    if ($blocks.Count -eq 0 -or $blocks[0].Kind -ne 'Heading' -or $blocks[0].Level -ne 1) {
        throw (New-HelpDocError $Path 1 "an about topic starts with '# <Topic name>'")
    }
    # The lookup name is the '## about_Name' right under the title, or the title itself.
    $next = 1
    $lookupName = $blocks[0].Text.Trim()
    if ($blocks.Count -gt 1 -and $blocks[1].Kind -eq 'Heading' -and $blocks[1].Level -eq 2 -and $blocks[1].Text -match '^about_\S+$') {
        $lookupName = $blocks[1].Text.Trim()
        $next = 2
    }
    if ($lookupName -ne $baseName) { throw (New-HelpDocError $Path $blocks[$next - 1].Line "the topic's lookup name '$lookupName' does not match the file name '$baseName'") }

    $body = @($blocks | Select-Object -Skip $next)
    if ($body.Count -eq 0 -or $body[0].Kind -ne 'Heading' -or $body[0].Text.Trim() -ne 'SHORT DESCRIPTION') {
        $line = if ($body.Count) { $body[0].Line } else { 1 }
        throw (New-HelpDocError $Path $line "the first section after the title must be 'SHORT DESCRIPTION'")
    }
    $sectionLevel = $body[0].Level
    $sections = @(Split-MarkdownSections $body $sectionLevel)
    if ($sections.Count -lt 2 -or $sections[1].Heading.Text.Trim() -ne 'LONG DESCRIPTION') {
        throw (New-HelpDocError $Path $body[0].Line "'LONG DESCRIPTION' must follow 'SHORT DESCRIPTION'")
    }
    $short = @($sections[0].Body)
    if ($short.Count -ne 1 -or $short[0].Kind -ne 'Paragraph') {
        throw (New-HelpDocError $Path $sections[0].Heading.Line 'SHORT DESCRIPTION must be exactly one paragraph')
    }
    # Get-Help lists only the fifth line as the synopsis, so the short description must fit on it.
    if (@(Format-AboutParagraph (ConvertTo-PlainProse $short[0].Text)).Count -ne 1) {
        throw (New-HelpDocError $Path $short[0].Line "SHORT DESCRIPTION must fit on one line of $($script:AboutWidth - 4) characters")
    }

    $out = [Collections.Generic.List[string]]::new()
    $out.Add('TOPIC')
    $out.Add("    $lookupName")
    foreach ($section in $sections) {
        if ($section.Heading.Level -lt $sectionLevel) { throw (New-HelpDocError $Path $section.Heading.Line 'heading is above the level of SHORT DESCRIPTION') }
        $out.Add('')
        $out.Add($section.Heading.Text.Trim().ToUpperInvariant())
        if ($section.Body.Count -eq 0) { throw (New-HelpDocError $Path $section.Heading.Line "section '$($section.Heading.Text)' is empty") }
        $first = $true
        foreach ($block in $section.Body) {
            if (-not $first) { $out.Add('') }
            $first = $false
            switch ($block.Kind) {
                'Heading' {
                    $title = ConvertTo-PlainProse $block.Text.Trim()
                    $out.Add("    $title")
                    $out.Add('    ' + ('-' * $title.Length))
                    $first = $true
                }
                'Code' { foreach ($line in $block.Text -split "`n") { $out.Add(("        $line").TrimEnd()) } }
                'Paragraph' { foreach ($line in Format-AboutParagraph (ConvertTo-PlainProse $block.Text)) { $out.Add($line) } }
            }
        }
    }
    ($out -join [Environment]::NewLine) + [Environment]::NewLine
}

# Wraps a paragraph at 80 columns with a 4-space margin; list items hang under their own text and
# table rows are kept as written.
function Format-AboutParagraph([string] $Text) {
    foreach ($line in $Text -split "`n") {
        if ($line -match '^\s*\|') { "    $($line.Trim())"; continue }
        $item = [regex]::Match($line, '^(\s*)([-*+]|\d+[.)])\s+(.*)$')
        if ($item.Success) {
            $lead = '    ' + $item.Groups[1].Value
            $marker = $item.Groups[2].Value -replace '^[*+]$', '-'
            Format-Wrapped -Text $item.Groups[3].Value -FirstIndent "$lead$marker " -Indent ($lead + (' ' * ($marker.Length + 1)))
        }
        else { Format-Wrapped -Text $line.Trim() -FirstIndent '    ' -Indent '    ' }
    }
}

function Format-Wrapped([string] $Text, [string] $FirstIndent, [string] $Indent) {
    $current = $FirstIndent
    $empty = $true
    foreach ($word in $Text -split '\s+' | Where-Object { $_ }) {
        if (-not $empty -and ($current.Length + 1 + $word.Length) -gt $script:AboutWidth) {
            $current
            $current = $Indent + $word
        }
        elseif ($empty) { $current += $word }
        else { $current += " $word" }
        $empty = $false
    }
    $current
}
