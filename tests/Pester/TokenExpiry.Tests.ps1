# Connect-CloudRebue reads a JWT token's expiry (no signature check) against the simulator, which takes
# any text as its bearer token: the connection shows the expiry, a warning comes when it is past or
# within 30 days, and neither the warning nor the connection ever shows the token.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'SimulatorHelpers.psm1') -Force
    Import-Module (Get-TestModuleManifest) -Force

    function ConvertTo-Base64Url([string] $Json) {
        [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($Json)).TrimEnd('=').Replace('+', '-').Replace('/', '_')
    }

    function New-Jwt([DateTimeOffset] $ExpiresAt) {
        $payload = '{"iss":"bulk.cloudrebue.co.ke","aud":"bulk.cloudrebue.co.ke","exp":' + $ExpiresAt.ToUnixTimeSeconds() + '}'
        (ConvertTo-Base64Url '{"alg":"HS256","typ":"JWT"}') + '.' + (ConvertTo-Base64Url $payload) + '.' + (ConvertTo-Base64Url ([guid]::NewGuid().ToString()))
    }

    # One simulator per token: it accepts only the token it was started with.
    function Connect-WithToken([string] $Token) {
        $script:sim = Start-RebueSimulator -Token $Token
        Connect-CloudRebue -Token (ConvertTo-SecureString $Token -AsPlainText -Force) -BaseUri $sim.BaseUri -WarningVariable script:warnings -WarningAction SilentlyContinue
    }
}

Describe 'Connect-CloudRebue and the token''s expiry' {
    AfterEach {
        Disconnect-CloudRebue
        if ($script:sim) { Stop-RebueSimulator $script:sim; $script:sim = $null }
    }

    It 'shows a distant expiry without a warning' {
        $expires = [DateTimeOffset]::FromUnixTimeSeconds([DateTimeOffset]::UtcNow.AddYears(20).ToUnixTimeSeconds())
        $conn = Connect-WithToken (New-Jwt $expires)
        $conn.TokenExpiresAt | Should -Be $expires
        $warnings | Should -BeNullOrEmpty
        ($conn | Out-String) | Should -Match 'TokenExpiresAt\s+:'
    }

    It 'warns about a token that expires within 30 days, showing only its hint' {
        $token = New-Jwt ([DateTimeOffset]::UtcNow.AddDays(10).AddHours(1))
        $conn = Connect-WithToken $token
        $warnings.Count | Should -Be 1
        "$($warnings[0])" | Should -Match 'expires on .* UTC, in 10 days'
        "$($warnings[0])" | Should -Match ([regex]::Escape($conn.TokenHint))
        foreach ($part in $token.Split('.')) { "$($warnings[0])" | Should -Not -Match ([regex]::Escape($part)) }
        ($conn | Format-List * | Out-String) | Should -Not -Match ([regex]::Escape($token.Split('.')[1]))
    }

    It 'warns about an expired token before the API is asked (here it still accepts it)' {
        $conn = Connect-WithToken (New-Jwt ([DateTimeOffset]::UtcNow.AddDays(-3)))
        "$($warnings[0])" | Should -Match 'expired on .*: the API will refuse it \(401\)'
        $conn.TokenExpiresAt | Should -BeLessThan ([DateTimeOffset]::UtcNow)
    }

    It 'has no expiry for a token that is not a JWT' {
        $conn = Connect-WithToken ('plain' + [guid]::NewGuid().ToString('N'))
        $conn.TokenExpiresAt | Should -BeNullOrEmpty
        $warnings | Should -BeNullOrEmpty
    }
}
