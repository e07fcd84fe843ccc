# Reads one cmdlet help file in platyPS 0.14 markdown (schema 2.0.0) into a plain object that
# MamlWriter.ps1 turns into MAML. Anything malformed throws, naming the file and line: a doc that
# would render as half a help page must fail the build, not ship.

# The sections platyPS writes, in its order. All are required; NOTES and RELATED LINKS may be empty.
$script:CmdletSections = 'SYNOPSIS', 'SYNTAX', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS', 'INPUTS', 'OUTPUTS', 'NOTES', 'RELATED LINKS'

# The keys platyPS writes in each parameter's yaml block; the optional ones appear for some parameters.
$script:RequiredParameterKeys = 'Type', 'Parameter Sets', 'Aliases', 'Required', 'Position', 'Default value', 'Accept pipeline input', 'Accept wildcard characters'
$script:OptionalParameterKeys = 'Accepted values', 'Applicable'

function Read-CmdletHelpMarkdown {
    param([Parameter(Mandatory)] [string] $Path)

    $doc = Read-MarkdownDocument -Path $Path
    Assert-NoPlaceholder $doc

    foreach ($key in 'external help file', 'Module Name', 'schema') {
        if (-not $doc.FrontMatter.Contains($key) -or -not $doc.FrontMatter[$key]) {
            throw (New-HelpDocError $Path 1 "front matter has no '${key}:' value")
        }
    }
    if ($doc.FrontMatter['schema'] -ne '2.0.0') { throw (New-HelpDocError $Path 1 "schema is '$($doc.FrontMatter['schema'])'; this converter reads platyPS schema 2.0.0") }

    $top = @(Split-MarkdownSections $doc.Blocks 1)
    if ($top.Count -ne 1 -or -not $top[0].Heading) { throw (New-HelpDocError $Path 1 "expected exactly one '# <Cmdlet-Name>' heading, before any other text") }
    $name = $top[0].Heading.Text
    $baseName = [IO.Path]::GetFileNameWithoutExtension($Path)
    if ($name -ne $baseName) { throw (New-HelpDocError $Path $top[0].Heading.Line "heading '# $name' does not match the file name '$baseName'") }
    if ($name -notmatch '^(\w+)-(\w+)$') { throw (New-HelpDocError $Path $top[0].Heading.Line "'$name' is not a Verb-Noun cmdlet name") }
    $verb = $Matches[1]; $noun = $Matches[2]

    $sections = Get-RequiredSections -Path $Path -Body $top[0].Body
    $parameters = @(Read-ParametersSection $Path $sections['PARAMETERS'])
    $setNames = @(Get-ParameterSetNames -Path $Path -Parameters $parameters -Syntax $sections['SYNTAX'])

    [pscustomobject]@{
        Name             = $name
        Verb             = $verb
        Noun             = $noun
        Path             = $Path
        ExternalHelpFile = $doc.FrontMatter['external help file']
        ModuleName       = $doc.FrontMatter['Module Name']
        OnlineVersion    = if ($doc.FrontMatter.Contains('online version')) { $doc.FrontMatter['online version'] } else { '' }
        Synopsis         = (Read-TextOnly $Path $sections['SYNOPSIS'] -Required) -join ' '
        Description      = @(Read-TextOnly $Path $sections['DESCRIPTION'] -Required -AllowCode)
        Examples         = @(Read-ExamplesSection $Path $sections['EXAMPLES'])
        Parameters       = $parameters
        ParameterSets    = $setNames
        Inputs           = @(Read-TypesSection $Path $sections['INPUTS'])
        Outputs          = @(Read-TypesSection $Path $sections['OUTPUTS'])
        Notes            = @(Read-TextOnly $Path $sections['NOTES'] -AllowCode)
        Links            = @(Read-LinksSection $Path $sections['RELATED LINKS'])
    }
}

# platyPS fills new docs with '{{ Fill in the Synopsis }}', '{{ Add example code here }}' and the like; one
# left behind is unfinished work. Only those words count: '${{ secrets.X }}' in a CI example is real text.
function Assert-NoPlaceholder($Doc) {
    foreach ($block in $Doc.Blocks) {
        if ($block.Text -match '\{\{\s*(Fill|Add|Update|Manually)\b.*?\}\}') { throw (New-HelpDocError $Doc.Path $block.Line "unfilled platyPS placeholder: $($Matches[0])") }
    }
}

