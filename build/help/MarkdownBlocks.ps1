# Reads the subset of markdown that platyPS help files use: YAML front matter, ATX headings, fenced
# code blocks and paragraphs. Lines inside a code fence stay code, so a '# comment' in an example is
# never taken for a heading.

# Every problem in a doc is reported as file:line, so the build log points at the line to fix.
function New-HelpDocError {
    param([string] $Path, [int] $Line, [string] $Message)
    $where = if ($Line -gt 0) { "${Path}:${Line}" } else { $Path }
    [System.IO.InvalidDataException]::new("${where}: $Message")
}

# Returns the front matter (ordered key/value) and a flat list of blocks, each with Kind (Heading,
# Code, Paragraph), Level (headings), Language (code), Text and Line (1-based, for messages).
function Read-MarkdownDocument {
    param([Parameter(Mandatory)] [string] $Path)

    $lines = [IO.File]::ReadAllText($Path) -replace "`r`n?", "`n" -split "`n"
    $frontMatter = [ordered]@{}
    $i = 0
    if ($lines[0].Trim() -eq '---') {
        $i = 1
        while ($i -lt $lines.Count -and $lines[$i].Trim() -ne '---') {
            if ($lines[$i] -match '^\s*([^:]+?)\s*:\s*(.*?)\s*$') { $frontMatter[$Matches[1]] = $Matches[2] }
            elseif ($lines[$i].Trim()) { throw (New-HelpDocError $Path ($i + 1) "front matter line is not 'key: value': $($lines[$i])") }
            $i++
        }
        if ($i -ge $lines.Count) { throw (New-HelpDocError $Path 1 "front matter opened with '---' is never closed") }
        $i++
    }

    $blocks = [Collections.Generic.List[object]]::new()
    $paragraph = [Collections.Generic.List[string]]::new()
    $paragraphStart = 0
    for (; $i -lt $lines.Count; $i++) {
        $line = $lines[$i]
        $fence = [regex]::Match($line, '^\s{0,3}(`{3,}|~{3,})\s*([\w.+-]*)\s*$')
        $heading = [regex]::Match($line, '^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$')
        if ($paragraph.Count -gt 0 -and ($fence.Success -or $heading.Success -or -not $line.Trim())) {
            $blocks.Add((New-Block Paragraph -Text (Join-ParagraphLines $paragraph) -Line $paragraphStart))
            $paragraph.Clear()
        }

        if ($fence.Success) {
            # Closed by a line of the same character, at least as long as the opening.
            $marker = $fence.Groups[1].Value
            $closing = '^\s{0,3}' + [regex]::Escape($marker.Substring(0, 1)) + "{$($marker.Length),}\s*$"
            $start = $i + 1
            $code = [Collections.Generic.List[string]]::new()
            for ($i++; $i -lt $lines.Count -and $lines[$i] -notmatch $closing; $i++) { $code.Add($lines[$i]) }
            if ($i -ge $lines.Count) { throw (New-HelpDocError $Path $start "code fence $marker is never closed") }
            $blocks.Add((New-Block Code -Text ($code -join "`n") -Language $fence.Groups[2].Value -Line $start))
        }
        elseif ($heading.Success) {
            $blocks.Add((New-Block Heading -Text $heading.Groups[2].Value -Level $heading.Groups[1].Length -Line ($i + 1)))
        }
        elseif ($line.Trim()) {
            if ($paragraph.Count -eq 0) { $paragraphStart = $i + 1 }
            $paragraph.Add($line)
        }
    }
    if ($paragraph.Count -gt 0) { $blocks.Add((New-Block Paragraph -Text (Join-ParagraphLines $paragraph) -Line $paragraphStart)) }

    [pscustomobject]@{ Path = $Path; FrontMatter = $frontMatter; Blocks = $blocks.ToArray() }
}

function New-Block {
    param([string] $Kind, [string] $Text, [int] $Line, [int] $Level = 0, [string] $Language = '')
    [pscustomobject]@{ Kind = $Kind; Level = $Level; Language = $Language; Text = $Text; Line = $Line }
}

# Soft-wrapped lines join with a space, as a markdown renderer shows them. A list item or a table row
# starts a new line so lists and tables survive; a line ending in two spaces or '\' is a hard break.
function Join-ParagraphLines {
    param([string[]] $Lines)
    $text = [Text.StringBuilder]::new()
    $hardBreak = $false
    foreach ($line in $Lines) {
        $keepsOwnLine = $line -match '^\s*([-*+]|\d+[.)])\s' -or $line -match '^\s*\|'
        $content = if ($keepsOwnLine) { $line.TrimEnd() } else { $line.Trim() }
        $content = $content -replace '\\$', ''
        if ($text.Length -eq 0) { $null = $text.Append($content) }
        elseif ($keepsOwnLine -or $hardBreak) { $null = $text.Append("`n").Append($content) }
        else { $null = $text.Append(' ').Append($content) }
        $hardBreak = $line -match '(\S {2,}|\\)$'
    }
    $text.ToString()
}

# Groups blocks under the headings of one level: each section has Heading (null for blocks before
# the first heading) and Body (every block up to the next heading of that level or higher).
function Split-MarkdownSections {
    param([object[]] $Blocks, [int] $Level)
    $sections = [Collections.Generic.List[object]]::new()
    $current = [pscustomobject]@{ Heading = $null; Body = [Collections.Generic.List[object]]::new() }
    foreach ($block in $Blocks) {
        if ($block.Kind -eq 'Heading' -and $block.Level -le $Level) {
            if ($current.Heading -or $current.Body.Count -gt 0) { $sections.Add($current) }
            $current = [pscustomobject]@{ Heading = $block; Body = [Collections.Generic.List[object]]::new() }
        }
        else { $current.Body.Add($block) }
    }
    if ($current.Heading -or $current.Body.Count -gt 0) { $sections.Add($current) }
    $sections.ToArray()
}

# Prose for a plain-text reader: '[text](https://...)' becomes 'text (https://...)', a link to another
# .md file keeps only its text, and backslash escapes such as '\<' lose the backslash. Code spans in
# backticks are left exactly as written.
function ConvertTo-PlainProse {
    param([string] $Text)
    $parts = [regex]::Split($Text, '(`+[^`]*`+)')
    $plain = foreach ($part in $parts) {
        if ($part -match '^`') { $part; continue }
        $part = [regex]::Replace($part, '\[([^\]]+)\]\(([^)\s]*)\)', {
                param($m)
                if ($m.Groups[2].Value -match '^https?://') { "$($m.Groups[1].Value) ($($m.Groups[2].Value))" } else { $m.Groups[1].Value }
            })
        [regex]::Replace($part, '\\([!-/:-@\[-`{-~])', '$1')
    }
    $plain -join ''
}
