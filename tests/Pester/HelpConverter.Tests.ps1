# The help converter (build/Build-Help.ps1) on its own: it turns good docs into MAML and about text,
# escapes what XML cannot hold raw, and fails the build on a malformed doc.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:buildHelp = Join-Path (Get-BuildToolsDir) 'Build-Help.ps1'
    $script:realDocs = Join-Path $PSScriptRoot '../../docs/en-US'
    $script:goodCmdletDoc = Get-Content -Raw (Join-Path $realDocs 'Measure-RebueSms.md')
    $script:goodAboutDoc = Get-Content -Raw (Join-Path $realDocs 'about_CloudRebue.md')

    # Writes a docs folder with one cmdlet doc (and the real about topic unless given another) and
    # converts it; returns the output folder.
    function Invoke-Converter {
        param([string] $CmdletDoc = $goodCmdletDoc, [string] $AboutDoc = $goodAboutDoc, [string] $CmdletFileName = 'Measure-RebueSms.md')
        $case = Join-Path $TestDrive ([guid]::NewGuid().ToString('n'))
        $docs = New-Item -ItemType Directory -Path (Join-Path $case 'docs')
        Set-Content -LiteralPath (Join-Path $docs $CmdletFileName) -Value $CmdletDoc -NoNewline
        Set-Content -LiteralPath (Join-Path $docs 'about_CloudRebue.md') -Value $AboutDoc -NoNewline
        $out = Join-Path $case 'out'
        & $buildHelp -DocsDir $docs -OutDir $out
        $out
    }

    $script:ns = @{
        maml    = 'http://schemas.microsoft.com/maml/2004/10'
        command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
        dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
    }
}

Describe 'Converting well-formed docs' {
    BeforeAll {
        $script:out = Invoke-Converter
        $script:mamlPath = Join-Path $out 'CloudRebue.PowerShell.dll-Help.xml'
        $script:aboutPath = Join-Path $out 'about_CloudRebue.help.txt'
    }

    It 'writes one MAML file named by the docs'' external help file, and the about topic' {
        $mamlPath | Should -Exist
        $aboutPath | Should -Exist
    }

    It 'writes MAML with the command''s name, verb, noun and synopsis' {
        [xml] $xml = Get-Content -Raw $mamlPath
        $details = Select-Xml -Xml $xml -XPath '//command:command/command:details' -Namespace $ns | ForEach-Object Node
        $details.name | Should -Be 'Measure-RebueSms'
        $details.verb | Should -Be 'Measure'
        $details.noun | Should -Be 'RebueSms'
        $details.description.para | Should -Be 'Measures the encoding, length and SMS units of a text without sending it.'
    }

    It 'writes each parameter with its aliases, position and pipeline input' {
        [xml] $xml = Get-Content -Raw $mamlPath
        $parameters = Select-Xml -Xml $xml -XPath '//command:parameters/command:parameter' -Namespace $ns | ForEach-Object Node
        $parameters.name | Should -Be 'Message', 'InputObject', 'Template'
        $parameter = $parameters[0]
        $parameter.aliases | Should -Be 'Text, Body'
        $parameter.required | Should -Be 'false'
        $parameter.position | Should -Be '0'
        $parameter.pipelineInput | Should -Be 'True (ByPropertyName)'
    }

    It 'puts the short description on the fifth line of the about topic, where Get-Help reads the synopsis' {
        $lines = Get-Content $aboutPath
        $lines[0] | Should -Be 'TOPIC'
        $lines[1].Trim() | Should -Be 'about_CloudRebue'
        $lines[3] | Should -Be 'SHORT DESCRIPTION'
        $lines[4].Trim() | Should -Be 'Sends SMS with the CloudRebue bulk SMS API and receives delivery receipts.'
    }

    It 'wraps the about topic''s prose at 80 columns' {
        $prose = Get-Content $aboutPath | Where-Object { $_ -notmatch '^ {8}' }   # code is kept as written
        $prose | Where-Object Length -gt 80 | Should -BeNullOrEmpty
    }
}

Describe 'Escaping' {
    It 'keeps angle brackets, ampersands and quotes as text in the MAML' {
        $tricky = 'Sends <b>bold</b> & "quoted" text'
        $doc = $goodCmdletDoc -replace '(?m)^Measures the encoding, length and SMS units of a text without sending it\.$', $tricky
        $out = Invoke-Converter -CmdletDoc $doc
        [xml] $xml = Get-Content -Raw (Join-Path $out 'CloudRebue.PowerShell.dll-Help.xml')
        $synopsis = Select-Xml -Xml $xml -XPath '//command:details/maml:description/maml:para' -Namespace $ns | ForEach-Object { $_.Node.InnerText }
        $synopsis | Should -Be $tricky
    }
}

