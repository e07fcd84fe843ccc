# Shared by the Pester suite: where the built module is, and how to start a fresh pwsh.

function Get-TestModuleDir {
    if (-not $env:CLOUDREBUE_TEST_MODULE_DIR) { throw 'Run the suite through build.ps1 -Task Test: CLOUDREBUE_TEST_MODULE_DIR is not set.' }
    $env:CLOUDREBUE_TEST_MODULE_DIR
}

function Get-TestModuleManifest { Join-Path (Get-TestModuleDir) 'CloudRebue.psd1' }

# The command line of the pwsh running the tests, to start fresh child processes with.
function Get-PwshInvocation {
    $dll = Join-Path $PSHOME 'pwsh.dll'
    if (Test-Path $dll) { return @('dotnet', $dll) }
    return @((Get-Process -Id $PID).Path)
}

# Runs a script in a fresh 'pwsh -NoProfile' and returns its output lines; throws on a non-zero exit.
function Invoke-FreshPwsh {
    param([Parameter(Mandatory)] [string] $Script, [hashtable] $Environment = @{})
    $pwsh = Get-PwshInvocation
    $saved = @{}
    foreach ($key in $Environment.Keys) { $saved[$key] = [Environment]::GetEnvironmentVariable($key); [Environment]::SetEnvironmentVariable($key, $Environment[$key]) }
    try {
        $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($Script))
        $output = & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -EncodedCommand $encoded 2>&1
        if ($LASTEXITCODE -ne 0) { throw "Child pwsh exited with $LASTEXITCODE`n$($output -join "`n")" }
        $output
    }
    finally {
        foreach ($key in $saved.Keys) { [Environment]::SetEnvironmentVariable($key, $saved[$key]) }
    }
}

Export-ModuleMember -Function Get-TestModuleDir, Get-TestModuleManifest, Get-PwshInvocation, Invoke-FreshPwsh
