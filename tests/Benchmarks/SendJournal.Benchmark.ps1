<#
.SYNOPSIS
    Figure 7: the send journal's cost. Bytes per recipient of a journal written by a real send, for a
    CSV of small rows (Phone, Name and a -Message template), for figure 1's rows (each with its own
    text), and for rows whose cell holds 100 numbers; and the peak
    memory of using a journal of 1,000,000 recipients: resuming the send (every recipient Skipped) and
    Get-RebueSendJournal, each in a fresh pwsh, limits lifted as in figure 3.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleDir,
    [Parameter(Mandatory)] [string] $Configuration,
    [Parameter(Mandatory)] [string] $WorkDir,
    [int] $SmallRows = 20000,
    [int] $CellRows = 10000,
    [int] $NumbersPerCell = 100,
    [double] $MaxBytesPerRecipient = 200,
    [double] $MaxResumeMegabytes = 1024
)
$ErrorActionPreference = 'Stop'
$megabyte = 1MB

# Rows of Name,Phone,Message whose Phone cell holds $PerCell numbers (a campaign list pasted in one
# cell), and an Id, so every recipient's correlator is the row's id plus -1, -2, ...
function New-CellCsv([string] $Path, [int] $Rows, [int] $PerCell) {
    $writer = [IO.StreamWriter]::new($Path, $false, [Text.UTF8Encoding]::new($false))
    try {
        $writer.WriteLine('Id,Name,Phone,Message')
        $n = 0
        for ($r = 0; $r -lt $Rows; $r++) {
            $phones = [Text.StringBuilder]::new()
            for ($k = 0; $k -lt $PerCell; $k++) { if ($k) { $null = $phones.Append(',') }; $null = $phones.Append('07').Append(10000000 + $n); $n++ }
            $writer.WriteLine("R$r,Group $r,""$phones"",Your invoice is ready. Pay by Friday to avoid a late fee.")
        }
    }
    finally { $writer.Dispose() }
    $Path
}

# Rows of Phone,Name: the smallest useful row, sent with a -Message template.
function New-SmallCsv([string] $Path, [int] $Rows) {
    $writer = [IO.StreamWriter]::new($Path, $false, [Text.UTF8Encoding]::new($false))
    try {
        $writer.WriteLine('Phone,Name')
        for ($i = 0; $i -lt $Rows; $i++) { $writer.WriteLine("07$(13000000 + $i),Customer $i") }
    }
    finally { $writer.Dispose() }
    $Path
}

