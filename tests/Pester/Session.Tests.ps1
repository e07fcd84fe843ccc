# Issue 4 end to end through the built module: token sources, validation failures, the process-wide
# session (thread jobs, ForEach-Object -Parallel), Disconnect, SecretManagement (a stand-in module with
# the real parameters), and secret hygiene with a canary token.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'StubApi.psm1') -Force
    $script:manifest = Get-TestModuleManifest
    Import-Module $manifest -Force

    $script:canary = New-CanaryToken
    $script:token = ConvertTo-SecureString -String $canary -AsPlainText -Force
    $script:hint = '****' + $canary.Substring($canary.Length - 4)
    $script:api = Start-StubApi -Token $canary
    $script:ok = $api.BaseUri('ok')

    # Tests set these themselves; nothing from the machine may leak in.
    $script:savedEnvironment = @{}
    foreach ($name in 'CLOUDREBUE_TOKEN', 'CLOUDREBUE_BASE_URI') {
        $savedEnvironment[$name] = [Environment]::GetEnvironmentVariable($name)
        [Environment]::SetEnvironmentVariable($name, $null)
    }

    # The id Pester's -ErrorId compares against: "CloudRebue.X,CloudRebue.PowerShell.Cmdlets.YCommand".
    function Get-TerminatingError([scriptblock] $Script) {
        try { $null = & $Script; $null } catch { $_ }
    }
}

AfterAll {
    Disconnect-CloudRebue
    $api.Dispose()
    foreach ($name in $savedEnvironment.Keys) { [Environment]::SetEnvironmentVariable($name, $savedEnvironment[$name]) }
}

Describe 'Connect-CloudRebue' {
    AfterEach {
        Disconnect-CloudRebue
        [Environment]::SetEnvironmentVariable('CLOUDREBUE_TOKEN', $null)
        [Environment]::SetEnvironmentVariable('CLOUDREBUE_BASE_URI', $null)
    }

    It 'validates -Token against account/balance and returns the connection' {
        $conn = Connect-CloudRebue -Token $token -BaseUri $ok -DefaultSender ACME
        $conn.GetType().FullName | Should -Be 'CloudRebue.Core.Api.CloudRebueConnection'
        $conn.BaseUri.ToString() | Should -Be "$ok/"
        $conn.DefaultSender | Should -Be 'ACME'
        $conn.TokenHint | Should -Be $hint
        $conn.AccountUnits | Should -Be 6974
        $conn.ConnectedAt | Should -BeGreaterThan ([DateTimeOffset]::Now.AddMinutes(-1))
        $api.Requests.ToArray()[-1].Authorization | Should -Be "Bearer $canary"
    }

    It 'shows the connection as a readable list' {
        $text = Connect-CloudRebue -Token $token -BaseUri $ok -DefaultSender ACME | Out-String
        foreach ($label in 'BaseUri', 'DefaultSender', 'TokenHint', 'AccountUnits', 'ConnectedAt') { $text | Should -Match "$label\s+:" }
        $text | Should -Match ([regex]::Escape($hint))
        $text | Should -Not -Match 'Timeout|IsDisposed'
    }

    It 'takes the password of -Credential and ignores the user name' {
        $credential = [pscredential]::new('any user at all', $token)
        (Connect-CloudRebue -Credential $credential -BaseUri $ok).TokenHint | Should -Be $hint
    }

    It 'reads CLOUDREBUE_TOKEN when no token is given' {
        $env:CLOUDREBUE_TOKEN = $canary
        (Connect-CloudRebue -BaseUri $ok).AccountUnits | Should -Be 6974
    }

    It 'prefers -Token to CLOUDREBUE_TOKEN' {
        $env:CLOUDREBUE_TOKEN = 'another-token-that-the-stub-rejects'
        (Connect-CloudRebue -Token $token -BaseUri $ok).AccountUnits | Should -Be 6974
    }

    It 'reads CLOUDREBUE_BASE_URI when -BaseUri is not given' {
        $env:CLOUDREBUE_BASE_URI = $api.BaseUri('kes').ToString()
        (Connect-CloudRebue -Token $token).BaseUri.ToString() | Should -Be "$($api.BaseUri('kes'))/"
    }

    It 'fails with NoToken and lists every way to connect when nothing gives a token and nobody can be asked' {
        # This suite runs in pwsh -NonInteractive, so there is no prompt.
        $err = Get-TerminatingError { Connect-CloudRebue -BaseUri $ok }
        $err.FullyQualifiedErrorId | Should -BeLike 'CloudRebue.NoToken,*'
        $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
        foreach ($way in '-Token', '-Credential', '-SecretName', 'CLOUDREBUE_TOKEN', 'interactive') { $err.Exception.Message | Should -BeLike "*$way*" }
    }

    It 'fails with <Id> (<Category>) when the API <Case>' -TestCases @(
        @{ Case = 'rejects the token'; Mode = 'unauthorized'; Id = 'CloudRebue.TokenRejected'; Category = 'AuthenticationError'; Text = 'rejected the token*Generate a new API token*' }
        @{ Case = 'answers 500'; Mode = 'error'; Id = 'CloudRebue.ApiError'; Category = 'InvalidResult'; Text = '*answered 500*' }
        @{ Case = 'does not answer in time'; Mode = 'slow'; Id = 'CloudRebue.Timeout'; Category = 'OperationTimeout'; Text = '*did not answer within 1 s*' }
        @{ Case = 'cannot be reached'; Mode = $null; Id = 'CloudRebue.Unreachable'; Category = 'ConnectionError'; Text = 'Could not connect to http://127.0.0.1:*/api/v1/account/balance:*' }
    ) {
        $uri = if ($Mode) { $api.BaseUri($Mode) } else { Get-UnreachableBaseUri }
        $err = Get-TerminatingError { Connect-CloudRebue -Token $token -BaseUri $uri -TimeoutSec 1 }
        $err.FullyQualifiedErrorId | Should -BeLike "$Id,*"
        $err.CategoryInfo.Category | Should -Be $Category
        $err.Exception.Message | Should -BeLike "*$Text"
    }

    It 'makes no request with -SkipValidation' {
        $before = $api.Requests.Count
        $conn = Connect-CloudRebue -Token $token -BaseUri (Get-UnreachableBaseUri) -SkipValidation
        $conn.AccountUnits | Should -BeNullOrEmpty
        $api.Requests.Count | Should -Be $before
    }
}