# Returns a hashtable of section name -> body blocks; every section present once, in platyPS order.
function Get-RequiredSections([string] $Path, $Body) {
    $found = [ordered]@{}
    foreach ($section in Split-MarkdownSections $Body 2) {
        if (-not $section.Heading) { throw (New-HelpDocError $Path $section.Body[0].Line "text before the first '## ' section") }
        $title = $section.Heading.Text.Trim()
        if ($script:CmdletSections -notcontains $title) { throw (New-HelpDocError $Path $section.Heading.Line "unknown section '## $title'; expected one of: $($script:CmdletSections -join ', ')") }
        if ($found.Contains($title)) { throw (New-HelpDocError $Path $section.Heading.Line "section '## $title' appears twice") }
        $found[$title] = [pscustomobject]@{ Line = $section.Heading.Line; Body = @($section.Body) }
    }
    foreach ($title in $script:CmdletSections) {
        if (-not $found.Contains($title)) { throw (New-HelpDocError $Path 0 "missing section '## $title'") }
    }
    $order = @($found.Keys)
    for ($i = 0; $i -lt $order.Count; $i++) {
        if ($order[$i] -ne $script:CmdletSections[$i]) {
            throw (New-HelpDocError $Path $found[$order[$i]].Line "section '## $($order[$i])' is out of order; platyPS order is: $($script:CmdletSections -join ', ')")
        }
    }
    $found
}

# Paragraphs of a section that holds only prose (and, where allowed, code shown as preformatted text).
function Read-TextOnly([string] $Path, $Section, [switch] $Required, [switch] $AllowCode) {
    $paragraphs = foreach ($block in $Section.Body) {
        if ($block.Kind -eq 'Paragraph') { ConvertTo-PlainProse $block.Text }
        elseif ($AllowCode -and $block.Kind -eq 'Code') { $block.Text }
        else { throw (New-HelpDocError $Path $block.Line "unexpected $($block.Kind.ToLowerInvariant()) in this section") }
    }
    if ($Required -and -not $paragraphs) { throw (New-HelpDocError $Path $Section.Line 'section is empty') }
    $paragraphs
}

# '### Example N: title', then code, then the text that explains it.
function Read-ExamplesSection([string] $Path, $Section) {
    $examples = @(foreach ($example in Split-MarkdownSections $Section.Body 3) {
        if (-not $example.Heading) { throw (New-HelpDocError $Path $example.Body[0].Line "text before the first '### Example 1: ...'") }
        $code = @($example.Body | Where-Object Kind -eq 'Code' | ForEach-Object Text)
        $remarks = @($example.Body | Where-Object Kind -eq 'Paragraph' | ForEach-Object { ConvertTo-PlainProse $_.Text })
        if ($example.Body | Where-Object Kind -eq 'Heading') { throw (New-HelpDocError $Path $example.Heading.Line 'an example cannot contain sub-headings') }
        if (-not $code) { throw (New-HelpDocError $Path $example.Heading.Line "example '$($example.Heading.Text)' has no code block") }
        if (-not $remarks) { throw (New-HelpDocError $Path $example.Heading.Line "example '$($example.Heading.Text)' has no text explaining it") }
        [pscustomobject]@{ Title = $example.Heading.Text.Trim(); Code = $code -join "`n`n"; Remarks = $remarks; Line = $example.Heading.Line }
    })
    if (-not $examples) { throw (New-HelpDocError $Path $Section.Line 'no examples: add at least one ### Example 1: ...') }
    for ($i = 0; $i -lt $examples.Count; $i++) {
        if ($examples[$i].Title -notmatch "^Example $($i + 1)(:\s*\S.*)?$") {
            throw (New-HelpDocError $Path $examples[$i].Line "example title '$($examples[$i].Title)' should read 'Example $($i + 1): <what it shows>'")
        }
    }
    $examples
}

