<#
.SYNOPSIS
    The whole mission on the bundled simulator, with no account: connect, measure, send a CSV with
    some bad rows, collect the delivery receipts in a thread job, show both as tables, stop everything.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleDir,
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
$root = Split-Path $PSScriptRoot -Parent
$env:CLOUDREBUE_TEST_CONFIGURATION = $Configuration
Import-Module (Join-Path $root 'tests/Pester/SimulatorHelpers.psm1') -Force
Import-Module (Join-Path $root 'tests/Pester/ListenerHelpers.psm1') -Force
$manifest = Join-Path $ModuleDir 'CloudRebue.psd1'
Import-Module $manifest -Force

function Write-Step([string] $Text) { Write-Host "`n== $Text" -ForegroundColor Cyan }

$work = Join-Path ([IO.Path]::GetTempPath()) "cloudrebue-demo-$PID"
$null = New-Item -ItemType Directory -Force $work
$journal = Join-Path $work 'campaign.jsonl'
$csv = Join-Path $root 'docs/examples/customers.csv'
$sim = $null
$listener = $null
try {
    Write-Step 'Starting the CloudRebue simulator on a free loopback port'
    $sim = Start-RebueSimulator -ArgumentList '--receipt-delay-ms', '300', '--receipt-failure-rate', '0.2', '--seed', '7', '--latency-ms', '40'
    Write-Host "Simulator: $($sim.BaseUri) (pid $($sim.Pid))"

    Write-Step 'Connect-CloudRebue (the token comes in as a SecureString; only a hint is ever shown)'
    $token = ConvertTo-SecureString $sim.Token -AsPlainText -Force
    Connect-CloudRebue -Token $token -BaseUri $sim.BaseUri -DefaultSender ACME | Format-List | Out-Host

    Write-Step 'Get-RebueBalance'
    Get-RebueBalance | Format-Table | Out-Host

    Write-Step "What the file will cost: Import-Csv $(Split-Path $csv -Leaf) | Measure-RebueSms"
    Import-Csv $csv | Measure-RebueSms | Out-Host

    Write-Step 'Start-RebueReceiptListener in a thread job, joined to the send journal'
    $receiver = Start-ReceiptListenerJob -Manifest $manifest -Parameters @{ JournalPath = $journal; Timeout = 20 }
    $listener = $receiver.Job
    Write-Host "Receipts go to http://127.0.0.1:$($receiver.Port)/receipts/*** (the secret path segment is never shown)"

    Write-Step 'Import-Csv customers.csv | Send-RebueSms -Endpoint ... -JournalPath ... (bad rows become Invalid results and errors)'
    $results = Import-Csv $csv | Send-RebueSms -Endpoint $receiver.Url -JournalPath $journal -ErrorAction SilentlyContinue -ErrorVariable sendErrors
    $results | Sort-Object Row | Format-Table Row, @{ n = 'Phone'; e = { if ($_.Phone) { $_.Phone } else { "($($_.PhoneInput))" } } }, Status, SmsUnits, Correlator, @{ n = 'Customer'; e = { $_.InputObject.Name } } -AutoSize | Out-Host
    Write-Host "Errors written for the rows that were not sent:"
    $sendErrors | ForEach-Object { Write-Host "  $($_.FullyQualifiedErrorId.Split(',')[0]): $($_.Exception.Message)" }

    $queued = @($results | Where-Object Status -eq 'Queued').Count
    Write-Step "Waiting for the $queued delivery receipts"
    $receipts = [System.Collections.Generic.List[object]]::new()
    $deadline = [DateTime]::UtcNow.AddSeconds(15)
    while ($receipts.Count -lt $queued -and [DateTime]::UtcNow -lt $deadline) {
        Receive-Job $listener | ForEach-Object { $receipts.Add($_) }
        Start-Sleep -Milliseconds 200
    }
    $receipts | Format-Table Phone, DeliveryStatus, Delivered, @{ n = 'Customer'; e = { $_.InputObject.Name } }, Correlator -AutoSize | Out-Host

    Write-Step 'Send-RebueVoiceSms: the alert that wakes the on-call engineer (one text-to-speech call per request)'
    $call = Send-RebueVoiceSms -Phone 0712345678 -Message 'DB01 is down. Check the replication lag.' -Originator 254708361797 -Voice Male -Repeat 2
    $call | Format-Table Phone, Status, UniqueId, Correlator -AutoSize | Out-Host
    Invoke-RestMethod "$($sim.RootUri)/_sim/calls" -NoProxy | Format-Table phone, originator, voice, repeat, message -AutoSize | Out-Host

    Write-Step 'Get-RebueSendJournal'
    Get-RebueSendJournal $journal | Format-List Recipients, Queued, Failed, Unknown, Pending | Out-Host
    Get-RebueBalance | Format-Table | Out-Host
    Write-Host "Demo done: $($results.Count) results for $((Import-Csv $csv).Count) rows, $queued queued, $($receipts.Count) receipts ($(@($receipts | Where-Object Delivered).Count) delivered), voice alert $($call.Status)."
}
finally {
    if ($listener) { $listener | Stop-Job; $listener | Remove-Job -Force }
    Disconnect-CloudRebue
    if ($sim) { Stop-RebueSimulator $sim }
    Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue
}