Describe 'A malformed cmdlet doc fails the build' {
    It '<Case>' -ForEach @(
        @{ Case = 'a missing SYNOPSIS section'; Pattern = '(?s)## SYNOPSIS.*?(?=## SYNTAX)'; Replacement = ''; Message = "*missing section '## SYNOPSIS'*" }
        @{ Case = 'an unfilled platyPS placeholder'; Pattern = 'The text to measure\. An empty text is 0 units\.'; Replacement = '{{ Fill Message Description }}'; Message = '*Measure-RebueSms.md:*unfilled platyPS placeholder*' }
        @{ Case = 'a parameter without Required'; Pattern = '(?m)^Required: False\r?\n'; Replacement = ''; Message = "*yaml block has no 'Required:'*" }
        @{ Case = 'a nonsense pipeline input value'; Pattern = 'Accept pipeline input: True \(ByPropertyName\)'; Replacement = 'Accept pipeline input: Sometimes'; Message = '*Accept pipeline input*' }
        @{ Case = 'an example with no code'; Pattern = '(?s)(### Example 4: Check a template from the pipeline\r?\n).*?(?=A string piped)'; Replacement = '$1'; Message = '*Example 4*has no code block*' }
        @{ Case = 'a misspelt section'; Pattern = '## RELATED LINKS'; Replacement = '## SEE ALSO'; Message = "*unknown section '## SEE ALSO'*" }
        @{ Case = 'sections out of order'; Pattern = '(?s)(## INPUTS.*?)(## OUTPUTS.*?)(?=## NOTES)'; Replacement = '$2$1'; Message = '*out of order*' }
        @{ Case = 'a code fence that is never closed'; Pattern = '(Accept wildcard characters: False\r?\n)```'; Replacement = '$1'; Message = '*never closed*' }
        @{ Case = 'a heading that does not match the file name'; Pattern = '(?m)^# Measure-RebueSms$'; Replacement = '# Measure-RebueText'; Message = '*does not match the file name*' }
        @{ Case = 'a parameter set missing from SYNTAX'; Pattern = 'Parameter Sets: \(All\)'; Replacement = 'Parameter Sets: ByText, ByObject'; Message = '*SYNTAX has no*' }
        @{ Case = 'a parameter with no description'; Pattern = '(?s)(### -Message\r?\n).*?(?=```yaml)'; Replacement = '$1'; Message = '*parameter -Message has no description*' }
    ) {
        $bad = [regex]::Replace($goodCmdletDoc, $Pattern, $Replacement)
        $bad | Should -Not -Be $goodCmdletDoc -Because 'the test must actually break the doc'
        { Invoke-Converter -CmdletDoc $bad } | Should -Throw -ExpectedMessage $Message
    }

    It 'writes no MAML at all when one doc is bad' {
        $case = Join-Path $TestDrive 'half'
        $docs = New-Item -ItemType Directory -Path (Join-Path $case 'docs')
        Set-Content (Join-Path $docs 'Measure-RebueSms.md') $goodCmdletDoc -NoNewline
        Set-Content (Join-Path $docs 'Send-RebueSms.md') ($goodCmdletDoc -replace 'Measure-RebueSms', 'Send-RebueSms' -replace '(?s)## DESCRIPTION.*?(?=## EXAMPLES)', '') -NoNewline
        { & $buildHelp -DocsDir $docs -OutDir (Join-Path $case 'out') } | Should -Throw -ExpectedMessage "*Send-RebueSms.md*missing section '## DESCRIPTION'*"
        Join-Path $case 'out/CloudRebue.PowerShell.dll-Help.xml' | Should -Not -Exist
    }
}

Describe 'A malformed about topic fails the build' {
    It '<Case>' -ForEach @(
        @{ Case = 'no SHORT DESCRIPTION'; Pattern = '(?s)# SHORT DESCRIPTION.*?(?=# LONG DESCRIPTION)'; Replacement = ''; Message = "*first section after the title must be 'SHORT DESCRIPTION'*" }
        @{ Case = 'a short description too long for the synopsis line'; Pattern = 'receives delivery receipts\.'; Replacement = 'receives delivery receipts, which it then writes out as objects.'; Message = '*must fit on one line*' }
        @{ Case = 'a lookup name that is not the file name'; Pattern = '(?m)^## about_CloudRebue$'; Replacement = '## about_Rebue'; Message = "*lookup name 'about_Rebue' does not match*" }
    ) {
        $bad = [regex]::Replace($goodAboutDoc, $Pattern, $Replacement)
        $bad | Should -Not -Be $goodAboutDoc -Because 'the test must actually break the doc'
        { Invoke-Converter -AboutDoc $bad } | Should -Throw -ExpectedMessage $Message
    }
}
