# Writes the command objects from CmdletHelpReader.ps1 as one MAML file, the XML Get-Help reads for
# binary cmdlets. XmlWriter does all escaping (&, <, >, quotes) and refuses characters XML cannot hold.

$script:MamlNamespaces = @{
    msh     = 'http://msh'
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
    MSHelp  = 'http://msdn.microsoft.com/mshelp'
}

function Write-MamlHelpFile {
    param([Parameter(Mandatory)] [object[]] $Commands, [Parameter(Mandatory)] [string] $Path)

    $settings = [Xml.XmlWriterSettings]::new()
    $settings.Indent = $true
    # A byte order mark lets Windows PowerShell 5.1 read non-ASCII text without guessing.
    $settings.Encoding = [Text.UTF8Encoding]::new($true)
    $writer = [Xml.XmlWriter]::Create($Path, $settings)
    try {
        $writer.WriteStartDocument()
        $writer.WriteStartElement('helpItems', $script:MamlNamespaces.msh)
        $writer.WriteAttributeString('schema', 'maml')
        foreach ($command in $Commands) { Write-MamlCommand $writer $command }
        $writer.WriteEndElement()
        $writer.WriteEndDocument()
    }
    finally { $writer.Dispose() }
}

function Write-MamlCommand([Xml.XmlWriter] $W, $Command) {
    Open-Element $W command command
    foreach ($prefix in 'maml', 'command', 'dev', 'MSHelp') {
        $W.WriteAttributeString('xmlns', $prefix, $null, $script:MamlNamespaces[$prefix])
    }

    Open-Element $W command details
    Write-Element $W command name $Command.Name
    Write-Element $W command verb $Command.Verb
    Write-Element $W command noun $Command.Noun
    Write-Paragraphs $W @($Command.Synopsis)
    Close-Element $W

    Write-Paragraphs $W $Command.Description

    Open-Element $W command syntax
    foreach ($set in Get-SyntaxSets $Command) {
        Open-Element $W command syntaxItem
        Write-Element $W maml name $Command.Name
        foreach ($entry in $set.Entries) { Write-MamlParameter $W $entry.Parameter $entry.Block -InSyntax }
        Close-Element $W
    }
    Close-Element $W

    Open-Element $W command parameters
    foreach ($parameter in $Command.Parameters) { Write-MamlParameter $W $parameter (Merge-ParameterBlocks $parameter) }
    Close-Element $W

    Write-TypeList $W inputTypes inputType $Command.Inputs
    Write-TypeList $W returnValues returnValue $Command.Outputs

    if ($Command.Notes) {
        Open-Element $W maml alertSet
        Open-Element $W maml alert
        foreach ($note in $Command.Notes) { Write-Element $W maml para $note }
        Close-Element $W
        Close-Element $W
    }

    Open-Element $W command examples
    foreach ($example in $Command.Examples) {
        Open-Element $W command example
        Write-Element $W maml title (Format-ExampleTitle $example.Title)
        Write-Element $W dev code $example.Code
        Open-Element $W dev remarks
        foreach ($remark in $example.Remarks) { Write-Element $W maml para $remark }
        Close-Element $W
        Close-Element $W
    }
    Close-Element $W

    Open-Element $W command relatedLinks
    if ($Command.OnlineVersion) { Write-Link $W 'Online Version:' $Command.OnlineVersion }
    foreach ($link in $Command.Links) { Write-Link $W $link.Text $link.Uri }
    Close-Element $W

    Close-Element $W
}

# One parameter element. In a syntax item it carries that set's attributes; in the parameters list the
# attributes merged over all its sets (see Merge-ParameterBlocks).
function Write-MamlParameter([Xml.XmlWriter] $W, $Parameter, $Block, [switch] $InSyntax) {
    Open-Element $W command parameter
    $W.WriteAttributeString('required', $Block.Required.ToString().ToLowerInvariant())
    $W.WriteAttributeString('variableLength', 'true')
    $W.WriteAttributeString('globbing', $Parameter.Globbing.ToString().ToLowerInvariant())
    $W.WriteAttributeString('pipelineInput', (Format-PipelineInput $Block))
    $W.WriteAttributeString('position', $Block.Position)
    $W.WriteAttributeString('aliases', $(if ($Parameter.Aliases) { $Parameter.Aliases -join ', ' } else { 'none' }))
    Write-Element $W maml name $Parameter.Name
    if (-not $InSyntax) { Write-Paragraphs $W $Parameter.Description }
    if ($Parameter.AcceptedValues) {
        Open-Element $W command parameterValueGroup
        foreach ($value in $Parameter.AcceptedValues) { Write-ParameterValue $W $value }
        Close-Element $W
    }
    # A switch takes no value: Get-Help shows '[-Force]', not '[-Force <SwitchParameter>]'.
    if ($Parameter.Type -notmatch '^(System\.Management\.Automation\.)?SwitchParameter$') { Write-ParameterValue $W $Parameter.Type }
    Open-Element $W dev type
    Write-Element $W maml name $Parameter.Type
    Write-Element $W maml uri ''
    Close-Element $W
    Write-Element $W dev defaultValue $Parameter.DefaultValue
    Close-Element $W
}

