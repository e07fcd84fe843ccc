# Helpers of FaultInjection.Tests.ps1: input rows, what the simulator accepted, and the comparison of
# Send-RebueSms's results with it. Recipients are compared as sets of "correlator|phone" keys.

# What the client must report Unknown: the simulator accepted the messages but the client got no
# readable answer (500 after accepting, a reset after accepting, an answer past the timeout, a broken
# 200). reset-before is ambiguous too from the client's side, but the simulator accepted nothing there.
$script:AmbiguousAfterAccept = @('500-after-accept', 'reset-after', 'slow', 'malformed')

function New-HashSet { , [System.Collections.Generic.HashSet[string]]::new([System.StringComparer]::Ordinal) }

# The set under $Name in a table of sets, or an empty one. (The comma keeps PowerShell from unrolling it.)
function Get-SetOrEmpty([hashtable] $Table, [string] $Name) {
    if ($Table.ContainsKey($Name)) { , $Table[$Name] } else { New-HashSet }
}

<#
.SYNOPSIS
    Input rows with distinct phones 2547<block:2><index:6>, so two cases never share a number. With
    -CorrelatorPrefix each row carries its own correlator; without, Send-RebueSms generates them.
#>
function New-FaultTestRows {
    param(
        [Parameter(Mandatory)] [int] $Count,
        [Parameter(Mandatory)] [ValidateRange(0, 99)] [int] $Block,
        [string] $CorrelatorPrefix
    )
    foreach ($i in 1..$Count) {
        $phone = '2547{0:D2}{1:D6}' -f $Block, $i
        if ($CorrelatorPrefix) { [pscustomobject]@{ Phone = $phone; Correlator = "$CorrelatorPrefix-$i" } }
        else { [pscustomobject]@{ Phone = $phone } }
    }
}

<#
.SYNOPSIS
    What the simulator accepted since its last reset: Keys (correlator|phone -> the fault of its request,
    '' for none), Phones (phone -> its first correlator), PhonesWithSeveralCorrelators, and Total
    (accepted recipients, repeats included). Read with System.Text.Json: 10,000 messages through
    Invoke-RestMethod and per-item function calls would take seconds.
#>
function Get-AcceptedIndex {
    param([Parameter(Mandatory)] [psobject] $Simulator)
    $keys = [System.Collections.Generic.Dictionary[string, string]]::new([System.StringComparer]::Ordinal)
    $phones = [System.Collections.Generic.Dictionary[string, string]]::new([System.StringComparer]::Ordinal)
    $several = 0
    $total = 0
    $raw = (Invoke-WebRequest -Uri "$($Simulator.RootUri)/_sim/messages" -NoProxy).Content
    $document = [System.Text.Json.JsonDocument]::Parse($raw)
    try {
        foreach ($m in $document.RootElement.EnumerateArray()) {
            $total++
            $correlatorElement = $m.GetProperty('correlator')
            $correlator = if ($correlatorElement.ValueKind -eq 'String') { $correlatorElement.GetString() } else { $correlatorElement.GetRawText() }
            $phone = $m.GetProperty('phone').GetString()
            $fault = $m.GetProperty('fault')
            $keys["$correlator|$phone"] = if ($fault.ValueKind -eq 'String') { $fault.GetString() } else { '' }
            if (-not $phones.ContainsKey($phone)) { $phones[$phone] = $correlator }
            elseif ($phones[$phone] -cne $correlator) { $several++ }
        }
    }
    finally { $document.Dispose() }
    [pscustomobject]@{ Keys = $keys; Phones = $phones; PhonesWithSeveralCorrelators = $several; Total = $total }
}

# Up to five members of a set, for a readable failure message.
function Format-Sample($Set) { (@($Set) | Select-Object -First 5) -join ', ' }

<#
.SYNOPSIS
    Compares one run's results with what the simulator accepted and reports every discrepancy as a
    set, so a test can assert each is empty and a failure shows which recipients are wrong.
.PARAMETER ResetBeforeRequests
    Requests the simulator reset before reading them (its faults.'reset-before'); each carried a full batch.
