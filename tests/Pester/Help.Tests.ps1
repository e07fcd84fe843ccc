# Help as a user sees it through Get-Help, for every cmdlet the built module exports (so a cmdlet
# added later is covered without touching this file), and a check that the help and the cmdlet
# signatures agree: names, aliases, mandatory flags, positions, pipeline input and parameter sets.

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModuleManifest) -Force
    $cmdlets = @(Get-Command -Module CloudRebue -CommandType Cmdlet | ForEach-Object { @{ Name = $_.Name } })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModuleManifest) -Force
    # -WhatIf and -Confirm are not in this list: platyPS documents them like any other parameter.
    $script:commonParameters = [System.Management.Automation.PSCmdlet]::CommonParameters

    function Get-PipelineModes([bool] $ByValue, [bool] $ByPropertyName) {
        $modes = @(if ($ByPropertyName) { 'ByPropertyName' }; if ($ByValue) { 'ByValue' })
        if ($modes) { $modes -join ',' } else { 'none' }
    }

    function ConvertFrom-HelpPipeline([string] $Text) { Get-PipelineModes ($Text -match 'ByValue') ($Text -match 'ByPropertyName') }

    function ConvertFrom-HelpPosition([string] $Text) { if ($Text -match '^\d+$') { $Text } else { 'named' } }

    function ConvertFrom-CmdletPosition([int] $Position) { if ($Position -ge 0) { "$Position" } else { 'named' } }

    # 'System.String[]' and 'String[]' name the same type.
    function Get-ShortTypeName([string] $Name) { $Name -replace '^(\w+\.)+', '' }

    # The parameters of one cmdlet, with what the cmdlet declares merged over its parameter sets the way
    # the converter merges the docs: mandatory only if mandatory in every set, a position only if the
    # same in every set, and every way it takes pipeline input.
    function Get-CmdletParameterRows($Command) {
        foreach ($name in $Command.Parameters.Keys | Where-Object { $commonParameters -notcontains $_ } | Sort-Object) {
            $inSets = @($Command.ParameterSets | ForEach-Object { $_.Parameters | Where-Object Name -eq $name })
            $positions = @($inSets | ForEach-Object { ConvertFrom-CmdletPosition $_.Position } | Select-Object -Unique)
            $type = Get-ShortTypeName $Command.Parameters[$name].ParameterType.FullName
            '{0} type={1} aliases={2} required={3} position={4} pipeline={5}' -f $name, $type,
                (($Command.Parameters[$name].Aliases | Sort-Object) -join ','),
                (-not ($inSets | Where-Object { -not $_.IsMandatory })),
                $(if ($positions.Count -eq 1) { $positions[0] } else { 'named' }),
                (Get-PipelineModes ([bool] ($inSets | Where-Object ValueFromPipeline)) ([bool] ($inSets | Where-Object ValueFromPipelineByPropertyName)))
        }
    }

    function Get-HelpParameterRows($Help) {
        foreach ($parameter in @($Help.parameters.parameter | Where-Object { $_ }) | Sort-Object name) {
            $aliases = if ($parameter.aliases -and $parameter.aliases -ne 'none') { ($parameter.aliases -split ',\s*' | Sort-Object) -join ',' } else { '' }
            '{0} type={1} aliases={2} required={3} position={4} pipeline={5}' -f $parameter.name, (Get-ShortTypeName $parameter.type.name), $aliases,
                ($parameter.required -eq 'true'), (ConvertFrom-HelpPosition $parameter.position), (ConvertFrom-HelpPipeline $parameter.pipelineInput)
        }
    }

    # A parameter set as 'Name:required:position:pipeline' entries; MAML syntax items carry no set
    # names, so sets are compared by what they contain.
    function Get-CmdletSetSignatures($Command) {
        foreach ($set in $Command.ParameterSets) {
            (@($set.Parameters | Where-Object { $commonParameters -notcontains $_.Name } | Sort-Object Name | ForEach-Object {
                '{0}:{1}:{2}:{3}' -f $_.Name, $_.IsMandatory, (ConvertFrom-CmdletPosition $_.Position), (Get-PipelineModes $_.ValueFromPipeline $_.ValueFromPipelineByPropertyName)
            }) -join ' ')
        }
    }

    function Get-HelpSetSignatures($Help) {
        foreach ($item in @($Help.syntax.syntaxItem | Where-Object { $_ })) {
            (@($item.parameter | Where-Object { $_ } | Sort-Object name | ForEach-Object {
                '{0}:{1}:{2}:{3}' -f $_.name, ($_.required -eq 'true'), (ConvertFrom-HelpPosition $_.position), (ConvertFrom-HelpPipeline $_.pipelineInput)
            }) -join ' ')
        }
    }

    function Get-ParagraphText($Description) { (@($Description | ForEach-Object { $_.Text }) -join "`n").Trim() }
}

