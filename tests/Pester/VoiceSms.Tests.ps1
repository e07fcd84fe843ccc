# Send-RebueVoiceSms end to end against the simulator's voice-sms: one call per recipient and per request,
# pipeline input by property name, phone normalisation, -WhatIf, safe retries and Unknown, the journal.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'SimulatorHelpers.psm1') -Force
    Import-Module (Get-TestModuleManifest) -Force

    $script:sim = Start-RebueSimulator
    $script:connection = Connect-CloudRebue -Token (ConvertTo-SecureString $sim.Token -AsPlainText -Force) -BaseUri $sim.BaseUri -DefaultSender ACME
    $script:id = 'CloudRebue.PowerShell.Cmdlets.SendRebueVoiceSmsCommand'
    function Get-Calls { @(Get-RebueSimulatorCalls $sim) }
}

AfterAll {
    Disconnect-CloudRebue
    if ($script:sim) { Stop-RebueSimulator $script:sim }
}

Describe 'Send-RebueVoiceSms against the simulator' {
    BeforeEach { Reset-RebueSimulator $sim; Set-RebueSimulatorConfig $sim -Config @{ faults = @() } }

    It 'places one call with the voice and repeat asked for, and returns one result' {
        $result = Send-RebueVoiceSms -Phone '+254 712 345 678' -Message 'DB01 is down' -Originator '0708361797' -Voice Male -Repeat 3 -Correlator alert-1
        $result.Status | Should -Be 'Queued'
        $result.Phone | Should -Be '254712345678'
        $result.Correlator | Should -Be 'alert-1'
        $result.UniqueId | Should -Not -BeNullOrEmpty
        $result.SmsUnits | Should -BeNullOrEmpty
        $call = Get-Calls
        $call.Count | Should -Be 1
        $call[0].originator | Should -Be '254708361797'
        $call[0].voice | Should -Be 2
        $call[0].repeat | Should -Be 3
        $call[0].uniqueId | Should -Be $result.UniqueId
    }

    It 'calls every valid recipient of CSV rows, one request each, and reports a bad number without calling it' {
        $rows = @(
            [pscustomobject]@{ Name = 'Asha'; Mobile = '0712000001'; Message = 'Asha, DB01 is down' }
            [pscustomobject]@{ Name = 'Brian'; Mobile = '0712000002; 0712000003'; Message = 'Brian, DB01 is down' }
            [pscustomobject]@{ Name = 'Broken'; Mobile = '07123'; Message = 'never called' }
        )
        $results = $rows | Send-RebueVoiceSms -Originator 254708361797 -ErrorVariable callErrors -ErrorAction SilentlyContinue
        $results.Count | Should -Be 4
        @($results | Where-Object Status -eq 'Queued').Count | Should -Be 3
        ($results | Where-Object Status -eq 'Invalid').InputObject.Name | Should -Be 'Broken'
        $callErrors[0].FullyQualifiedErrorId | Should -Be "CloudRebue.InvalidPhone,$id"
        $calls = Get-Calls
        ($calls.phone | Sort-Object) | Should -Be '254712000001', '254712000002', '254712000003'
        ($calls.batchId | Sort-Object -Unique).Count | Should -Be 3 -Because 'each call goes in its own request'
        (Get-RebueSimulatorStats $sim).requests.'422' | Should -BeNullOrEmpty
    }

    It 'places no call with -WhatIf' {
        $results = Send-RebueVoiceSms -Phone 0712000001, 0712000002 -Message 'test' -Originator 254708361797 -WhatIf
        $results.Status | Should -Be 'WouldSend', 'WouldSend'
        Get-Calls | Should -BeNullOrEmpty
    }

    It 'retries a 503 (the API did not act) and places each call once' {
        Set-RebueSimulatorConfig $sim -Config @{ faults = @(@{ kind = '503'; every = 2 }) }
        $results = Send-RebueVoiceSms -Phone 0712000001, 0712000002, 0712000003 -Message 'DB01 is down' -Originator 254708361797
        $results.Status | Should -Be 'Queued', 'Queued', 'Queued'
        (Get-Calls).Count | Should -Be 3
        (Get-RebueSimulatorStats $sim).faults.'503' | Should -BeGreaterThan 0
    }

    It 'reports a 500 after the call was placed as Unknown and does not call again, even when rerun with the journal' {
        Set-RebueSimulatorConfig $sim -Config @{ faults = @(@{ kind = '500-after-accept'; every = 1 }) }
        $journal = Join-Path $TestDrive 'calls.jsonl'
        $result = Send-RebueVoiceSms -Phone 0712000001 -Message 'DB01 is down' -Originator 254708361797 -JournalPath $journal -ErrorVariable callErrors -ErrorAction SilentlyContinue
        $result.Status | Should -Be 'Unknown'
        $callErrors[0].FullyQualifiedErrorId | Should -Be "CloudRebue.OutcomeUnknown,$id"
        (Get-Calls).Count | Should -Be 1

        Set-RebueSimulatorConfig $sim -Config @{ faults = @() }
        $again = Send-RebueVoiceSms -Phone 0712000001 -Message 'DB01 is down' -Originator 254708361797 -JournalPath $journal -ErrorAction SilentlyContinue
        $again.Status | Should -Not -Be 'Queued'
        (Get-Calls).Count | Should -Be 1
    }

    It 'stops at once when the token is refused' {
        $wrong = Connect-CloudRebue -Token (ConvertTo-SecureString 'wrong-token-0000' -AsPlainText -Force) -BaseUri $sim.BaseUri -SkipValidation
        try {
            { Send-RebueVoiceSms -Phone 0712000001 -Message 'x' -Originator 254708361797 -Connection $wrong -ErrorAction SilentlyContinue } |
                Should -Throw -ErrorId "CloudRebue.TokenRejected,$id"
        }
        finally { Connect-CloudRebue -Token (ConvertTo-SecureString $sim.Token -AsPlainText -Force) -BaseUri $sim.BaseUri -DefaultSender ACME | Out-Null }
    }
}
