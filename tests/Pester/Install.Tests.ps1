# Installing the module as a user would: the built folder is published with Publish-PSResource into a
# local folder repository, then installed by a brand-new user (a fresh pwsh with a throwaway HOME and
# XDG folders, so nothing from the real profile leaks in) once with Install-PSResource and once with
# PowerShellGet 2's Install-Module, and imported by name.
#
# Works offline: PSGallery is never contacted. Install-Module needs no nuget.exe and no provider
# bootstrap on PowerShell 7, whose PackageManagement 1.4.8.1 carries the NuGet provider (3.0.0.1)
# inside it; nuget.exe would only be needed by Publish-Module, which we do not use.
#
# Skipped on Windows: there the user's module folder is Documents\PowerShell\Modules, which no
# environment variable can move, so an install would land in the real profile.

BeforeDiscovery {
    $skip = [bool] $IsWindows
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:manifest = Import-PowerShellDataFile (Get-TestModuleManifest)
    $script:expectedCmdlets = @($manifest.CmdletsToExport | Sort-Object)
    $script:repositoryDir = Join-Path $TestDrive 'repository'

    $publisher = New-IsolatedUserProfile -Path (Join-Path $TestDrive 'publisher')
    $publish = Join-Path (Get-BuildToolsDir) 'Publish-ModuleToFolder.ps1'
    $null = Invoke-FreshPwsh -Environment $publisher -Script "& '$publish' -ModuleDir '$(Get-TestModuleDir)' -RepositoryDir '$repositoryDir'"

    # What a fresh user sees after installing: where the module came from, its commands, and its help.
    # The child prints one 'RESULT:' line of JSON; anything else it prints is progress noise.
    $script:reportScript = @'
Import-Module CloudRebue -ErrorAction Stop
$module = Get-Module CloudRebue
$report = [ordered]@{
    ModuleBase   = $module.ModuleBase
    Commands     = @(Get-Command -Module CloudRebue | ForEach-Object Name | Sort-Object)
    HelpExamples = Get-Help Measure-RebueSms -Examples | Out-String -Width 300
    AboutTopic   = Get-Help about_CloudRebue | Out-String -Width 300
    Installer    = $installer
}
'RESULT:' + ($report | ConvertTo-Json -Compress)
'@

    function Read-Report([string[]] $Output) {
        $line = @($Output | Where-Object { "$_" -like 'RESULT:*' })
        if ($line.Count -ne 1) { throw "The child printed no result:`n$($Output -join "`n")" }
        $line[0].ToString().Substring('RESULT:'.Length) | ConvertFrom-Json
    }
}

Describe 'Publishing and installing the module' -Skip:$skip {
    It 'publishes one .nupkg that carries the module, its dependencies folder and its en-US help' {
        $packages = @(Get-ChildItem $repositoryDir -Filter '*.nupkg')
        $packages.Name | Should -Be "CloudRebue.$($manifest.ModuleVersion).nupkg"
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [IO.Compression.ZipFile]::OpenRead($packages[0].FullName)
        try { $entries = @($zip.Entries.FullName) } finally { $zip.Dispose() }
        foreach ($file in 'CloudRebue.psd1', 'CloudRebue.PowerShell.dll', 'CloudRebue.Isolation.dll', 'dependencies/CloudRebue.Core.dll', 'dependencies/Polly.Core.dll', 'en-US/CloudRebue.PowerShell.dll-Help.xml', 'en-US/about_CloudRebue.help.txt') {
            $entries | Should -Contain $file
        }
    }

    Context 'with <Installer>' -ForEach @(
        @{
            Installer         = 'Install-PSResource'
            ExpectedInstaller = 'PSResourceGet 1.*'
            InstallScript     = @'
$ErrorActionPreference = 'Stop'
$installer = "PSResourceGet $((Get-Module Microsoft.PowerShell.PSResourceGet -ListAvailable | Select-Object -First 1).Version)"
Register-PSResourceRepository -Name LocalTest -Uri '{0}' -Trusted
Install-PSResource -Name CloudRebue -Repository LocalTest -Version '{1}'
'@
        }
        @{
            Installer         = 'Install-Module'
            ExpectedInstaller = 'PowerShellGet 2.*'
            InstallScript     = @'
$ErrorActionPreference = 'Stop'
Import-Module PowerShellGet -MaximumVersion 2.99
$installer = "PowerShellGet $((Get-Module PowerShellGet).Version)"
Register-PSRepository -Name LocalTest -SourceLocation '{0}' -PublishLocation '{0}' -InstallationPolicy Trusted
Install-Module -Name CloudRebue -Repository LocalTest -RequiredVersion '{1}' -Scope CurrentUser
'@
        }
    ) {
        BeforeAll {
            $userHome = Join-Path $TestDrive "user-$Installer"
            $user = New-IsolatedUserProfile -Path $userHome
            $install = $InstallScript -f $repositoryDir, $manifest.ModuleVersion
            $report = Read-Report (Invoke-FreshPwsh -Environment $user -Script ($install + "`n" + $reportScript))
        }

        It 'uses the installer under test' {
            $report.Installer | Should -BeLike $ExpectedInstaller
        }

        It 'installs into the new user''s own module folder, and Import-Module finds it by name' {
            $report.ModuleBase | Should -BeLike "$userHome*"
            Split-Path -Leaf $report.ModuleBase | Should -Be $manifest.ModuleVersion
        }

        It 'exports exactly the manifest''s cmdlets' {
            @($report.Commands) | Should -Be $expectedCmdlets
        }

        It 'shows the installed en-US help, examples included' {
            $report.HelpExamples | Should -Match 'Example 3: Find the characters that force UCS-2'
            $report.HelpExamples | Should -Match ([regex]::Escape('Import-Csv .\customers.csv | Measure-RebueSms'))
            $report.AboutTopic | Should -Match 'SHORT DESCRIPTION'
        }
    }

    It 'leaves the real user''s repository lists alone' {
        # Read the files rather than ask the cmdlets, which would create them in a profile that has none.
        $lists = @(
            Join-Path ([Environment]::GetFolderPath('LocalApplicationData')) 'PSResourceGet/PSResourceRepository.xml'
            Join-Path ([Environment]::GetFolderPath('LocalApplicationData')) 'Microsoft/Windows/PowerShell/PowerShellGet/PSRepositories.xml'
            Join-Path ($env:XDG_CACHE_HOME ? $env:XDG_CACHE_HOME : (Join-Path $HOME '.cache')) 'powershell/PowerShellGet/PSRepositories.xml'
        )
        foreach ($list in $lists | Where-Object { Test-Path -LiteralPath $_ }) {
            Get-Content -Raw -LiteralPath $list | Should -Not -Match 'LocalTest|CloudRebueLocal' -Because "$list belongs to the real user"
        }
    }
}
