# The stub CloudRebue API for the session tests: the same C# source the xunit tests compile in
# (tests/Shared/StubApiServer.cs), so both suites mean the same thing by "a 401" or "a slow answer".

function Start-StubApi {
    param([Parameter(Mandatory)] [string] $Token)
    if (-not ('CloudRebue.Testing.StubApiServer' -as [type])) {
        Add-Type -Path (Join-Path $PSScriptRoot '../Shared/StubApiServer.cs')
    }
    [CloudRebue.Testing.StubApiServer]::new($Token)
}

# A loopback address where nothing listens.
function Get-UnreachableBaseUri { [CloudRebue.Testing.StubApiServer]::UnreachableBaseUri() }

# A distinctive random token: if it shows up anywhere, it leaked.
function New-CanaryToken { 'canary' + [guid]::NewGuid().ToString('N') + 'x9Q7' }

Export-ModuleMember -Function Start-StubApi, Get-UnreachableBaseUri, New-CanaryToken
