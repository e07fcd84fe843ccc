# Shared by the Pester suite: where the built module is, and how to start a fresh pwsh.

# Shared with the build: New-IsolatedUserProfile and Use-Environment.
. (Join-Path $PSScriptRoot '../../build/IsolatedUserProfile.ps1')

function Get-TestModuleDir {
    if (-not $env:CLOUDREBUE_TEST_MODULE_DIR) { throw 'Run the suite through build.ps1 -Task Test: CLOUDREBUE_TEST_MODULE_DIR is not set.' }
    $env:CLOUDREBUE_TEST_MODULE_DIR
}

function Get-TestModuleManifest { Join-Path (Get-TestModuleDir) 'CloudRebue.psd1' }

# The repository's build/ folder, for tests of the build tools themselves (the help converter).
function Get-BuildToolsDir { (Resolve-Path (Join-Path $PSScriptRoot '../../build')).Path }

# Shared with the build: Get-PwshInvocation.
. (Join-Path $PSScriptRoot '../../build/PwshInvocation.ps1')

# Runs a script in a fresh 'pwsh -NoProfile' and returns its output lines; throws on a non-zero exit.
# -Environment sets variables for the child only (they are restored here afterwards); pass the result
# of New-IsolatedUserProfile to run the child as a brand-new user.
function Invoke-FreshPwsh {
    param([Parameter(Mandatory)] [string] $Script, [System.Collections.IDictionary] $Environment = @{})
    $pwsh = Get-PwshInvocation
    $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($Script))
    Use-Environment $Environment {
        $output = & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -EncodedCommand $encoded 2>&1
        if ($LASTEXITCODE -ne 0) { throw "Child pwsh exited with $LASTEXITCODE`n$($output -join "`n")" }
        $output
    }
}

Export-ModuleMember -Function Get-TestModuleDir, Get-TestModuleManifest, Get-BuildToolsDir, Get-PwshInvocation, Invoke-FreshPwsh, New-IsolatedUserProfile
