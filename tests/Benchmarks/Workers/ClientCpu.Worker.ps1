# Figure 3, in a fresh pwsh pinned to the client core, with CLOUDREBUE_SIMULATOR_REQUESTS_PER_SECOND set
# high: first the cold send (the whole file, the first thing this process sends: every method is
# compiled on the way), then -Repetitions rounds of four stages on the same file, each its own
# pipeline, so each stage's CPU is the next one's minus its own:
#   read:  Import-Csv | Out-Null
#   bind:  Import-Csv | Test-RebueSmsBinding | Out-Null   (a no-op cmdlet with Send-RebueSms's pipeline parameters)
#   plan:  Import-Csv | Send-RebueSms -WhatIf | Out-Null  (rows to messages: phones, correlators, units; one result each)
#   send:  Import-Csv | Send-RebueSms | Out-Null          (batches, JSON, HTTP, answers)
# A small warm-up of each stage runs between the cold send and the rounds.
param(
    [Parameter(Mandatory)] [string] $ModuleDir,
    [Parameter(Mandatory)] [string] $BaseUri,
    [Parameter(Mandatory)] [string] $RootUri,
    [Parameter(Mandatory)] [string] $CsvPath,
    [Parameter(Mandatory)] [string] $WarmupCsvPath,
    [Parameter(Mandatory)] [int] $Repetitions,
    # SendOnly: the cold send and warm sends, no other stage (the host-setting comparison needs no more).
    # PowerShellCold: no send at all; the first 'Import-Csv | Test-RebueSmsBinding | Out-Null' of the
    # process is the cold run, what PowerShell itself costs any cmdlet with this interface.
    [ValidateSet('Stages', 'SendOnly', 'PowerShellCold')] [string] $Mode = 'Stages'
)
. (Join-Path $PSScriptRoot 'WorkerCommon.ps1')
. (Join-Path $PSScriptRoot 'BindingProbe.ps1')
Connect-BenchSimulator $ModuleDir $BaseUri

if ($Mode -eq 'PowerShellCold') {
    Import-RebueSmsBindingProbe
    Write-BenchResult @{ Cold = (Measure-BenchBlock { Import-Csv $CsvPath | Test-RebueSmsBinding | Out-Null }); Errors = 0 }
    return
}

$failed = [Collections.ArrayList]::new()
$send = { Import-Csv $CsvPath | Send-RebueSms -ErrorAction SilentlyContinue -ErrorVariable +failed | Out-Null }
$cold = Measure-BenchBlock $send
Reset-BenchSimulator $RootUri   # keeps the simulator's store of accepted messages small

$stages = [ordered]@{
    Read = { Import-Csv $CsvPath | Out-Null }
    Bind = { Import-Csv $CsvPath | Test-RebueSmsBinding | Out-Null }
    Plan = { Import-Csv $CsvPath | Send-RebueSms -WhatIf | Out-Null }
    Send = $send
}
if ($Mode -eq 'SendOnly') { $stages = [ordered]@{ Send = $send } }
else {
    Import-RebueSmsBindingProbe
    Import-Csv $WarmupCsvPath | Out-Null
    Import-Csv $WarmupCsvPath | Test-RebueSmsBinding | Out-Null
    Import-Csv $WarmupCsvPath | Send-RebueSms -WhatIf | Out-Null
}

$measured = @{}
foreach ($name in $stages.Keys) { $measured[$name] = @() }
for ($i = 0; $i -lt $Repetitions; $i++) {
    foreach ($name in $stages.Keys) {
        if ($name -eq 'Send') { Reset-BenchSimulator $RootUri }
        $measured[$name] += Measure-BenchBlock $stages[$name]
    }
}
Write-BenchResult @{ Cold = $cold; Stages = $measured; Errors = $failed.Count }
