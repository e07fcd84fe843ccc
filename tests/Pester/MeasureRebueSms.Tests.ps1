BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModuleManifest) -Force
}

Describe 'Measure-RebueSms from the built module' {
    It 'measures a text given as a parameter' {
        $m = Measure-RebueSms -Message ('a' * 161)
        $m.Units | Should -Be 2
        $m.Encoding.ToString() | Should -Be 'Gsm7'
    }

    It 'measures CSV rows by their Message column' {
        $rows = @([pscustomobject]@{ Message = 'hi' }, [pscustomobject]@{ Message = 'Karibu 🙂' })
        ($rows | Measure-RebueSms).Units | Should -Be @(1, 1)
    }

    It 'refuses a CSV with no Message column, naming the columns it has' {
        $csv = Join-Path $TestDrive 'invoices.csv'
        Set-Content $csv 'Customer Name,Amount', 'Wanjiku,1500', 'Otieno,900'
        $out = @(Import-Csv $csv | Measure-RebueSms -ErrorAction SilentlyContinue -ErrorVariable errs)
        $out.Count | Should -Be 0
        $errs.Count | Should -Be 2
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'CloudRebue.MessageMissing,*'
        $errs[0].Exception.Message | Should -Match 'Customer Name, Amount'
    }

    It 'formats as a table with the units column' {
        (Measure-RebueSms 'Habari' | Out-String) | Should -Match 'Units'
    }
}