# '### -Name', its description, then one yaml block per group of parameter sets.
function Read-ParametersSection([string] $Path, $Section) {
    $sawCommon = $false
    foreach ($parameter in Split-MarkdownSections $Section.Body 3) {
        if (-not $parameter.Heading) { throw (New-HelpDocError $Path $parameter.Body[0].Line "text before the first '### -Parameter'") }
        $title = $parameter.Heading.Text.Trim()
        if ($title -eq 'CommonParameters') { $sawCommon = $true; continue }
        if ($title -notmatch '^-(\w+)$') { throw (New-HelpDocError $Path $parameter.Heading.Line "parameter heading '### $title' should read '### -Name'") }
        $name = $Matches[1]

        $description = [Collections.Generic.List[string]]::new()
        $blocks = [Collections.Generic.List[object]]::new()
        foreach ($block in $parameter.Body) {
            if ($block.Kind -eq 'Code' -and $block.Language -eq 'yaml') { $blocks.Add((Read-ParameterYaml $Path $block)) }
            elseif ($block.Kind -eq 'Paragraph' -and $blocks.Count -eq 0) { $description.Add((ConvertTo-PlainProse $block.Text)) }
            else { throw (New-HelpDocError $Path $block.Line "parameter -${name}: expected its description, then yaml code blocks only") }
        }
        if ($description.Count -eq 0) { throw (New-HelpDocError $Path $parameter.Heading.Line "parameter -$name has no description") }
        if ($blocks.Count -eq 0) { throw (New-HelpDocError $Path $parameter.Heading.Line "parameter -$name has no yaml code block") }
        Assert-ConsistentBlocks $Path $parameter.Heading.Line $name $blocks

        [pscustomobject]@{
            Name        = $name
            Description = $description.ToArray()
            Type        = $blocks[0].Type
            Aliases     = $blocks[0].Aliases
            Globbing    = $blocks[0].Globbing
            DefaultValue = $blocks[0].DefaultValue
            AcceptedValues = $blocks[0].AcceptedValues
            Blocks      = $blocks.ToArray()
            Line        = $parameter.Heading.Line
        }
    }
    if (-not $sawCommon) { throw (New-HelpDocError $Path $Section.Line "missing '### CommonParameters' (every cmdlet supports them)") }
}

function Read-ParameterYaml([string] $Path, $Block) {
    $values = @{}
    $lineNumber = $Block.Line
    foreach ($line in $Block.Text -split "`n") {
        $lineNumber++
        if (-not $line.Trim()) { continue }
        if ($line -notmatch '^([^:]+):\s*(.*?)\s*$') { throw (New-HelpDocError $Path $lineNumber "yaml line is not 'Key: value': $line") }
        $key = $Matches[1].Trim(); $value = $Matches[2]
        if ($script:RequiredParameterKeys -notcontains $key -and $script:OptionalParameterKeys -notcontains $key) {
            throw (New-HelpDocError $Path $lineNumber "unknown yaml key '$key'")
        }
        $values[$key] = $value
    }
    foreach ($key in $script:RequiredParameterKeys) {
        if (-not $values.ContainsKey($key)) { throw (New-HelpDocError $Path $Block.Line "yaml block has no '${key}:'") }
    }
    foreach ($key in 'Type', 'Parameter Sets', 'Position') {
        if (-not $values[$key]) { throw (New-HelpDocError $Path $Block.Line "yaml '${key}:' is empty") }
    }

    $position = $values['Position']
    if ($position -notmatch '^(\d+|Named)$') { throw (New-HelpDocError $Path $Block.Line "Position '$position' should be a number or Named") }
    $pipeline = $values['Accept pipeline input']
    if ($pipeline -notmatch '^(False|True \((ByValue|ByPropertyName)(, (ByValue|ByPropertyName))?\))$') {
        throw (New-HelpDocError $Path $Block.Line "Accept pipeline input '$pipeline' should be False, True (ByValue), True (ByPropertyName) or True (ByPropertyName, ByValue)")
    }
    $sets = @(Split-List $values['Parameter Sets'])

    [pscustomobject]@{
        Type           = $values['Type']
        Sets           = $sets
        Aliases        = @(Split-List $values['Aliases'])
        Required       = ConvertTo-YamlBool $Path $Block 'Required' $values['Required']
        Position       = if ($position -eq 'Named') { 'named' } else { $position }
        DefaultValue   = if ($values['Default value']) { $values['Default value'] } else { 'None' }
        ByValue        = $pipeline -match 'ByValue'
        ByPropertyName = $pipeline -match 'ByPropertyName'
        Globbing       = ConvertTo-YamlBool $Path $Block 'Accept wildcard characters' $values['Accept wildcard characters']
        AcceptedValues = if ($values.ContainsKey('Accepted values')) { @(Split-List $values['Accepted values']) } else { @() }
    }
}

function Split-List([string] $Text) { $Text -split ',' | ForEach-Object Trim | Where-Object { $_ } }

function ConvertTo-YamlBool([string] $Path, $Block, [string] $Key, [string] $Value) {
    if ($Value -eq 'True') { return $true }
    if ($Value -eq 'False') { return $false }
    throw (New-HelpDocError $Path $Block.Line "'${Key}:' should be True or False, not '$Value'")
}