#>
function Compare-FaultRun {
    param(
        [Parameter(Mandatory)] [AllowEmptyCollection()] [object[]] $Results,
        [Parameter(Mandatory)] [string[]] $InputPhones,
        [Parameter(Mandatory)] [psobject] $Accepted,
        [int] $ResetBeforeRequests = 0,
        [int] $BatchSize = 100
    )
    $byStatus = @{}
    $resultKeys = New-HashSet
    $resultPhones = New-HashSet
    foreach ($r in $Results) {
        $key = "$($r.Correlator)|$($r.Phone)"
        $null = $resultKeys.Add($key)
        $null = $resultPhones.Add($r.Phone)
        $status = [string] $r.Status
        if (-not $byStatus.ContainsKey($status)) { $byStatus[$status] = New-HashSet }
        $null = $byStatus[$status].Add($key)
    }
    $queued = Get-SetOrEmpty $byStatus 'Queued'
    $unknown = Get-SetOrEmpty $byStatus 'Unknown'
    $failed = Get-SetOrEmpty $byStatus 'Failed'

    $acceptedAnswered = New-HashSet      # accepted in a request that got a readable answer
    $acceptedAmbiguous = New-HashSet     # accepted in a request the client cannot have read
    foreach ($pair in $Accepted.Keys.GetEnumerator()) {
        if ($script:AmbiguousAfterAccept -contains $pair.Value) { $null = $acceptedAmbiguous.Add($pair.Key) }
        else { $null = $acceptedAnswered.Add($pair.Key) }
    }

    $missingPhones = New-HashSet; foreach ($p in $InputPhones) { if (-not $resultPhones.Contains($p)) { $null = $missingPhones.Add($p) } }
    $queuedNotAccepted = New-HashSet; foreach ($k in $queued) { if (-not $acceptedAnswered.Contains($k)) { $null = $queuedNotAccepted.Add($k) } }
    $acceptedNotQueued = New-HashSet; foreach ($k in $acceptedAnswered) { if (-not $queued.Contains($k)) { $null = $acceptedNotQueued.Add($k) } }
    $unknownAccepted = New-HashSet; $unknownNotAccepted = New-HashSet
    foreach ($k in $unknown) { if ($Accepted.Keys.ContainsKey($k)) { $null = $unknownAccepted.Add($k) } else { $null = $unknownNotAccepted.Add($k) } }
    $ambiguousNotUnknown = New-HashSet; foreach ($k in $acceptedAmbiguous) { if (-not $unknown.Contains($k)) { $null = $ambiguousNotUnknown.Add($k) } }
    $unknownAcceptedUnfaulted = New-HashSet; foreach ($k in $unknownAccepted) { if (-not $acceptedAmbiguous.Contains($k)) { $null = $unknownAcceptedUnfaulted.Add($k) } }
    $failedAccepted = New-HashSet; foreach ($k in $failed) { if ($Accepted.Keys.ContainsKey($k)) { $null = $failedAccepted.Add($k) } }
    $notInInput = New-HashSet; $inputSet = [System.Collections.Generic.HashSet[string]]::new([string[]] $InputPhones)
    foreach ($p in $resultPhones) { if (-not $inputSet.Contains($p)) { $null = $notInInput.Add($p) } }

    [pscustomobject]@{
        Results                  = $Results.Count
        DistinctResults          = $resultKeys.Count
        Statuses                 = @($byStatus.Keys | Sort-Object)
        Queued                   = $queued.Count
        Unknown                  = $unknown.Count
        Failed                   = $failed.Count
        Accepted                 = $Accepted.Total
        # Discrepancies: every one of these must be empty.
        MissingPhones            = $missingPhones
        PhonesNotInInput         = $notInInput
        QueuedNotAccepted        = $queuedNotAccepted
        AcceptedNotQueued        = $acceptedNotQueued
        AmbiguousNotUnknown      = $ambiguousNotUnknown
        UnknownAcceptedUnfaulted = $unknownAcceptedUnfaulted
        FailedAccepted           = $failedAccepted
        # reset-before: Unknown without acceptance, exactly one batch per such request.
        UnknownNotAccepted       = $unknownNotAccepted.Count
        ExpectedUnknownNotAccepted = $ResetBeforeRequests * $BatchSize
        # Lost: a recipient with no result, or reported Queued though the simulator never accepted it.
        Lost                     = $missingPhones.Count + $queuedNotAccepted.Count
    }
}

<# .SYNOPSIS The summary rows as a markdown table. #>
function Format-FaultSummary {
    param([Parameter(Mandatory)] [AllowEmptyCollection()] [object[]] $Rows)
    $columns = 'Case', 'Messages', 'Requests', 'Accepted', 'Queued', 'Unknown', 'Failed', 'Duplicates', 'Lost', 'Seconds'
    $lines = [System.Collections.Generic.List[string]]::new()
    $lines.Add('| ' + ($columns -join ' | ') + ' |')
    $lines.Add('|' + (($columns | ForEach-Object { if ($_ -eq 'Case') { '---' } else { '---:' } }) -join '|') + '|')
    foreach ($row in $Rows) {
        $cells = foreach ($c in $columns) { $v = $row.$c; if ($null -eq $v) { '' } elseif ($v -is [double]) { '{0:N1}' -f $v } else { "$v" } }
        $lines.Add('| ' + ($cells -join ' | ') + ' |')
    }
    $lines -join "`n"
}

Export-ModuleMember -Function New-FaultTestRows, Get-AcceptedIndex, Compare-FaultRun, Format-Sample, Format-FaultSummary, New-HashSet, Get-SetOrEmpty