Describe 'Get-RebueBalance' {
    AfterEach { Disconnect-CloudRebue }

    It 'returns AccountUnits as a number and the Date' {
        $null = Connect-CloudRebue -Token $token -BaseUri $ok
        $balance = Get-RebueBalance
        $balance.AccountUnits | Should -BeOfType [decimal]
        $balance.AccountUnits | Should -Be 6974
        $balance.Date | Should -Be ([DateTimeOffset]::new(2021, 12, 3, 11, 10, 44, [TimeSpan]::FromHours(3)))
    }

    It 'reads balance_kes and balance_minor from a sister brand' {
        $null = Connect-CloudRebue -Token $token -BaseUri $api.BaseUri('kes')
        $balance = Get-RebueBalance
        $balance.BalanceKes | Should -Be 1250.50
        $balance.BalanceMinor | Should -Be 125050
        $balance.AccountUnits | Should -BeNullOrEmpty
    }

    It 'uses -Connection instead of the session' {
        $first = Connect-CloudRebue -Token $token -BaseUri $ok
        $null = Connect-CloudRebue -Token $token -BaseUri $api.BaseUri('unauthorized') -SkipValidation
        (Get-RebueBalance -Connection $first).AccountUnits | Should -Be 6974
        (Get-TerminatingError { Get-RebueBalance }).FullyQualifiedErrorId | Should -BeLike 'CloudRebue.TokenRejected,*'
    }

    It 'fails with NotConnected, and says how to connect, when there is no session' {
        $err = Get-TerminatingError { Get-RebueBalance }
        $err.FullyQualifiedErrorId | Should -Be 'CloudRebue.NotConnected,CloudRebue.PowerShell.Cmdlets.GetRebueBalanceCommand'
        $err.CategoryInfo.Category | Should -Be 'ConnectionError'
        $err.Exception.Message | Should -BeLike '*Connect-CloudRebue*'
    }
}

Describe 'The session is visible to the whole process' {
    BeforeAll { $null = Connect-CloudRebue -Token $token -BaseUri $ok }
    AfterAll { Disconnect-CloudRebue }

    It 'is used by ForEach-Object -Parallel' {
        $units = 1..3 | ForEach-Object -Parallel {
            Import-Module $using:manifest
            (Get-RebueBalance).AccountUnits
        } -ThrottleLimit 3
        $units | Should -Be @(6974, 6974, 6974)
    }

    It 'is used by a thread job' {
        $job = Start-ThreadJob -ScriptBlock {
            Import-Module $using:manifest
            Get-RebueBalance
        }
        $balance = $job | Receive-Job -Wait -AutoRemoveJob -ErrorAction Stop
        $balance.AccountUnits | Should -Be 6974
    }

    It 'is forgotten everywhere by Disconnect-CloudRebue' {
        Disconnect-CloudRebue
        $ids = 1..2 | ForEach-Object -Parallel {
            Import-Module $using:manifest
            try { $null = Get-RebueBalance; 'no error' } catch { $_.FullyQualifiedErrorId }
        }
        $ids | Should -BeLike 'CloudRebue.NotConnected,*'
        $null = Connect-CloudRebue -Token $token -BaseUri $ok
    }
}

