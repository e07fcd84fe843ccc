# Issue 18 end to end: -Template, the money guard rails, repeats, -ExcludePhone and input hints, with the
# built module against a simulator that counts units and holds a small balance. Every test accounts for
# every input row: as many results as rows (or recipients), and the simulator saw only what was Queued.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'SimulatorHelpers.psm1') -Force
    Import-Module (Get-TestModuleManifest) -Force

    $script:sim = Start-RebueSimulator -ArgumentList '--receipt-delay-ms', '0'
    $token = ConvertTo-SecureString $sim.Token -AsPlainText -Force
    $script:connection = Connect-CloudRebue -Token $token -BaseUri $sim.BaseUri -DefaultSender ACME

    function Get-Accepted { @(Get-RebueSimulatorMessages $sim) }
}

AfterAll {
    Disconnect-CloudRebue
    if ($script:sim) { Stop-RebueSimulator $script:sim }
}

Describe 'Send-RebueSms guard rails against the simulator' {
    BeforeEach {
        $null = Set-RebueSimulatorConfig $sim -Config @{ balance = 100000; enforceBalance = $false }
        Reset-RebueSimulator $sim
    }

    It 'fills -Template from each CSV row, reports a row missing a field, and bills the filled texts' {
        $csv = Join-Path $TestDrive 'invoices.csv'
        Set-Content $csv -Value @(
            'Customer Name,Phone Number,Amount,Due Date'
            'Wanjiku,0712345678,"1,500",5 Dec'
            'Otieno,0722000000,200,'
            'Akinyi,0733000111,"12,000",7 Dec'
        )
        $template = 'Dear {Customer Name}, your invoice of KES {Amount} is due on {Due Date}. Pay to {{till 123}}. ' + ('.' * 120)
        $results = @(Import-Csv $csv | Send-RebueSms -Template $template -ErrorAction SilentlyContinue -ErrorVariable sendErrors)

        $results.Count | Should -Be 3
        ($results | Sort-Object Row).Status | Should -Be @('Queued', 'Invalid', 'Queued')
        $missing = $results | Where-Object Status -eq 'Invalid'
        $missing.ErrorId | Should -Be 'CloudRebue.TemplateFieldMissing'
        $missing.Error | Should -BeLike 'Row 2 has an empty Due Date*'
        $sendErrors.Count | Should -Be 1
        $sendErrors[0].FullyQualifiedErrorId | Should -BeLike 'CloudRebue.TemplateFieldMissing,*'

        $accepted = Get-Accepted | Sort-Object phone
        $accepted.Count | Should -Be 2
        $accepted[0].message | Should -BeLike 'Dear Wanjiku, your invoice of KES 1,500 is due on 5 Dec. Pay to {till 123}. *'
        $accepted[1].message | Should -BeLike 'Dear Akinyi, your invoice of KES 12,000 is due on 7 Dec.*'
        # Our units are the simulator's units for the filled texts (both are over 160 characters: 2 units each).
        foreach ($message in $accepted) {
            ($results | Where-Object Phone -eq $message.phone).SmsUnits | Should -Be $message.smsUnits
            $message.smsUnits | Should -Be 2
        }
    }

    It 'measures the same template per row with Measure-RebueSms, and -WhatIf counts the same units' {
        $rows = @(
            [pscustomobject]@{ Phone = '0712345678'; Name = 'Ann' }
            @{ Phone = '0722000000'; Name = 'Bob ' + ('b' * 200) }
            [pscustomobject]@{ Phone = '0733000111'; Nickname = 'Cid' }
        )
        $measured = @($rows | Measure-RebueSms -Template 'Hi {Name}' -ErrorAction SilentlyContinue -ErrorVariable measureErrors)
        ($measured.Count + $measureErrors.Count) | Should -Be 3
        $measured.Units | Should -Be @(1, 2)
        $measureErrors[0].FullyQualifiedErrorId | Should -BeLike 'CloudRebue.TemplateFieldMissing,*'
        $measureErrors[0].Exception.Message | Should -BeLike "Row 3 has no Name*'Phone', 'Nickname'*"

        $preview = @($rows | Send-RebueSms -Template 'Hi {Name}' -WhatIf -ErrorAction SilentlyContinue)
        $preview.Count | Should -Be 3
        ($preview | Where-Object Status -eq 'WouldSend' | Measure-Object SmsUnits -Sum).Sum | Should -Be 3
        (Get-RebueSimulatorStats $sim).sendRequests | Should -Be 0
    }

    It 'refuses a text over the per-message cap, and sends it when the cap is raised' {
        $huge = 'a' * (10 * 1024 * 1024)
        $refused = @(Send-RebueSms -Phone 0712345678, 0722000000 -Message $huge -ErrorAction SilentlyContinue -ErrorVariable capErrors)
        $refused.Count | Should -Be 2
        $refused.Status | Should -Be @('Invalid', 'Invalid')
        $refused.SmsUnits | Should -Be @(68535, 68535)
        $capErrors[0].FullyQualifiedErrorId | Should -BeLike 'CloudRebue.OverUnitCap,*'
        $capErrors[0].Exception.Message | Should -BeLike '*-MaxUnitsPerMessage 68535*'
        (Get-RebueSimulatorStats $sim).sendRequests | Should -Be 0

        $eleven = 'a' * 1531
        (Send-RebueSms -Phone 0712345678 -Message $eleven -MaxUnitsPerMessage 11).Status | Should -Be 'Queued'
        (Get-Accepted)[0].smsUnits | Should -Be 11
    }

    It 'stops at -MaxUnits with the rest NotSent, and a journal rerun with a larger budget sends only the rest' {
        $journal = Join-Path $TestDrive 'budget.journal'
        $phones = 1..10 | ForEach-Object { '07' + (40000000 + $_) }
        $first = @($phones | Send-RebueSms -Message ('x' * 200) -MaxUnits 9 -JournalPath $journal -ErrorAction SilentlyContinue -ErrorVariable budgetErrors -WarningVariable budgetWarnings -WarningAction SilentlyContinue)
        $first.Count | Should -Be 10
        @($first | Where-Object Status -eq 'Queued').Count | Should -Be 4
        @($first | Where-Object { $_.Status -eq 'NotSent' -and $_.ErrorId -eq 'CloudRebue.MaxUnitsReached' }).Count | Should -Be 6
        $budgetErrors.Count | Should -Be 1
        "$budgetWarnings" | Should -BeLike '*6 recipient(s) were not sent (Status NotSent, CloudRebue.MaxUnitsReached)*'
        (Get-Accepted).Count | Should -Be 4

        $second = @($phones | Send-RebueSms -Message ('x' * 200) -MaxUnits 20 -JournalPath $journal -WarningAction SilentlyContinue)
        $second.Count | Should -Be 10
        @($second | Where-Object Status -eq 'Skipped').Count | Should -Be 4
        @($second | Where-Object Status -eq 'Queued').Count | Should -Be 6
        (Get-Accepted).Count | Should -Be 10
        (Get-RebueSimulatorStats $sim).duplicates | Should -Be 0
    }

    It 'reads a small balance once and stops cleanly before it, instead of sending into refusals' {
        $null = Set-RebueSimulatorConfig $sim -Config @{ balance = 5; enforceBalance = $true }
        $phones = 1..8 | ForEach-Object { '07' + (41000000 + $_) }
        $results = @($phones | Send-RebueSms -Message 'Your meter reading is due' -ErrorAction SilentlyContinue -ErrorVariable balanceErrors -WarningVariable balanceWarnings -WarningAction SilentlyContinue)
        $results.Count | Should -Be 8
        @($results | Where-Object Status -eq 'Queued').Count | Should -Be 5
        @($results | Where-Object { $_.Status -eq 'NotSent' -and $_.ErrorId -eq 'CloudRebue.InsufficientBalance' }).Count | Should -Be 3
        @($results | Where-Object Status -eq 'Failed').Count | Should -Be 0
        $balanceErrors.Count | Should -Be 1
        $balanceErrors[0].CategoryInfo.Category | Should -Be 'QuotaExceeded'
        "$balanceWarnings" | Should -BeLike '*the account held 5 unit(s) when this run started*'
        (Get-Accepted).Count | Should -Be 5
        (Get-RebueBalance).AccountUnits | Should -Be 0
    }

    It '-WhatIf shows the total against the balance in the What if line' {
        $null = Set-RebueSimulatorConfig $sim -Config @{ balance = 3 }
        $script = @"
Import-Module '$(Get-TestModuleManifest)'
`$null = Connect-CloudRebue -Token (ConvertTo-SecureString '$($sim.Token)' -AsPlainText -Force) -BaseUri '$($sim.BaseUri)' -DefaultSender ACME
`$r = @(Send-RebueSms -Phone 0712345678, 0722000000, 0733000111, 0744000222 -Message hi -WhatIf -ErrorAction SilentlyContinue)
'RESULTS ' + ((`$r | ForEach-Object Status) -join ',')
"@
        $output = (Invoke-FreshPwsh -Script $script) -join "`n"
        $output | Should -BeLike '*What if:*3 recipient(s) in 1 request(s), 3 SMS unit(s) as ACME; the account holds 3 unit(s), 0 would be left; 1 recipient(s) would not be sent (CloudRebue.InsufficientBalance)*'
        $output | Should -BeLike '*RESULTS WouldSend,WouldSend,WouldSend,NotSent*'
        (Get-RebueSimulatorStats $sim).sendRequests | Should -Be 0
    }

    It 'sends the same text to the same number once, and repeats with -AllowDuplicate' {
        $rows = @(
            [pscustomobject]@{ Mobile = '0712345678, +254 712 345 678'; Message = 'Water off at 10' }
            [pscustomobject]@{ Mobile = '712345678'; Message = 'Water off at 10' }
            [pscustomobject]@{ Mobile = '0712345678'; Message = 'Water back at 14' }
        )
        $results = @($rows | Send-RebueSms -ErrorAction Stop -WarningVariable repeatWarnings -WarningAction SilentlyContinue)
        $results.Count | Should -Be 4
        @($results | Where-Object Status -eq 'Queued').Count | Should -Be 2
        $skipped = @($results | Where-Object Status -eq 'Skipped')
        $skipped.Count | Should -Be 2
        $skipped.ErrorId | Should -Be @('CloudRebue.Duplicate', 'CloudRebue.Duplicate')
        "$repeatWarnings" | Should -BeLike '*2 repeat(s)*-AllowDuplicate*'
        (Get-Accepted).Count | Should -Be 2

        Reset-RebueSimulator $sim
        $again = @($rows | Send-RebueSms -AllowDuplicate)
        @($again | Where-Object Status -eq 'Queued').Count | Should -Be 4
        (Get-Accepted).Count | Should -Be 4
    }

    It 'skips -ExcludePhone numbers read from a file with Get-Content, in any format' {
        $optOut = Join-Path $TestDrive 'optout.txt'
        Set-Content $optOut -Value @('+254 712 345 678', '', '733000111')
        $results = @('0712345678', '0722000000', '0733000111', '0744000222' |
            Send-RebueSms -Message 'Promo' -ExcludePhone (Get-Content $optOut) -ErrorAction Stop)
        $results.Count | Should -Be 4
        $excluded = @($results | Where-Object Status -eq 'Skipped')
        $excluded.Phone | Sort-Object | Should -Be @('254712345678', '254733000111')
        $excluded.ErrorId | Should -Be @('CloudRebue.Excluded', 'CloudRebue.Excluded')
        (Get-Accepted).phone | Sort-Object | Should -Be @('254722000000', '254744000222')
    }

    It 'refuses an exclude list with an entry that is not a number, before sending anything' {
        { Send-RebueSms -Phone 0712345678 -Message hi -ExcludePhone 'Phone', '0722000000' } |
            Should -Throw -ErrorId 'CloudRebue.InvalidExcludePhone,CloudRebue.PowerShell.Cmdlets.SendRebueSmsCommand'
        (Get-RebueSimulatorStats $sim).sendRequests | Should -Be 0
    }

    It 'warns once when a Windows-1252 file was read as UTF-8, and not when read with its encoding' {
        $csv = Join-Path $TestDrive 'cp1252.csv'
        $bytes = [System.Text.Encoding]::ASCII.GetBytes("Phone,Message`r`n0712345678,Caf`r`n0722000000,Caf`r`n")
        # 'Caf' + 0xE9 (e acute in Windows-1252) on both rows, written as raw bytes.
        $list = [System.Collections.Generic.List[byte]]::new($bytes)
        $list.Insert(($list.Count - 2), 0xE9)
        $firstRowEnd = [System.Text.Encoding]::ASCII.GetBytes("Phone,Message`r`n0712345678,Caf").Length
        $list.Insert($firstRowEnd, 0xE9)
        [System.IO.File]::WriteAllBytes($csv, $list.ToArray())

        $misread = @(Import-Csv $csv | Send-RebueSms -WhatIf -WarningVariable encodingWarnings -WarningAction SilentlyContinue)
        $misread.Count | Should -Be 2
        @($encodingWarnings | Where-Object { "$_" -like '*U+FFFD*Import-Csv -Encoding*' }).Count | Should -Be 1

        $right = @(Import-Csv $csv -Encoding 1252 | Send-RebueSms -WarningVariable rightWarnings)
        $right.Count | Should -Be 2
        @($rightWarnings).Count | Should -Be 0
        (Get-Accepted).message | Should -Be @("Caf$([char]0xE9)", "Caf$([char]0xE9)")
    }

    It 'reads hashtables by key, a "Phone Number" key included, and lists the keys of one without a phone' {
        $results = @(
            @{ 'Phone Number' = '0712345678'; Message = 'from a hashtable' }
            @{ Customer = 'Ann'; Message = 'no phone here' }
        ) | Send-RebueSms -ErrorAction SilentlyContinue -ErrorVariable keyErrors
        @($results).Count | Should -Be 2
        ($results | Sort-Object Row).Status | Should -Be @('Queued', 'Invalid')
        $keyErrors[0].Exception.Message | Should -BeLike "Row 2 has no phone number column (its columns: *'Customer'*). Rename the column that holds the numbers to one of: Phone, *"
        (Get-Accepted).message | Should -Be 'from a hashtable'
    }

    It 'says why when a semicolon file is read with commas, and accounts for every row' {
        $csv = Join-Path $TestDrive 'excel.csv'
        Set-Content $csv -Value @('Phone;Message', '0712345678;hi', '0722000000;hi')
        $results = @(Import-Csv $csv | Send-RebueSms -ErrorAction SilentlyContinue -ErrorVariable delimiterErrors)
        $results.Count | Should -Be 2
        $results.ErrorId | Should -Be @('CloudRebue.NoPhoneColumn', 'CloudRebue.NoPhoneColumn')
        $delimiterErrors.Count | Should -Be 1
        $delimiterErrors[0].Exception.Message | Should -BeLike "*Import-Csv -Delimiter ';'*"
        (Get-RebueSimulatorStats $sim).sendRequests | Should -Be 0
    }
}