Describe 'Help for <Name>' -ForEach $cmdlets {
    BeforeAll {
        $command = Get-Command -Name $Name -Module CloudRebue
        $help = Get-Help -Name $Name -Full
    }

    It 'has a written synopsis, not one generated from the syntax' {
        $synopsis = "$($help.Synopsis)".Trim()
        $synopsis | Should -Not -BeNullOrEmpty
        $synopsis | Should -Not -BeLike "$Name *"
        $synopsis | Should -Not -BeLike '*`[<CommonParameters>`]*'
    }

    It 'has a description' {
        Get-ParagraphText $help.description | Should -Not -BeNullOrEmpty
    }

    It 'has at least one example, each with code and an explanation' {
        $examples = @($help.examples.example | Where-Object { $_ })
        $examples.Count | Should -BeGreaterThan 0
        foreach ($example in $examples) {
            "$($example.code)".Trim() | Should -Not -BeNullOrEmpty -Because "example '$($example.title)' needs code"
            Get-ParagraphText $example.remarks | Should -Not -BeNullOrEmpty -Because "example '$($example.title)' needs an explanation"
        }
    }

    It 'describes every parameter' {
        foreach ($name in $command.Parameters.Keys | Where-Object { $commonParameters -notcontains $_ }) {
            $parameter = @($help.parameters.parameter | Where-Object { $_ -and $_.name -eq $name })
            $parameter.Count | Should -Be 1 -Because "-$name must be documented once"
            Get-ParagraphText $parameter[0].description | Should -Not -BeNullOrEmpty -Because "-$name needs help text"
        }
    }

    It 'documents exactly the cmdlet''s parameters, with their types, aliases, mandatory flags, positions and pipeline input' {
        @(Get-HelpParameterRows $help) | Should -Be @(Get-CmdletParameterRows $command)
    }

    It 'opens its own page with Get-Help -Online (the first related link)' {
        $first = @($help.relatedLinks.navigationLink | Where-Object { $_.uri })[0]
        $first.uri | Should -BeLike "https://*/docs/en-US/$Name.md"
    }

    It 'shows one syntax per parameter set, with the set''s own parameters' {
        @(Get-HelpSetSignatures $help | Sort-Object) | Should -Be @(Get-CmdletSetSignatures $command | Sort-Object)
    }
}

Describe 'The module''s help files' {
    BeforeAll {
        $script:exported = @(Get-Command -Module CloudRebue -CommandType Cmdlet | ForEach-Object Name | Sort-Object)
        $script:helpDir = Join-Path (Get-TestModuleDir) 'en-US'
    }

    It 'document no cmdlet the module does not export' {
        [xml] $maml = Get-Content -Raw (Join-Path $helpDir 'CloudRebue.PowerShell.dll-Help.xml')
        $documented = @(Select-Xml -Xml $maml -XPath '//command:details/command:name' -Namespace @{ command = 'http://schemas.microsoft.com/maml/dev/command/2004/10' } |
                ForEach-Object { $_.Node.InnerText } | Sort-Object)
        $documented | Should -Be $exported
    }

    It 'include about_CloudRebue, which Get-Help finds' {
        $topic = Get-Help -Name about_CloudRebue | Out-String
        $topic | Should -Match 'SHORT DESCRIPTION'
        $topic | Should -Match 'Connect-CloudRebue'
    }

    It 'mention every exported cmdlet in about_CloudRebue' {
        $topic = Get-Help -Name about_CloudRebue | Out-String
        foreach ($name in $exported) { $topic | Should -Match ([regex]::Escape($name)) }
    }
}
