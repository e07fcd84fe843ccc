# The PowerShell 7.4 leg of the Test task: the end-to-end suite again, under real PowerShell 7.4 on
# .NET 8 (the PowerShell 7 of Azure Automation and Azure Functions), laid out by
# ../shared/tools/pwsh74/setup.sh. Without that folder (a plain clone) the leg is skipped, so README's
# test command still runs; .ci/run lays 7.4 out first, so CI always runs it.

# The Pester files the 7.4 leg runs: everything that exercises the module in a session (connect, send
# 1 and 1,000 rows, balance, journal, listener with journal join, -WhatIf, help, the conflict cases).
# Left out, to keep CI short where 7.4 adds nothing: the help converter and the simulator (build and
# test tools, not the module); install (PSResourceGet is not in the 7.4 build we have, and installing
# copies the same folder on every edition); the 20,000-message fault and crash runs (engine logic,
# 72 s, the same on every runtime); the Windows PowerShell binding walk (reads files only).
$script:Pwsh74Excluded = 'HelpConverter.Tests.ps1', 'Simulator.Tests.ps1', 'Install.Tests.ps1',
    'FaultInjection.Tests.ps1', 'WindowsPowerShellBinding.Tests.ps1'

# Returns the launcher of PowerShell 7.4 under out/pwsh74, laying it out first when needed; $null when
# ../shared/tools/pwsh74 is not there.
function Initialize-Pwsh74($Context) {
    $dir = Join-Path $Context.OutDir 'pwsh74'
    $launcher = Join-Path $dir 'pwsh74'
    $setup = Join-Path $Context.Root '../shared/tools/pwsh74/setup.sh'
    if (-not (Test-Path $launcher)) {
        if (-not (Test-Path $setup)) { return $null }
        & bash $setup $dir | Out-Host
        if ($LASTEXITCODE -ne 0) { throw "Laying out PowerShell 7.4 failed with exit code $LASTEXITCODE." }
    }
    Complete-Pwsh74Layout (Join-Path $dir 'ps74fd')
    return $launcher
}

# The 7.4 build carries the engine but not two things every real PowerShell 7.4 ships and our tests use:
# the thread job module (Start-ThreadJob) and the reference assemblies Add-Type compiles against.
# Both come from what this build already has: the ThreadJob module of the PowerShell 7.6 tool running
# now (netstandard2.0), and the .NET 8 reference pack restored for src/CloudRebue.Isolation (net8.0).
function Complete-Pwsh74Layout([string] $PsHome74) {
    $threadJob = Join-Path $PsHome74 'Modules/Microsoft.PowerShell.ThreadJob'
    if (-not (Test-Path $threadJob)) {
        Copy-Item -Recurse (Join-Path $PSHOME 'Modules/Microsoft.PowerShell.ThreadJob') $threadJob
    }
    $ref = Join-Path $PsHome74 'ref'
    if (-not (Test-Path $ref)) {
        $nugetRoot = ((& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
        $pack = Get-ChildItem (Join-Path $nugetRoot 'microsoft.netcore.app.ref') -Directory -Filter '8.0.*' -ErrorAction SilentlyContinue |
            Sort-Object { [version] $_.Name } | Select-Object -Last 1
        if (-not $pack) { throw 'The .NET 8 reference pack is not restored: build src/CloudRebue.Isolation first.' }
        $null = New-Item -ItemType Directory $ref
        Copy-Item (Join-Path $pack.FullName 'ref/net8.0/*.dll') $ref
    }
}

# Runs the suite under 7.4. Returns Passed, Failed and Broken (the runner failed), or $null when skipped.
function Invoke-Pwsh74Leg($Context, [string] $ResultsDir) {
    $pwsh74 = Initialize-Pwsh74 $Context
    if (-not $pwsh74) {
        Write-Host 'PowerShell 7.4 leg skipped: ../shared/tools/pwsh74 is not there.'
        return $null
    }
    $result = Join-Path $ResultsDir 'pester-7.4.json'
    & $pwsh74 -NoProfile -NonInteractive -File (Join-Path $PSScriptRoot 'Invoke-PesterSuite.ps1') `
        -ModuleDir $Context.ModuleDir -Configuration $Context.Configuration -ResultPath $result -ExcludeFiles ($script:Pwsh74Excluded -join ',') | Out-Host
    $broken = $LASTEXITCODE -ne 0
    if (-not (Test-Path $result)) { return [pscustomobject]@{ Passed = 0; Failed = 0; Broken = $true } }
    $counts = Get-Content $result -Raw | ConvertFrom-Json
    [pscustomobject]@{ Passed = [int] $counts.Passed; Failed = [int] $counts.Failed; Broken = $broken }
}