Describe 'Disconnect-CloudRebue' {
    It 'forgets the session and disposes a connection kept in a variable' {
        $conn = Connect-CloudRebue -Token $token -BaseUri $ok
        Disconnect-CloudRebue
        $conn.IsDisposed | Should -BeTrue
        (Get-TerminatingError { Get-RebueBalance }).FullyQualifiedErrorId | Should -BeLike 'CloudRebue.NotConnected,*'
        (Get-TerminatingError { Get-RebueBalance -Connection $conn }).FullyQualifiedErrorId | Should -BeLike 'CloudRebue.NotConnected,*'
    }

    It 'is quiet when there is no session' {
        { Disconnect-CloudRebue -ErrorAction Stop } | Should -Not -Throw
        Disconnect-CloudRebue -Verbose 4>&1 | Out-String | Should -Match 'no CloudRebue session'
    }
}

Describe 'SecretManagement (stand-in module on PSModulePath)' {
    BeforeAll {
        $script:savedModulePath = $env:PSModulePath
        $env:PSModulePath = (Join-Path $PSScriptRoot 'fixtures') + [IO.Path]::PathSeparator + $env:PSModulePath
        Remove-Module Microsoft.PowerShell.SecretManagement -ErrorAction SilentlyContinue
    }
    AfterAll {
        Disconnect-CloudRebue
        Remove-Module Microsoft.PowerShell.SecretManagement -ErrorAction SilentlyContinue
        $env:PSModulePath = $savedModulePath
    }

    It 'loads SecretManagement on demand and reports a missing secret as SecretNotFound' {
        Get-Module Microsoft.PowerShell.SecretManagement | Should -BeNullOrEmpty
        $err = Get-TerminatingError { Connect-CloudRebue -SecretName NoSuchSecret -BaseUri $ok }
        $err.FullyQualifiedErrorId | Should -BeLike 'CloudRebue.SecretNotFound,*'
        $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err.Exception.Message | Should -BeLike "*'NoSuchSecret'*-SaveSecret*"
        (Get-Module Microsoft.PowerShell.SecretManagement).ModuleBase | Should -BeLike "$PSScriptRoot*fixtures*"
    }

    It 'reads a <Kind> secret' -TestCases @(
        @{ Kind = 'SecureString'; Store = { Set-Secret -Name CR-Secure -SecureStringSecret $token -Vault Ops }; Name = 'CR-Secure' }
        @{ Kind = 'string'; Store = { Set-Secret -Name CR-Text -Secret $canary -Vault Ops }; Name = 'CR-Text' }
        @{ Kind = 'PSCredential'; Store = { Set-Secret -Name CR-Credential -Secret ([pscredential]::new('api', $token)) -Vault Ops }; Name = 'CR-Credential' }
    ) {
        & $Store
        $conn = Connect-CloudRebue -SecretName $Name -Vault Ops -BaseUri $ok
        $conn.TokenHint | Should -Be $hint
        $conn.AccountUnits | Should -Be 6974
    }

    It 'reads from the default vault when -Vault is not given' {
        Set-Secret -Name CloudRebue -SecureStringSecret $token
        (Connect-CloudRebue -SecretName CloudRebue -BaseUri $ok).TokenHint | Should -Be $hint
    }

    It 'writes the token with -SaveSecret, under the given name and vault' {
        $null = Connect-CloudRebue -Token $token -SaveSecret -SecretName Saved -Vault Ops -BaseUri $ok
        Get-Secret -Name Saved -Vault Ops -AsPlainText | Should -BeExactly $canary
        Disconnect-CloudRebue
        (Connect-CloudRebue -SecretName Saved -Vault Ops -BaseUri $ok).TokenHint | Should -Be $hint
    }

    It 'does not save a token the API rejects' {
        $err = Get-TerminatingError { Connect-CloudRebue -Token $token -SaveSecret -SecretName Rejected -Vault Ops -BaseUri $api.BaseUri('unauthorized') }
        $err.FullyQualifiedErrorId | Should -BeLike 'CloudRebue.TokenRejected,*'
        Get-Secret -Name Rejected -Vault Ops -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }
}

