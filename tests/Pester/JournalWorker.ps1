# One Send-RebueSms in its own process, for the journal fault tests: imports the built module,
# connects to the simulator, waits for the go file (so two workers start together), sends the CSV with
# the journal, and writes what happened as JSON: results by status, and the terminating error's id.
param(
    [Parameter(Mandatory)] [string] $Manifest,
    [Parameter(Mandatory)] [string] $BaseUri,
    [Parameter(Mandatory)] [string] $CsvPath,
    [Parameter(Mandatory)] [string] $JournalPath,
    [Parameter(Mandatory)] [string] $ResultPath,
    [string] $GoPath,
    [int] $ThrottleLimit = 32
)
$ErrorActionPreference = 'Stop'
Import-Module $Manifest
$null = Connect-CloudRebue -Token (ConvertTo-SecureString $env:CLOUDREBUE_TEST_TOKEN -AsPlainText -Force) -BaseUri $BaseUri -DefaultSender ACME
if ($GoPath) {
    Set-Content -Path "$ResultPath.ready" -Value $PID
    $deadline = [DateTime]::UtcNow.AddSeconds(60)
    while (-not (Test-Path $GoPath)) {
        if ([DateTime]::UtcNow -gt $deadline) { throw 'no go signal within 60 s' }
        Start-Sleep -Milliseconds 10
    }
}

$results = [System.Collections.Generic.List[object]]::new()
$errorId = $null
$message = $null
$clock = [Diagnostics.Stopwatch]::StartNew()
try {
    Import-Csv $CsvPath | Send-RebueSms -JournalPath $JournalPath -ThrottleLimit $ThrottleLimit -ErrorAction SilentlyContinue | ForEach-Object { $results.Add($_) }
}
catch {
    $errorId = $_.FullyQualifiedErrorId
    $message = $_.Exception.Message
}

[pscustomobject]@{
    ErrorId  = $errorId
    Message  = $message
    Seconds  = $clock.Elapsed.TotalSeconds
    Results  = @($results | ForEach-Object { [pscustomobject]@{ Correlator = $_.Correlator; Phone = $_.Phone; Status = "$($_.Status)"; ErrorId = $_.ErrorId; Row = $_.Row } })
} | ConvertTo-Json -Depth 4 | Set-Content -Path $ResultPath
