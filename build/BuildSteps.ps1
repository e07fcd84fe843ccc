# The steps build.ps1 calls. Each one fails loudly: a failing dotnet call throws.

. (Join-Path $PSScriptRoot 'IsolatedUserProfile.ps1')

function New-BuildContext([string] $Root, [string] $Configuration) {
    $version = (Import-PowerShellDataFile (Join-Path $Root 'CloudRebue.psd1')).ModuleVersion
    [pscustomobject]@{
        Root          = $Root
        Configuration = $Configuration
        Version       = $version
        OutDir        = Join-Path $Root 'out'
        ModuleDir     = Join-Path $Root "out/CloudRebue/$version"
    }
}

function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE." }
}

# The pwsh that runs this script, started as a child: tests and the demo need fresh processes.
. (Join-Path $PSScriptRoot 'PwshInvocation.ps1')
. (Join-Path $PSScriptRoot 'Pwsh74Leg.ps1')

function Invoke-Clean($Context) {
    Remove-Item -Recurse -Force -ErrorAction SilentlyContinue $Context.OutDir
    Get-ChildItem $Context.Root -Directory -Recurse -Include bin, obj |
        Where-Object { $_.FullName -notmatch '[\\/]\.git[\\/]' } |
        Remove-Item -Recurse -Force
}

function Invoke-Build($Context) {
    Push-Location $Context.Root
    try {
        Invoke-Dotnet build CloudRebue.PowerShell.sln -c $Context.Configuration --nologo -v q '-clp:ErrorsOnly'
        if (Test-Path $Context.ModuleDir) { Remove-Item -Recurse -Force $Context.ModuleDir }
        Invoke-Dotnet publish src/CloudRebue.PowerShell/CloudRebue.PowerShell.csproj -c $Context.Configuration --no-build --nologo -v q -o $Context.ModuleDir
        & (Join-Path $PSScriptRoot 'Set-ModuleLayout.ps1') -ModuleDir $Context.ModuleDir -Configuration $Context.Configuration
        # The host supplies System.Management.Automation; deps.json only confuses Windows PowerShell.
        Get-ChildItem $Context.ModuleDir -Filter '*.deps.json' | Remove-Item
        Copy-Item CloudRebue.psd1, LICENSE -Destination $Context.ModuleDir
        & (Join-Path $PSScriptRoot 'Build-Help.ps1') -DocsDir (Join-Path $Context.Root 'docs/en-US') -OutDir (Join-Path $Context.ModuleDir 'en-US')
        Write-Host "Module built: $($Context.ModuleDir)"
    }
    finally { Pop-Location }
}

# Every xunit project, then Pester in a child process against the built module folder.
# Returns the number of failures; prints the one closing line CI reads.
function Invoke-AllTests($Context) {
    $resultsDir = Join-Path $Context.OutDir 'test-results'
    Remove-Item -Recurse -Force -ErrorAction SilentlyContinue $resultsDir
    $null = New-Item -ItemType Directory -Force $resultsDir
    $passed = 0; $failed = 0; $broken = @()

    foreach ($project in Get-ChildItem (Join-Path $Context.Root 'tests') -Recurse -Filter '*.Tests.csproj') {
        $trx = "$($project.BaseName).trx"
        & dotnet test $project.FullName -c $Context.Configuration --no-build --nologo `
            --logger "trx;LogFileName=$trx" --logger 'console;verbosity=minimal' --results-directory $resultsDir | Out-Host
        if ($LASTEXITCODE -ne 0) { $broken += $project.BaseName }
        $counts = Read-TrxCounts (Join-Path $resultsDir $trx)
        $passed += $counts.Passed; $failed += $counts.Failed
    }

    $pester = Join-Path $resultsDir 'pester.json'
    $pwsh = Get-PwshInvocation
    & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -File (Join-Path $PSScriptRoot 'Invoke-PesterSuite.ps1') `
        -ModuleDir $Context.ModuleDir -Configuration $Context.Configuration -ResultPath $pester | Out-Host
    if ($LASTEXITCODE -ne 0) { $broken += 'Pester' }
    if (Test-Path $pester) {
        $counts = Get-Content $pester -Raw | ConvertFrom-Json
        $passed += $counts.Passed; $failed += $counts.Failed
    }
    elseif ($broken -notcontains 'Pester') { $broken += 'Pester' }

    # The same suite under PowerShell 7.4 (.NET 8), when ../shared/tools/pwsh74 is there.
    $leg74 = Invoke-Pwsh74Leg $Context $resultsDir
    if ($leg74) {
        $passed += $leg74.Passed; $failed += $leg74.Failed
        if ($leg74.Broken) { $broken += 'Pester 7.4' }
    }

    # A runner that crashed without counting its failures still counts as one failure.
    if ($broken.Count -gt 0 -and $failed -eq 0) { $failed = $broken.Count }
    if ($broken.Count -gt 0) { Write-Host "Failing steps: $($broken -join ', ')" }
    Write-Host "$passed passed, $failed failed"
    return $failed
}

function Read-TrxCounts([string] $Path) {
    if (-not (Test-Path $Path)) { return [pscustomobject]@{ Passed = 0; Failed = 0 } }
    [xml] $xml = Get-Content $Path -Raw
    $c = $xml.TestRun.ResultSummary.Counters
    [pscustomobject]@{
        Passed = [int] $c.passed
        Failed = [int] $c.failed + [int] $c.error + [int] $c.timeout + [int] $c.aborted
    }
}

# Publish-PSResource needs a registered repository, which lives in the user's profile: publish from a
# child pwsh with a throwaway profile so the build never edits the real one.
function Invoke-Package($Context) {
    $repoDir = Join-Path $Context.OutDir 'repository'
    $profileDir = Join-Path $Context.OutDir 'package-profile'
    Remove-Item -Recurse -Force -ErrorAction SilentlyContinue $repoDir, $profileDir
    Get-ChildItem $Context.OutDir -Filter '*.nupkg' | Remove-Item
    $environment = New-IsolatedUserProfile -Path $profileDir
    $publish = Join-Path $PSScriptRoot 'Publish-ModuleToFolder.ps1'
    $pwsh = Get-PwshInvocation
    Use-Environment $environment {
        & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -File $publish -ModuleDir $Context.ModuleDir -RepositoryDir $repoDir | Out-Host
    }
    if ($LASTEXITCODE -ne 0) { throw "Publishing the module failed with exit code $LASTEXITCODE." }
    Remove-Item -Recurse -Force $profileDir
    Copy-Item (Join-Path $repoDir '*.nupkg') $Context.OutDir
    Write-Host "Package: $(Get-ChildItem $Context.OutDir -Filter '*.nupkg' | Select-Object -ExpandProperty FullName)"
}
