# Connect-CloudRebue against the real Microsoft.PowerShell.SecretManagement and SecretStore modules (from
# ../shared/tools/secretmanagement beside the repository, as CI lays it out), each run in a fresh pwsh
# as a brand-new user: the vault registry and the store live in the user's profile. Skipped where that
# folder is not there, so README's test command still runs anywhere.

BeforeDiscovery {
    $script:vaultModules = Join-Path $PSScriptRoot '../../../shared/tools/secretmanagement'
    $script:skip = [bool] $IsWindows -or -not (Test-Path (Join-Path $vaultModules 'Microsoft.PowerShell.SecretStore'))
}

Describe 'Connect-CloudRebue with the real SecretManagement and SecretStore' -Skip:$skip {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        $modules = (Resolve-Path (Join-Path $PSScriptRoot '../../../shared/tools/secretmanagement')).Path
        $manifest = Get-TestModuleManifest
        $token = 'vault-canary-' + [guid]::NewGuid().ToString('N')

        # Registers the store as the default vault: -Authentication None for unattended use, or Password
        # (then a new process finds it locked).
        function New-VaultScript([string] $Authentication) {
            @"
`$ErrorActionPreference = 'Stop'
Import-Module '$modules/Microsoft.PowerShell.SecretManagement'
Import-Module '$modules/Microsoft.PowerShell.SecretStore'
Register-SecretVault -Name Store -ModuleName '$modules/Microsoft.PowerShell.SecretStore' -DefaultVault
`$pw = ConvertTo-SecureString 'bootstrap-only' -AsPlainText -Force
Set-SecretStoreConfiguration -Scope CurrentUser -Authentication $Authentication -Interaction None -Password `$pw -Confirm:`$false
if ('$Authentication' -eq 'Password') { Unlock-SecretStore -Password `$pw }
# SecretStore reloads its configuration from disk when the file changes, and on a loaded machine a
# Set-Secret just after Set-SecretStoreConfiguration has been seen to find the store still asking for a
# password (CI, once, under the 7.4 leg). That is the vault module's timing, not what these tests check:
# set the secrets again, unlocking with the bootstrap password, until the store takes them (bounded).
for (`$attempt = 1; ; `$attempt++) {
    try {
        Set-Secret -Name Secure -Secret (ConvertTo-SecureString '$token' -AsPlainText -Force)
        Set-Secret -Name Plain -Secret '$token'
        Set-Secret -Name Credential -Secret ([pscredential]::new('ignored', (ConvertTo-SecureString '$token' -AsPlainText -Force)))
        Set-Secret -Name Bytes -Secret ([byte[]] (1, 2, 3))
        break
    }
    catch {
        if (`$attempt -ge 20) { throw }
        Unlock-SecretStore -Password `$pw -ErrorAction SilentlyContinue
        Start-Sleep -Milliseconds 250
    }
}
"@
        }

        # Each case prints one 'RESULT:' line: the connection's hint, or the error's id and message.
        $probe = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$modules/Microsoft.PowerShell.SecretManagement'
Import-Module '$manifest'
function Try-Connect([scriptblock] `$connect) {
    try { `$c = & `$connect; [ordered]@{ Hint = `$c.TokenHint } }
    catch { [ordered]@{ Id = `$_.FullyQualifiedErrorId; Category = [string] `$_.CategoryInfo.Category; Message = `$_.Exception.Message; Text = (`$_ | Out-String) } }
}
`$results = [ordered]@{
    Secure     = Try-Connect { Connect-CloudRebue -SecretName Secure -SkipValidation }
    Plain      = Try-Connect { Connect-CloudRebue -SecretName Plain -Vault Store -SkipValidation }
    Credential = Try-Connect { Connect-CloudRebue -SecretName Credential -SkipValidation }
    Missing    = Try-Connect { Connect-CloudRebue -SecretName Nope -Vault Store -SkipValidation }
    Bytes      = Try-Connect { Connect-CloudRebue -SecretName Bytes -SkipValidation }
    Saved      = Try-Connect { `$null = Connect-CloudRebue -Token (ConvertTo-SecureString '$token' -AsPlainText -Force) -SaveSecret -SecretName Saved -SkipValidation; Connect-CloudRebue -SecretName Saved -SkipValidation }
}
'RESULT:' + (`$results | ConvertTo-Json -Compress)
"@

        function Invoke-AsNewUser([string] $Name, [string[]] $Scripts) {
            $userProfile = New-IsolatedUserProfile -Path (Join-Path $TestDrive $Name)
            $output = foreach ($s in $Scripts) { Invoke-FreshPwsh -Environment $userProfile -Script $s }
            $line = @($output | Where-Object { "$_" -like 'RESULT:*' })[-1]
            ("$line".Substring(7) | ConvertFrom-Json)
        }

        $script:unlocked = Invoke-AsNewUser 'unlocked' @((New-VaultScript 'None'), $probe)
        $script:locked = Invoke-AsNewUser 'locked' @((New-VaultScript 'Password'), $probe)
        $script:hint = '****' + $token.Substring($token.Length - 4)
    }

    It 'reads a <Case> secret' -TestCases @(
        @{ Case = 'SecureString'; Key = 'Secure' }
        @{ Case = 'string'; Key = 'Plain' }
        @{ Case = 'PSCredential'; Key = 'Credential' }
        @{ Case = 'saved by -SaveSecret'; Key = 'Saved' }
    ) {
        $unlocked.$Key.Hint | Should -Be $hint
    }

    It 'reports a missing secret as SecretNotFound, in the vault''s words and not PowerShell''s stop wrapper' {
        $unlocked.Missing.Id | Should -BeLike 'CloudRebue.SecretNotFound,*'
        $unlocked.Missing.Message | Should -Match "'Nope' was not found in vault 'Store'"
        $unlocked.Missing.Message | Should -Not -Match 'preference variable'
    }

    It 'names a byte[] secret a byte array' {
        $unlocked.Bytes.Id | Should -BeLike 'CloudRebue.SecretUnsupported,*'
        $unlocked.Bytes.Message | Should -Match 'is a byte array'
    }

    It 'tells a locked store apart from a missing secret, and says how to unlock it' {
        $locked.Secure.Id | Should -BeLike 'CloudRebue.SecretVaultLocked,*'
        $locked.Secure.Category | Should -Be 'PermissionDenied'
        $locked.Secure.Message | Should -Match 'Unlock-SecretStore'
        $locked.Saved.Id | Should -BeLike 'CloudRebue.SecretVaultLocked,*'
    }

    It 'never shows the token, whatever happened' {
        ($unlocked, $locked | ConvertTo-Json -Depth 5) | Should -Not -Match ([regex]::Escape($token.Substring(13)))
    }
}
