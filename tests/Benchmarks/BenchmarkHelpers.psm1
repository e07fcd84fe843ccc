# Shared by the benchmark harness: input files, fresh pwsh workers with a time limit, result rows and
# the report. Every process started here is stopped here, by its PID, however the caller ends.

# Get-PwshInvocation: the command line of this pwsh, shared with the build and the Pester suite.
. (Join-Path $PSScriptRoot '../../build/PwshInvocation.ps1')
. (Join-Path $PSScriptRoot '../../build/CpuPinning.ps1')

<#
.SYNOPSIS
    Writes a CSV of Phone,Message rows: distinct valid Kenyan numbers and a text that differs per row,
    so every row gets its own correlator and costs one SMS unit.
#>
function New-BenchCsv {
    param([Parameter(Mandatory)] [string] $Path, [Parameter(Mandatory)] [int] $Rows)
    if (Test-Path $Path) { return $Path }
    # A StreamWriter loop: about 2 s for a million rows, far quicker than Export-Csv.
    $writer = [IO.StreamWriter]::new($Path, $false, [Text.UTF8Encoding]::new($false))
    try {
        $writer.WriteLine('Phone,Message')
        for ($i = 0; $i -lt $Rows; $i++) {
            $writer.Write('07'); $writer.Write(12000000 + $i)
            $writer.Write(',Your invoice '); $writer.Write($i); $writer.WriteLine(' is ready. Pay by Friday to avoid a late fee.')
        }
    }
    finally { $writer.Dispose() }
    $Path
}

<#
.SYNOPSIS
    Runs one worker script in a fresh 'pwsh -NoProfile' and returns the object it printed on its
    'RESULT <json>' line. The worker is killed (with its children) when it overruns -TimeoutSeconds,
    when it fails, or when the harness is stopped; a failure throws with the worker's own output.
#>
function Invoke-BenchWorker {
    param(
        [Parameter(Mandatory)] [string] $Script,
        [System.Collections.IDictionary] $Parameters = @{},
        [System.Collections.IDictionary] $Environment = @{},
        [int] $TimeoutSeconds = 300,
        # Cores the worker may run on ('1'); all by default.
        [string] $CpuList,
        # Another pwsh to run the worker in (its command line); this one by default.
        [string[]] $PwshCommand = (Get-PwshInvocation)
    )
    $pwsh = @(Get-PinnedCommand -CpuList $CpuList) + $PwshCommand
    $startInfo = [Diagnostics.ProcessStartInfo]::new($pwsh[0])
    foreach ($argument in @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $Script)) { $startInfo.ArgumentList.Add($argument) }
    foreach ($name in $Parameters.Keys) {
        $startInfo.ArgumentList.Add("-$name")
        $startInfo.ArgumentList.Add([string] $Parameters[$name])
    }
    foreach ($name in $Environment.Keys) { $startInfo.Environment[$name] = [string] $Environment[$name] }
    $startInfo.UseShellExecute = $false
    $startInfo.RedirectStandardOutput = $true
    $startInfo.RedirectStandardError = $true

    $process = [Diagnostics.Process]::Start($startInfo)
    try {
        # Both pipes drain asynchronously, so a chatty worker can never block on a full pipe.
        $stdout = $process.StandardOutput.ReadToEndAsync()
        $stderr = $process.StandardError.ReadToEndAsync()
        # Short waits, so Ctrl+C reaches the finally below (which stops the worker) within a moment.
        $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
        while (-not $process.WaitForExit(200)) {
            if ([DateTime]::UtcNow -ge $deadline) {
                $process.Kill($true)
                $null = $process.WaitForExit(10000)
                throw "$(Split-Path $Script -Leaf) did not finish within $TimeoutSeconds s and was stopped.`n$(Get-OutputTail $stdout $stderr)"
            }
        }
        $process.WaitForExit()   # lets the asynchronous reads reach the end of the pipes
        $resultLine = ($stdout.Result -split "`r?`n") | Where-Object { $_.StartsWith('RESULT ') } | Select-Object -Last 1
        if ($process.ExitCode -ne 0 -or -not $resultLine) {
            throw "$(Split-Path $Script -Leaf) failed (exit code $($process.ExitCode)).`n$(Get-OutputTail $stdout $stderr)"
        }
        $resultLine.Substring('RESULT '.Length) | ConvertFrom-Json
    }
    finally {
        if (-not $process.HasExited) {
            $process.Kill($true)
            $null = $process.WaitForExit(10000)
        }
        $process.Dispose()
    }
}