function Write-ParameterValue([Xml.XmlWriter] $W, [string] $Value) {
    Open-Element $W command parameterValue
    $W.WriteAttributeString('required', 'true')
    $W.WriteAttributeString('variableLength', 'false')
    $W.WriteString($Value)
    Close-Element $W
}

# One set of (Parameter, Block) entries per parameter set, in the order Get-Help should show them:
# positional parameters by position, then mandatory named ones, then the rest as the doc lists them.
function Get-SyntaxSets($Command) {
    $setNames = if ($Command.ParameterSets) { $Command.ParameterSets } else { @('(All)') }
    foreach ($setName in $setNames) {
        $entries = @(foreach ($parameter in $Command.Parameters) {
            $block = $parameter.Blocks | Where-Object { $_.Sets -contains $setName -or $_.Sets -contains '(All)' } | Select-Object -First 1
            if ($block) { [pscustomobject]@{ Parameter = $parameter; Block = $block } }
        })
        $positional = @($entries | Where-Object { $_.Block.Position -ne 'named' } | Sort-Object { [int] $_.Block.Position })
        $required = @($entries | Where-Object { $_.Block.Position -eq 'named' -and $_.Block.Required })
        $optional = @($entries | Where-Object { $_.Block.Position -eq 'named' -and -not $_.Block.Required })
        [pscustomobject]@{ Name = $setName; Entries = @($positional + $required + $optional) }
    }
}

# A parameter listed once for all its sets: required only if required in every set, a position only if
# the same in every set, and every way it accepts pipeline input.
function Merge-ParameterBlocks($Parameter) {
    $positions = @($Parameter.Blocks | ForEach-Object Position | Select-Object -Unique)
    [pscustomobject]@{
        Required       = -not ($Parameter.Blocks | Where-Object { -not $_.Required })
        Position       = if ($positions.Count -eq 1) { $positions[0] } else { 'named' }
        ByValue        = [bool] ($Parameter.Blocks | Where-Object ByValue)
        ByPropertyName = [bool] ($Parameter.Blocks | Where-Object ByPropertyName)
    }
}

# The wording Get-Help and platyPS use, e.g. 'True (ByPropertyName, ByValue)'.
function Format-PipelineInput($Block) {
    $ways = @(if ($Block.ByPropertyName) { 'ByPropertyName' }; if ($Block.ByValue) { 'ByValue' })
    if ($ways) { "True ($($ways -join ', '))" } else { 'False' }
}

function Format-ExampleTitle([string] $Title) {
    $dashes = '-' * [Math]::Max(2, [int] ((64 - $Title.Length) / 2))
    "$dashes $Title $dashes"
}

function Write-TypeList([Xml.XmlWriter] $W, [string] $ListName, [string] $ItemName, $Types) {
    Open-Element $W command $ListName
    foreach ($type in $Types) {
        Open-Element $W command $ItemName
        Open-Element $W dev type
        Write-Element $W maml name $type.Name
        Close-Element $W
        Write-Paragraphs $W $type.Description
        Close-Element $W
    }
    Close-Element $W
}

function Write-Link([Xml.XmlWriter] $W, [string] $Text, [string] $Uri) {
    Open-Element $W maml navigationLink
    Write-Element $W maml linkText $Text
    Write-Element $W maml uri $Uri
    Close-Element $W
}

function Write-Paragraphs([Xml.XmlWriter] $W, [string[]] $Paragraphs) {
    Open-Element $W maml description
    foreach ($paragraph in $Paragraphs) { Write-Element $W maml para $paragraph }
    Close-Element $W
}

function Open-Element([Xml.XmlWriter] $W, [string] $Prefix, [string] $Name) { $W.WriteStartElement($Prefix, $Name, $script:MamlNamespaces[$Prefix]) }
function Close-Element([Xml.XmlWriter] $W) { $W.WriteEndElement() }
function Write-Element([Xml.XmlWriter] $W, [string] $Prefix, [string] $Name, [string] $Text) { $W.WriteElementString($Prefix, $Name, $script:MamlNamespaces[$Prefix], $Text) }