# What belongs to the parameter itself (type, aliases) must agree across its blocks; the sets must not overlap.
function Assert-ConsistentBlocks([string] $Path, [int] $Line, [string] $Name, $Blocks) {
    $seen = @{}
    foreach ($block in $Blocks) {
        if ($block.Type -ne $Blocks[0].Type) { throw (New-HelpDocError $Path $Line "parameter -$Name has different Types in its yaml blocks") }
        if (($block.Aliases -join ',') -ne ($Blocks[0].Aliases -join ',')) { throw (New-HelpDocError $Path $Line "parameter -$Name has different Aliases in its yaml blocks") }
        if ($block.Sets -contains '(All)' -and ($Blocks.Count -gt 1 -or $block.Sets.Count -gt 1)) {
            throw (New-HelpDocError $Path $Line "parameter -${Name}: '(All)' must be the only parameter set listed for it")
        }
        foreach ($set in $block.Sets) {
            if ($seen.ContainsKey($set)) { throw (New-HelpDocError $Path $Line "parameter -$Name lists set '$set' twice") }
            $seen[$set] = $true
        }
    }
}

# The named sets the parameters belong to must be the ones SYNTAX shows ('### SetName' or '### SetName (Default)').
# With no named set the cmdlet has one implicit set and SYNTAX has a single code block.
function Get-ParameterSetNames([string] $Path, $Parameters, $Syntax) {
    $fromParameters = @($Parameters | ForEach-Object Blocks | ForEach-Object Sets | Where-Object { $_ -ne '(All)' } | Select-Object -Unique)
    $fromSyntax = [Collections.Generic.List[string]]::new()
    foreach ($set in Split-MarkdownSections $Syntax.Body 3) {
        if (-not @($set.Body | Where-Object Kind -eq 'Code')) {
            $line = if ($set.Heading) { $set.Heading.Line } else { $Syntax.Line }
            throw (New-HelpDocError $Path $line 'a syntax block has no code fence')
        }
        if ($set.Heading) { $fromSyntax.Add(($set.Heading.Text -replace '\s*\(Default\)\s*$', '').Trim()) }
    }
    if ($Syntax.Body.Count -eq 0) { throw (New-HelpDocError $Path $Syntax.Line 'section is empty') }

    if ($fromSyntax.Count -eq 0) {
        if ($fromParameters.Count -gt 1) { throw (New-HelpDocError $Path $Syntax.Line "parameters name sets $($fromParameters -join ', ') but SYNTAX has no '### SetName' blocks") }
        return $fromParameters
    }
    # A set may have no parameters of its own (a default set made only of '(All)' parameters, as
    # Connect-CloudRebue's Environment set is), so SYNTAX may name sets no parameter names; the
    # reverse, a parameter naming a set SYNTAX does not show, is an error.
    $missing = @($fromParameters | Where-Object { $fromSyntax -notcontains $_ })
    if ($missing) {
        throw (New-HelpDocError $Path $Syntax.Line "SYNTAX sets ($($fromSyntax -join ', ')) differ from the sets the parameters name ($($fromParameters -join ', '))")
    }
    $fromSyntax.ToArray()
}

# '### TypeName' then an optional description; platyPS writes '### None' when there is nothing.
function Read-TypesSection([string] $Path, $Section) {
    $types = @(foreach ($type in Split-MarkdownSections $Section.Body 3) {
        if (-not $type.Heading) { throw (New-HelpDocError $Path $type.Body[0].Line "text before the first '### TypeName'") }
        $description = @(foreach ($block in $type.Body) {
            if ($block.Kind -ne 'Paragraph') { throw (New-HelpDocError $Path $block.Line "unexpected $($block.Kind.ToLowerInvariant()) under '### $($type.Heading.Text)'") }
            ConvertTo-PlainProse $block.Text
        })
        [pscustomobject]@{ Name = $type.Heading.Text.Trim(); Description = $description }
    })
    if (-not $types) { throw (New-HelpDocError $Path $Section.Line "no '### TypeName' entries (write '### None' when there are none)") }
    $types
}

# '[text](uri)' links; a relative .md link keeps its text and drops the uri, which Get-Help -Online cannot open.
function Read-LinksSection([string] $Path, $Section) {
    foreach ($block in $Section.Body) {
        if ($block.Kind -ne 'Paragraph') { throw (New-HelpDocError $Path $block.Line "unexpected $($block.Kind.ToLowerInvariant()) in RELATED LINKS") }
        $links = [regex]::Matches($block.Text, '\[([^\]]+)\]\(([^)\s]*)\)')
        if ($links.Count -eq 0) { [pscustomobject]@{ Text = $block.Text.Trim(); Uri = '' }; continue }
        foreach ($link in $links) {
            $uri = $link.Groups[2].Value
            [pscustomobject]@{ Text = $link.Groups[1].Value; Uri = if ($uri -match '^https?://') { $uri } else { '' } }
        }
    }
}
