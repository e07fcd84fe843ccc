# Send-RebueSms end to end: the built module, a real simulator process, Import-Csv.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'SimulatorHelpers.psm1') -Force
    Import-Module (Get-TestModuleManifest) -Force

    $script:sim = Start-RebueSimulator -ArgumentList '--receipt-delay-ms', '0'
    $token = ConvertTo-SecureString $sim.Token -AsPlainText -Force
    $script:connection = Connect-CloudRebue -Token $token -BaseUri $sim.BaseUri -DefaultSender ACME

    # A CSV as people make them: mixed phone formats, and every 20th row broken in some way.
    function New-CustomerCsv([string] $Path, [int] $Rows) {
        $bad = @('07123', 'call me', '2.54712E+11', '', '0812345678')
        $lines = [System.Collections.Generic.List[string]]::new()
        $lines.Add('Name,Mobile,Text')
        for ($i = 1; $i -le $Rows; $i++) {
            $n = (20000000 + $i).ToString()
            $phone = if ($i % 20 -eq 0) { $bad[($i / 20) % $bad.Count] }
                     elseif ($i % 3 -eq 0) { "+254 7$($n.Substring(0,2)) $($n.Substring(2,3)) $($n.Substring(5,3))" }
                     elseif ($i % 3 -eq 1) { "07$n" }
                     else { "7$n" }
            $lines.Add("Customer $i,""$phone"",Invoice $i is ready")
        }
        Set-Content -Path $Path -Value $lines
    }
}

AfterAll {
    Disconnect-CloudRebue
    if ($script:sim) { Stop-RebueSimulator $script:sim }
}

