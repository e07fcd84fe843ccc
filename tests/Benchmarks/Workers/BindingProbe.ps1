# For figure 3's breakdown: a compiled cmdlet that does nothing, with exactly the pipeline parameters
# of Send-RebueSms (names, types, aliases, Allow* attributes), built from the command's own metadata.
# 'Import-Csv | Test-RebueSmsBinding | Out-Null' costs what PowerShell's parameter binding costs any
# cmdlet with that interface, before Send-RebueSms does anything.
function Import-RebueSmsBindingProbe {
    $allow = 'AllowNullAttribute', 'AllowEmptyStringAttribute', 'AllowEmptyCollectionAttribute'
    $properties = foreach ($parameter in (Get-Command Send-RebueSms).Parameters.Values) {
        $declared = @($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] })
        $byValue = $declared.ValueFromPipeline -contains $true
        $byName = $declared.ValueFromPipelineByPropertyName -contains $true
        if (-not ($byValue -or $byName)) { continue }
        $attributes = @("[Parameter(ValueFromPipeline = $("$byValue".ToLower()), ValueFromPipelineByPropertyName = $("$byName".ToLower()))]")
        if ($parameter.Aliases.Count) { $attributes += '[Alias(' + (($parameter.Aliases | ForEach-Object { '"' + $_ + '"' }) -join ', ') + ')]' }
        $attributes += $parameter.Attributes | Where-Object { $allow -contains $_.GetType().Name } | ForEach-Object { "[$($_.GetType().Name -replace 'Attribute$')]" }
        "$($attributes -join ' ') public $($parameter.ParameterType.FullName) $($parameter.Name) { get; set; }"
    }
    $source = "using System.Management.Automation;`n[Cmdlet(`"Test`", `"RebueSmsBinding`")]`npublic sealed class TestRebueSmsBindingCommand : PSCmdlet`n{`n$($properties -join "`n")`n}"
    Import-Module (Add-Type -TypeDefinition $source -PassThru | Select-Object -First 1).Assembly
}