Describe 'Without SecretManagement installed' {
    It 'imports and works, and asks for SecretManagement only when a vault is used' {
        # A fresh process whose module path has PowerShell's own modules only.
        $script = @"
`$ErrorActionPreference = 'Stop'
'available:' + @(Get-Module -ListAvailable Microsoft.PowerShell.SecretManagement).Count
Import-Module '$manifest'
'imported:' + (Get-Command -Module CloudRebue).Count
'connect:' + (Connect-CloudRebue -Token (ConvertTo-SecureString 'token-without-a-vault-1234' -AsPlainText -Force) -SkipValidation).TokenHint
try { Connect-CloudRebue -SecretName CloudRebue -SkipValidation } catch { 'read:' + `$_.FullyQualifiedErrorId + ':' + `$_.CategoryInfo.Category + ':' + `$_.Exception.Message }
try { Connect-CloudRebue -Token (ConvertTo-SecureString 'token-without-a-vault-1234' -AsPlainText -Force) -SaveSecret -SkipValidation } catch { 'save:' + `$_.FullyQualifiedErrorId }
"@
        $lines = Invoke-FreshPwsh -Script $script -Environment @{ PSModulePath = (Join-Path $PSHOME 'Modules') }
        if ($lines -notcontains 'available:0') { Set-ItResult -Skipped -Because 'a real SecretManagement module is installed on this machine' }
        $lines | Should -Contain 'connect:****1234'
        ($lines | Where-Object { $_ -like 'imported:*' }) | Should -Not -Be 'imported:0'
        $read = $lines | Where-Object { $_ -like 'read:*' }
        $read | Should -BeLike 'read:CloudRebue.SecretManagementMissing,*:NotInstalled:*Install-Module Microsoft.PowerShell.SecretManagement*'
        $lines | Should -Contain 'save:CloudRebue.SecretManagementMissing,CloudRebue.PowerShell.Cmdlets.ConnectCloudRebueCommand'
    }
}

Describe 'Secret hygiene with a canary token' {
    BeforeAll {
        $script:savedModulePath = $env:PSModulePath
        $env:PSModulePath = (Join-Path $PSScriptRoot 'fixtures') + [IO.Path]::PathSeparator + $env:PSModulePath
        Set-Secret -Name HygieneSecret -Secret $canary -Vault Ops

        # Everything but the last four characters (which the hint may show): a leak of the whole token, or
        # of all but its tail, contains this.
        $script:needle = $canary.Substring(0, $canary.Length - 4)
        $script:transcriptPath = Join-Path $TestDrive 'transcript.txt'
        $script:seen = [System.Collections.Generic.List[object]]::new()
        $script:caught = [System.Collections.Generic.List[System.Management.Automation.ErrorRecord]]::new()
        $Error.Clear()

        $cases = @(
            { Connect-CloudRebue -Token $token -BaseUri $ok -DefaultSender ACME -Verbose -Debug }
            { Get-RebueBalance -Verbose -Debug }
            { Connect-CloudRebue -Credential ([pscredential]::new('user', $token)) -BaseUri $api.BaseUri('unauthorized') -Verbose -Debug }
            { Connect-CloudRebue -Token $token -BaseUri $api.BaseUri('error') -Verbose -Debug }
            { Connect-CloudRebue -Token $token -BaseUri $api.BaseUri('slow') -TimeoutSec 1 -Verbose -Debug }
            { Connect-CloudRebue -Token $token -BaseUri (Get-UnreachableBaseUri) -Verbose -Debug }
            { Connect-CloudRebue -SecretName HygieneSecret -Vault Ops -BaseUri $api.BaseUri('error') -Verbose -Debug }
            { Connect-CloudRebue -Token $token -SaveSecret -SecretName HygieneCopy -Vault Ops -BaseUri $ok -Verbose -Debug }
            { $env:CLOUDREBUE_TOKEN = $canary; try { Connect-CloudRebue -BaseUri $api.BaseUri('unauthorized') -Verbose -Debug } finally { $env:CLOUDREBUE_TOKEN = $null } }
            { Get-RebueBalance -Connection (Connect-CloudRebue -Token $token -BaseUri $api.BaseUri('error') -SkipValidation) -Verbose -Debug }
        )
        Write-Host '---- Secret hygiene run: the errors below are expected ----'
        $null = Start-Transcript -Path $transcriptPath
        try {
            foreach ($case in $cases) {
                try {
                    # Every stream into the output so it can be inspected, then to the host so the transcript has it too.
                    $records = & $case *>&1
                    foreach ($record in $records) { $seen.Add($record) }
                    $records | Out-Host
                }
                catch {
                    $caught.Add($_)
                    $_ | Out-Host
                }
            }
        }
        finally {
            $null = Stop-Transcript
        }
        $script:connection = Connect-CloudRebue -Token $token -BaseUri $ok
    }
    AfterAll {
        Disconnect-CloudRebue
        Remove-Module Microsoft.PowerShell.SecretManagement -ErrorAction SilentlyContinue
        $env:PSModulePath = $savedModulePath
    }

    It 'ran the success and every failure case' {
        @($seen | Where-Object { $_.GetType().FullName -eq 'CloudRebue.Core.Api.CloudRebueConnection' }).Count | Should -BeGreaterOrEqual 2
        @($seen | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Count | Should -BeGreaterThan 0
        $ids = $caught | ForEach-Object { $_.FullyQualifiedErrorId.Split(',')[0] } | Sort-Object -Unique
        $ids | Should -Be @('CloudRebue.ApiError', 'CloudRebue.Timeout', 'CloudRebue.TokenRejected', 'CloudRebue.Unreachable')
    }

    It 'keeps the token out of the transcript' {
        $transcript = Get-Content $transcriptPath -Raw
        $transcript | Should -Match 'CloudRebue.TokenRejected|rejected the token' # the transcript did record the run
        $transcript.Contains($needle) | Should -BeFalse
    }

    It 'keeps the token out of every output, verbose and debug record' {
        foreach ($record in $seen) {
            ($record | Format-List * -Force | Out-String -Width 500).Contains($needle) | Should -BeFalse
            "$record".Contains($needle) | Should -BeFalse
        }
    }

    It 'keeps the token out of every error record and $Error' {
        $all = @($caught) + @($Error | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $all.Count | Should -BeGreaterOrEqual 4
        foreach ($err in $all) {
            $texts = @(
                $err.ToString()
                $err.Exception.ToString()
                "$($err.ErrorDetails)"
                ($err.TargetObject | Out-String)
                ($err.InvocationInfo | Format-List * -Force | Out-String -Width 500)
                ($err | Format-List * -Force | Out-String -Width 500)
                ($err.Exception | Format-List * -Force | Out-String -Width 500)
            )
            foreach ($text in $texts) { $text.Contains($needle) | Should -BeFalse }
        }
        foreach ($entry in $Error) { ($entry | Out-String -Width 500).Contains($needle) | Should -BeFalse }
    }

    It 'keeps the token out of the connection object' {
        $connection.TokenHint | Should -Be $hint
        $connection.ToString().Contains($needle) | Should -BeFalse
        ($connection | Format-List * -Force | Out-String -Width 500).Contains($needle) | Should -BeFalse
        $json = $connection | ConvertTo-Json -Depth 3
        $json.Contains($needle) | Should -BeFalse
        $json | Should -Not -Match '"Client"'
        ($connection | Get-Member -Force).Name | Should -Not -Contain 'Client'
    }
}

Describe 'Against the simulator' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'SimulatorHelpers.psm1') -Force
        $script:sim = Start-RebueSimulator -ArgumentList '--balance', '4321'
        $script:simToken = ConvertTo-SecureString -String $sim.Token -AsPlainText -Force
    }
    AfterAll {
        Disconnect-CloudRebue
        if ($sim) { Stop-RebueSimulator $sim }
    }

    It 'connects, and Get-RebueBalance reads account_units' {
        $conn = Connect-CloudRebue -Token $simToken -BaseUri $sim.BaseUri
        $conn.AccountUnits | Should -Be 4321
        $balance = Get-RebueBalance
        $balance.AccountUnits | Should -Be 4321
        $balance.Date.Offset | Should -Be ([TimeSpan]::FromHours(3))
    }

    It 'reads balance_kes and balance_minor when the simulator answers in the sister brand''s shape' {
        $null = Set-RebueSimulatorConfig $sim -Config @{ balanceFormat = 'kes' }
        try {
            $balance = Get-RebueBalance -Connection (Connect-CloudRebue -Token $simToken -BaseUri $sim.BaseUri)
            $balance.BalanceKes | Should -Be 4321
            $balance.BalanceMinor | Should -Be 432100
            $balance.AccountUnits | Should -BeNullOrEmpty
        }
        finally {
            $null = Set-RebueSimulatorConfig $sim -Config @{ balanceFormat = 'units' }
        }
    }

    It 'reports a token the simulator does not know as TokenRejected' {
        $err = Get-TerminatingError { Connect-CloudRebue -Token $token -BaseUri $sim.BaseUri }
        $err.FullyQualifiedErrorId | Should -BeLike 'CloudRebue.TokenRejected,*'
        $err.Exception.Message | Should -BeLike '*Unauthenticated.*'
    }
}