Describe 'Send-RebueSms against the simulator' {
    BeforeEach { Reset-RebueSimulator $sim }

    It 'accounts for every row of a 1,000-row CSV with 5% bad numbers, with no duplicate and no request over 100' {
        $csv = Join-Path $TestDrive 'customers.csv'
        New-CustomerCsv $csv 1000
        $results = Import-Csv $csv | Send-RebueSms -ErrorAction SilentlyContinue -ErrorVariable sendErrors

        $results.Count | Should -Be 1000
        ($results.Row | Sort-Object -Unique).Count | Should -Be 1000
        @($results | Where-Object Status -eq 'Queued').Count | Should -Be 950
        @($results | Where-Object Status -eq 'Invalid').Count | Should -Be 50
        @($results | Where-Object { $_.Status -eq 'Invalid' -and $_.Row % 20 -ne 0 }).Count | Should -Be 0
        $sendErrors.Count | Should -Be 50
        @($sendErrors | Where-Object FullyQualifiedErrorId -like 'CloudRebue.InvalidPhone,*').Count | Should -Be 50

        $stats = Get-RebueSimulatorStats $sim
        $stats.acceptedMessages | Should -Be 950
        $stats.duplicates | Should -Be 0
        $stats.maxItemsInRequest | Should -BeLessOrEqual 100
        $stats.maxRequestsInAnyWindow | Should -BeLessOrEqual 120
        $stats.sendRequests | Should -Be 10

        $accepted = Get-RebueSimulatorMessages $sim | ForEach-Object { "$($_.correlator)|$($_.phone)" } | Sort-Object
        $queued = $results | Where-Object Status -eq 'Queued' | ForEach-Object { "$($_.Correlator)|$($_.Phone)" } | Sort-Object
        $queued | Should -Be $accepted
    }

    It 'keeps the row on each result and fills in what the API answered' {
        $row = [pscustomobject]@{ Name = 'Ann'; Phone = '0712345678'; Message = 'Habari Ann' }
        $result = $row | Send-RebueSms
        $result.Status | Should -Be 'Queued'
        $result.Phone | Should -Be '254712345678'
        $result.InputObject.Name | Should -Be 'Ann'
        $result.UniqueId | Should -Match '^[0-9a-f-]{36}$'
        $result.BatchId | Should -Not -BeNullOrEmpty
        $result.SmsUnits | Should -Be 1
        $result.Sender | Should -Be 'ACME'
    }

    # How close to the limit a send runs without a 429 depends on how both processes are scheduled, so it
    # is measured in the benchmark (figure 1: throughput, 429s, most requests in any second), not asserted
    # here. What holds on any machine: a request the limiter refused is retried, and nothing is sent twice.
    It 'goes through the real limiter: 400 one-message requests, each queued once, only refused ones retried' {
        $phones = 1..400 | ForEach-Object { '07' + (30000000 + $_) }
        $results = $phones | Send-RebueSms -Message 'pace' -BatchSize 1
        @($results | Where-Object Status -eq 'Queued').Count | Should -Be 400
        $stats = Get-RebueSimulatorStats $sim
        $stats.acceptedMessages | Should -Be 400
        $stats.duplicates | Should -Be 0
        $stats.sendRequests | Should -Be (400 + [int] $stats.requests.'429')
    }

    It 'retries 429 and 503 from the server and still queues everything once' {
        $null = Set-RebueSimulatorConfig $sim -Config @{ faults = @(@{ kind = '429'; every = 3; retryAfter = 1 }, @{ kind = '503'; every = 4 }) }
        try {
            $results = 1..1000 | ForEach-Object { '07' + (40000000 + $_) } | Send-RebueSms -Message 'retry' -BatchSize 50
            @($results | Where-Object Status -eq 'Queued').Count | Should -Be 1000
            (Get-RebueSimulatorStats $sim).duplicates | Should -Be 0
            (Get-RebueSimulatorStats $sim).acceptedMessages | Should -Be 1000
        }
        finally { $null = Set-RebueSimulatorConfig $sim -Config @{ faults = @() } }
    }

    It 'shows a table at 80 columns whose headers are property names, with the error readable, and exports the same phone' {
        $results = @(Send-RebueSms -Phone 0712345678, '07223000' -Message 'table' -ErrorAction SilentlyContinue)
        $table = ($results | Out-String -Width 80) -replace '\x1b\[[0-9;]*m', ''   # as plain text, whatever the host renders
        $header = @($table -split "`n" | Where-Object { $_ -match '\bStatus\b' })[0]
        $columns = @(-split $header)
        $columns | Should -Be @('Row', 'Status', 'Phone', 'SmsUnits', 'Error')
        foreach ($column in $columns) { $results[0].PSObject.Properties.Name | Should -Contain $column }
        $table | Should -Match "Row 2: '07223000' is too short"   # wrapped, never cut off
        $invalid = $results | Where-Object Status -eq 'Invalid'
        $csv = Join-Path $TestDrive 'sent.csv'
        $results | Export-Csv $csv
        (Import-Csv $csv | Where-Object Status -eq 'Invalid').Phone | Should -Be '07223000'
        $invalid.Phone | Should -Be '07223000'
        ($results | Measure-Object SmsUnits -Sum).Sum | Should -Be 1
    }

    It 'sends an alert to every valid on-call phone before -ErrorAction Stop ends the script on a mistyped one' {
        $caught = $null
        try { $null = Send-RebueSms -Phone '0712345678', '07223000', '0110123456' -Message 'DB01 is down' -ErrorAction Stop }
        catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike 'CloudRebue.InvalidPhone,*'
        "$caught" | Should -Match "Row 2: '07223000'.*2 queued"
        $stats = Get-RebueSimulatorStats $sim
        $stats.acceptedMessages | Should -Be 2
        @(Get-RebueSimulatorMessages $sim | ForEach-Object phone | Sort-Object) | Should -Be @('254110123456', '254712345678')
    }

    It 'reads Kenyan export headers and says once which columns a file without a phone column has' {
        $csv = Join-Path $TestDrive 'export.csv'
        Set-Content $csv '"Mobile No",Text', '0712345678,Hello'
        (Import-Csv $csv | Send-RebueSms).Status | Should -Be 'Queued'
        Set-Content $csv 'Customer,Amount', 'Ann,100', 'Bob,200'
        $results = @(Import-Csv $csv | Send-RebueSms -Message hi -ErrorAction SilentlyContinue -ErrorVariable errs)
        $results.Count | Should -Be 2
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'CloudRebue.NoPhoneColumn,*'
        "$($errs[0])" | Should -Match "'Customer', 'Amount'"
    }

    It 'masks the receipt URL''s secret in results and exports, while the API still gets the whole URL' {
        $secret = [guid]::NewGuid().ToString('N')
        $csv = Join-Path $TestDrive 'sent-endpoint.csv'
        $result = Send-RebueSms -Phone 0712345678 -Message 'receipt please' -Endpoint "http://127.0.0.1:9/receipts/$secret"
        $result | Export-Csv $csv
        $result.Endpoint | Should -Be 'http://127.0.0.1:9/receipts/***'
        Get-Content $csv -Raw | Should -Not -Match $secret
        (Get-RebueSimulatorMessages $sim | ConvertTo-Json -Depth 5) | Should -Match $secret
    }

    It 'warns when nothing came in' {
        $csv = Join-Path $TestDrive 'empty.csv'
        Set-Content $csv 'Phone,Message'
        $null = Import-Csv $csv | Send-RebueSms -WarningVariable warned
        "$warned" | Should -Match 'received no input'
    }

    It 'reports the units it spent in the balance' {
        $before = (Get-RebueBalance).AccountUnits
        $null = Send-RebueSms -Phone 0712345678, 0722000000 -Message ('x' * 200)
        (Get-RebueBalance).AccountUnits | Should -Be ($before - 4)
    }

    It 'sends nothing under -WhatIf, and writes a preview per recipient that can be exported' {
        $csv = Join-Path $TestDrive 'preview.csv'
        Send-RebueSms -Phone 0712345678, 'bad' -Message ('x' * 200) -WhatIf -ErrorAction SilentlyContinue | Export-Csv $csv
        (Get-RebueSimulatorStats $sim).sendRequests | Should -Be 0
        $preview = @(Import-Csv $csv | Sort-Object { [int] $_.Row })
        $preview.Status | Should -Be @('WouldSend', 'Invalid')
        $preview[0].SmsUnits | Should -Be 2
        $preview[0].Phone | Should -Be '254712345678'
    }

    It 'skips on a rerun what the journal shows was queued' {
        $journal = Join-Path $TestDrive 'send.jsonl'
        $rows = 1..250 | ForEach-Object { [pscustomobject]@{ Phone = '07' + (50000000 + $_); Message = "Statement $_" } }
        $first = $rows | Send-RebueSms -JournalPath $journal
        @($first | Where-Object Status -eq 'Queued').Count | Should -Be 250
        $requests = (Get-RebueSimulatorStats $sim).sendRequests

        $second = $rows | Send-RebueSms -JournalPath $journal
        @($second | Where-Object Status -eq 'Skipped').Count | Should -Be 250
        (Get-RebueSimulatorStats $sim).sendRequests | Should -Be $requests
        (Get-RebueSendJournal $journal).Queued | Should -Be 250
    }

    It 'stops with CloudRebue.TokenRejected when the token is refused' {
        $wrong = Connect-CloudRebue -Token (ConvertTo-SecureString 'not-the-token-123456' -AsPlainText -Force) -BaseUri $sim.BaseUri -DefaultSender ACME -SkipValidation
        try {
            { Send-RebueSms -Phone 0712345678 -Message hi -Connection $wrong -ErrorAction SilentlyContinue } |
                Should -Throw -ErrorId 'CloudRebue.TokenRejected,CloudRebue.PowerShell.Cmdlets.SendRebueSmsCommand'
        }
        finally { $wrong.Dispose() }
    }
}