function Invoke-JournalWorker([string] $Mode, [string] $Csv, [string] $Journal, $Sim, [string] $Message = '') {
    $parameters = @{ ModuleDir = $ModuleDir; BaseUri = $Sim.BaseUri; CsvPath = $Csv; JournalPath = $Journal; Mode = $Mode }
    if ($Message) { $parameters.Message = $Message }
    Invoke-BenchWorker -Script (Get-BenchWorkerPath 'SendJournal.Worker.ps1') -TimeoutSeconds 900 -Parameters $parameters `
        -Environment @{ CLOUDREBUE_BENCH_TOKEN = $Sim.Token; CLOUDREBUE_SIMULATOR_REQUESTS_PER_SECOND = 100000 }
}

$sim = Start-RebueSimulator -Configuration $Configuration -ArgumentList '--rate-limit', '0', '--latency-ms', '0', '--receipt-delay-ms', '0', '--balance', $BenchBalance
try {
    # Bytes per recipient, small rows and a template: the journal's own cost per recipient.
    $smallCsv = New-SmallCsv (Join-Path $WorkDir "journal-small-$SmallRows.csv") $SmallRows
    $smallJournal = Join-Path $WorkDir 'small.journal'
    Reset-RebueSimulator $sim
    $small = Invoke-JournalWorker Send $smallCsv $smallJournal $sim 'Your invoice is ready. Pay by Friday to avoid a late fee.'
    $smallPer = $small.JournalBytes / $SmallRows
    New-BenchRow -Figure '7' -Measure "Journal bytes per recipient, $(Format-Number $SmallRows) small rows (Phone, Name; -Message)" -Result "$(Format-Number $smallPer) bytes" `
        -Target "<= $MaxBytesPerRecipient bytes" -Met ($smallPer -le $MaxBytesPerRecipient -and $small.Counts.Queued -eq $SmallRows) `
        -Detail "$(Format-Number ($small.JournalBytes / 1KB)) KB for $(Format-Number $small.Counts.Queued) queued; each row's properties are written once"

    # Figure 1's rows: each has its own text, which the journal must keep, and the row holds it too.
    $ownCsv = New-BenchCsv -Path (Join-Path $WorkDir "journal-own-$SmallRows.csv") -Rows $SmallRows
    $ownJournal = Join-Path $WorkDir 'own.journal'
    Reset-RebueSimulator $sim
    $own = Invoke-JournalWorker Send $ownCsv $ownJournal $sim
    New-BenchRow -Figure '7' -Measure "Journal bytes per recipient, $(Format-Number $SmallRows) rows with their own text (figure 1's CSV)" -Result "$(Format-Number ($own.JournalBytes / $SmallRows)) bytes" `
        -Met $(if ($own.Counts.Queued -eq $SmallRows) { $null } else { $false }) `
        -Detail "$(Format-Number ($own.JournalBytes / 1KB)) KB; the text (about 60 characters) is kept once as a text line and once in the row"

    # A million recipients in cells of many numbers: the row is written once, not per recipient.
    $recipients = $CellRows * $NumbersPerCell
    $cellCsv = New-CellCsv (Join-Path $WorkDir "journal-cells-$CellRows.csv") $CellRows $NumbersPerCell
    $cellJournal = Join-Path $WorkDir 'cells.journal'
    Reset-RebueSimulator $sim
    $send = Invoke-JournalWorker Send $cellCsv $cellJournal $sim
    $accepted = (Get-RebueSimulatorStats $sim).acceptedMessages
    $cellPer = $send.JournalBytes / $recipients
    New-BenchRow -Figure '7' -Measure "Journal bytes per recipient, $(Format-Number $recipients) recipients in cells of $NumbersPerCell" -Result "$(Format-Number $cellPer) bytes" `
        -Target "<= $MaxBytesPerRecipient bytes" -Met ($cellPer -le $MaxBytesPerRecipient -and $accepted -eq $recipients) `
        -Detail "journal $(Format-Number ($send.JournalBytes / $megabyte)) MB; $(Format-Number $accepted) accepted in $(Format-Number $send.Seconds 1) s; send peak $(Format-Number (($send.PeakBytes - $send.BaselineBytes) / $megabyte)) MB over baseline"

    foreach ($mode in 'Resume', 'Summary') {
        Reset-RebueSimulator $sim
        $use = Invoke-JournalWorker $mode $cellCsv $cellJournal $sim
        $growth = ($use.PeakBytes - $use.BaselineBytes) / $megabyte
        $sentAgain = (Get-RebueSimulatorStats $sim).acceptedMessages
        $ok = if ($mode -eq 'Resume') { $use.Counts.Skipped -eq $recipients -and $sentAgain -eq 0 } else { $use.Counts.Queued -eq $recipients }
        $what = if ($mode -eq 'Resume') { 'Resume (Send-RebueSms, all Skipped)' } else { 'Get-RebueSendJournal' }
        New-BenchRow -Figure '7' -Measure "$what of $(Format-Number $recipients) recipients: peak memory over baseline" -Result "$(Format-Number $growth) MB" `
            -Target "< $MaxResumeMegabytes MB" -Met ($growth -lt $MaxResumeMegabytes -and $ok) `
            -Detail "baseline $(Format-Number ($use.BaselineBytes / $megabyte)) MB, peak $(Format-Number ($use.PeakBytes / $megabyte)) MB, $(Format-Number $use.Seconds 1) s; counts $(($use.Counts.PSObject.Properties | ForEach-Object { "$($_.Name) $($_.Value)" }) -join ', '); sent again $sentAgain"
    }
}
finally { Stop-RebueSimulator $sim }
