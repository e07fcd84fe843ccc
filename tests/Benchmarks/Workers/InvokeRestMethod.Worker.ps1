# Figure 2, in a fresh pwsh without the module: the two ways a scripter sends a CSV with
# Invoke-RestMethod, written plainly as one would, one request at a time.
#   PerMessage: one POST per row.
#   Batched:    rows gathered into arrays of 100, one POST per array.
# Only the first -SampleSize rows are sent; the caller extrapolates.
param(
    [Parameter(Mandatory)] [string] $BaseUri,
    [Parameter(Mandatory)] [string] $CsvPath,
    [Parameter(Mandatory)] [ValidateSet('PerMessage', 'Batched')] [string] $Style,
    [Parameter(Mandatory)] [int] $SampleSize
)
. (Join-Path $PSScriptRoot 'WorkerCommon.ps1')

$headers = @{ Authorization = "Bearer $env:CLOUDREBUE_BENCH_TOKEN" }
$uri = "$BaseUri/send-sms"

function Send-PerMessage {
    Import-Csv $CsvPath | Select-Object -First $SampleSize | ForEach-Object {
        $body = @{ sender = 'BENCH'; message = $_.Message; phone = $_.Phone } | ConvertTo-Json
        $null = Invoke-RestMethod -Method Post -Uri $uri -Headers $headers -Body $body -ContentType 'application/json'
    }
}

function Send-Batched {
    $batch = [Collections.Generic.List[object]]::new()
    Import-Csv $CsvPath | Select-Object -First $SampleSize | ForEach-Object {
        $batch.Add(@{ sender = 'BENCH'; message = $_.Message; phone = $_.Phone })
        if ($batch.Count -eq 100) {
            $null = Invoke-RestMethod -Method Post -Uri $uri -Headers $headers -Body (ConvertTo-Json -InputObject $batch) -ContentType 'application/json'
            $batch.Clear()
        }
    }
    if ($batch.Count -gt 0) {
        $null = Invoke-RestMethod -Method Post -Uri $uri -Headers $headers -Body (ConvertTo-Json -InputObject $batch) -ContentType 'application/json'
    }
}

$run = Measure-BenchBlock { if ($Style -eq 'PerMessage') { Send-PerMessage } else { Send-Batched } }
Write-BenchResult @{ Style = $Style; Messages = $SampleSize; Seconds = $run.Seconds; CpuSeconds = $run.CpuSeconds }
