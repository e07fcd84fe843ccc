# Add-RebueSubAccountBalance end to end against the simulator: both forms, -WhatIf, the 403 and 422
# answers as errors with stable ids, a server error after the API acted reported Unknown and not repeated.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'SimulatorHelpers.psm1') -Force
    Import-Module (Get-TestModuleManifest) -Force

    $script:sim = Start-RebueSimulator -ArgumentList '--balance', '1000', '--sub-account', '2', '--sub-account', '5'
    $script:connection = Connect-CloudRebue -Token (ConvertTo-SecureString $sim.Token -AsPlainText -Force) -BaseUri $sim.BaseUri
}

AfterAll {
    Disconnect-CloudRebue
    if ($script:sim) { Stop-RebueSimulator $script:sim }
}

Describe 'Add-RebueSubAccountBalance against the simulator' {
    BeforeEach { Reset-RebueSimulator $sim; Set-RebueSimulatorConfig $sim -Config @{ faults = @() } }

    It 'moves units to a sub-account and reports its units before and after' {
        $result = Add-RebueSubAccountBalance -AccountId 2 -Units 100 -Reference SB93461 -Confirm:$false
        $result.Status | Should -Be 'Succeeded'
        $result.Reference | Should -Be 'SB93461'
        $result.InitialUnits | Should -Be 0
        $result.UpdatedUnits | Should -Be 100
        $result.CreatedAt.Offset | Should -Be ([TimeSpan]::FromHours(3))
        (Get-RebueBalance).AccountUnits | Should -Be 900
        ($result | Out-String) | Should -Match 'Succeeded'
    }

    It 'moves KES in the newer form' {
        $result = Add-RebueSubAccountBalance -AccountId 5 -AmountKes 250 -Confirm:$false
        $result.Status | Should -Be 'Succeeded'
        $result.UpdatedBalanceKes | Should -Be 250
        $result.ParentBalanceKes | Should -Be 750
    }

    It 'moves nothing with -WhatIf' {
        Add-RebueSubAccountBalance -AccountId 2 -Units 100 -WhatIf | Should -BeNullOrEmpty
        (Get-RebueBalance).AccountUnits | Should -Be 1000
    }

    It 'tops up several sub-accounts from CSV rows; a 403 row is an error and the others still run' {
        $rows = @(
            [pscustomobject]@{ SubAccountId = '2'; Units = '10'; TopupReference = 'A1' }
            [pscustomobject]@{ SubAccountId = '3'; Units = '10'; TopupReference = 'A2' }
            [pscustomobject]@{ SubAccountId = '5'; Units = '20'; TopupReference = 'A3' }
        )
        $results = $rows | Add-RebueSubAccountBalance -Confirm:$false -ErrorVariable topUpErrors -ErrorAction SilentlyContinue
        $results.Status | Should -Be 'Succeeded', 'Failed', 'Succeeded'
        $topUpErrors.Count | Should -Be 1
        $topUpErrors[0].FullyQualifiedErrorId | Should -Be 'CloudRebue.TopUpNotSubAccount,CloudRebue.PowerShell.Cmdlets.AddRebueSubAccountBalanceCommand'
        $topUpErrors[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        "$($topUpErrors[0])" | Should -Match 'account 3 is not a sub-account.*The account is not a subaccount of the parent account'
        (Get-RebueBalance).AccountUnits | Should -Be 970
    }

    It 'shows the 422 field messages when the main balance cannot cover the top-up' {
        { Add-RebueSubAccountBalance -AccountId 2 -Units 5000 -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId 'CloudRebue.TopUpInvalid,CloudRebue.PowerShell.Cmdlets.AddRebueSubAccountBalanceCommand' -ExpectedMessage '*units: Insufficient units*'
    }

    It 'refuses bad values before calling the API' {
        { Add-RebueSubAccountBalance -AccountId 0 -Units 5 -Confirm:$false } | Should -Throw -ErrorId 'ParameterArgumentValidationError,CloudRebue.PowerShell.Cmdlets.AddRebueSubAccountBalanceCommand'
        { Add-RebueSubAccountBalance -AccountId 2 -AmountKes -1 -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'CloudRebue.TopUpInvalidArgument,CloudRebue.PowerShell.Cmdlets.AddRebueSubAccountBalanceCommand'
        (Get-RebueSimulatorStats $sim).requests.PSObject.Properties.Name | Should -Not -Contain '422'
    }

    It 'reports a 500 after the API moved the units as Unknown, sends it once, and says to check before repeating' {
        Set-RebueSimulatorConfig $sim -Config @{ faults = @(@{ kind = '500-after-accept'; every = 1 }) }
        $result = Add-RebueSubAccountBalance -AccountId 2 -Units 10 -Confirm:$false -ErrorVariable unknownErrors -ErrorAction SilentlyContinue
        $result.Status | Should -Be 'Unknown'
        $result.HttpStatus | Should -Be 500
        $unknownErrors.Count | Should -Be 1
        $unknownErrors[0].FullyQualifiedErrorId | Should -Be 'CloudRebue.TopUpOutcomeUnknown,CloudRebue.PowerShell.Cmdlets.AddRebueSubAccountBalanceCommand'
        "$($unknownErrors[0])" | Should -Match 'before repeating'
        (Get-RebueSimulatorStats $sim).requests.'500' | Should -Be 1
        Set-RebueSimulatorConfig $sim -Config @{ faults = @() }
        (Get-RebueBalance).AccountUnits | Should -Be 990
    }

    It 'stops with TokenRejected when the token is refused' {
        $wrong = Connect-CloudRebue -Token (ConvertTo-SecureString 'wrong-token-0000' -AsPlainText -Force) -BaseUri $sim.BaseUri -SkipValidation
        try {
            { Add-RebueSubAccountBalance -AccountId 2 -Units 10 -Confirm:$false -Connection $wrong } |
                Should -Throw -ErrorId 'CloudRebue.TokenRejected,CloudRebue.PowerShell.Cmdlets.AddRebueSubAccountBalanceCommand'
        }
        finally { Connect-CloudRebue -Token (ConvertTo-SecureString $sim.Token -AsPlainText -Force) -BaseUri $sim.BaseUri | Out-Null }
    }
}