function Get-OutputTail($Stdout, $Stderr) {
    $out = if ($Stdout.Wait(2000)) { $Stdout.Result } else { '' }
    $err = if ($Stderr.Wait(2000)) { $Stderr.Result } else { '' }
    $tail = { param($text) ($text -split "`r?`n" | Select-Object -Last 15) -join "`n" }
    "stdout:`n$(& $tail $out)`nstderr:`n$(& $tail $err)"
}

<#
.SYNOPSIS
    The cores the timed figures pin their processes to: the simulator on core 0, the client on core 1,
    so neither measures the other's fight for CPU and the client has one core as on a one-vCPU
    machine. Without taskset or a second core, both are null and Reason says why (the figures then run
    unpinned and say so).
#>
function Get-BenchCores {
    if ([Environment]::ProcessorCount -lt 2) { return @{ Simulator = $null; Client = $null; Reason = 'fewer than 2 cores' } }
    if (-not (Get-Command taskset -CommandType Application -ErrorAction SilentlyContinue)) { return @{ Simulator = $null; Client = $null; Reason = 'taskset not found' } }
    @{ Simulator = '0'; Client = '1'; Reason = '' }
}

# The simulator's starting units for sends of a million rows: Send-RebueSms reads the balance once and
# sends nothing it cannot pay for, and the simulator's default (100,000 units) covers 100,000 rows.
$BenchBalance = '1000000000'

# The path of a worker script beside the figure scripts.
function Get-BenchWorkerPath([string] $Name) { Join-Path $PSScriptRoot "Workers/$Name" }

<#
.SYNOPSIS
    One line of the report. -Met is $true, $false, or $null for a figure that has no target.
#>
function New-BenchRow {
    param(
        [Parameter(Mandatory)] [string] $Figure,
        [Parameter(Mandatory)] [string] $Measure,
        [Parameter(Mandatory)] [string] $Result,
        [string] $Target = '',
        [Nullable[bool]] $Met = $null,
        [string] $Detail = ''
    )
    [pscustomobject]@{ Figure = $Figure; Measure = $Measure; Result = $Result; Target = $Target; Met = $Met; Detail = $Detail }
}

# The row of a figure that could not be measured: the table still prints and says why.
function New-BenchErrorRow([string] $Figure, [string] $Measure, [System.Management.Automation.ErrorRecord] $ErrorRecord) {
    $firstLine = ($ErrorRecord.Exception.Message -split "`r?`n")[0]
    New-BenchRow -Figure $Figure -Measure $Measure -Result 'not measured' -Met $false -Detail "error: $firstLine"
}

function Get-Median([double[]] $Values) {
    $sorted = @($Values | Sort-Object)
    $middle = [math]::Floor($sorted.Count / 2)
    if ($sorted.Count % 2) { $sorted[$middle] } else { ($sorted[$middle - 1] + $sorted[$middle]) / 2 }
}

# Numbers for people: thousands separators, a fixed number of decimals, invariant culture.
function Format-Number([double] $Value, [int] $Decimals = 0) {
    $Value.ToString("N$Decimals", [Globalization.CultureInfo]::InvariantCulture)
}

<#
.SYNOPSIS
    The report as markdown: the table, then every target missed by name and figure.
#>
function Format-BenchReport {
    param([Parameter(Mandatory)] [object[]] $Rows, [Parameter(Mandatory)] [string] $Header)
    $escape = { param($text) ([string] $text) -replace '\|', '\|' }
    $lines = [Collections.Generic.List[string]]::new()
    $lines.Add($Header)
    $lines.Add('')
    $lines.Add('| # | Measure | Result | Target | Verdict | Detail |')
    $lines.Add('|---|---|---|---|---|---|')
    foreach ($row in $Rows) {
        $verdict = if ($null -eq $row.Met) { '' } elseif ($row.Met) { 'met' } else { '**MISSED**' }
        $lines.Add("| $($row.Figure) | $(& $escape $row.Measure) | $(& $escape $row.Result) | $(& $escape $row.Target) | $verdict | $(& $escape $row.Detail) |")
    }
    $lines.Add('')
    $missed = @($Rows | Where-Object { $_.Met -eq $false })
    if ($missed.Count -eq 0) { $lines.Add('All targets met.') }
    else {
        $lines.Add("Targets missed ($($missed.Count)):")
        foreach ($row in $missed) { $lines.Add("- $($row.Figure) $($row.Measure): $($row.Result) (target $($row.Target))") }
    }
    $lines
}

Export-ModuleMember -Variable BenchBalance -Function New-BenchCsv, Invoke-BenchWorker, Get-BenchCores, Get-BenchWorkerPath, New-BenchRow, New-BenchErrorRow, Get-Median, Format-Number, Format-BenchReport
