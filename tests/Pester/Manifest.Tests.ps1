BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:manifestPath = Get-TestModuleManifest
    $script:manifest = Test-ModuleManifest -Path $manifestPath -ErrorAction Stop
}

Describe 'The module manifest' {
    It 'is clean under Test-ModuleManifest' {
        { Test-ModuleManifest -Path $manifestPath -ErrorAction Stop } | Should -Not -Throw
    }

    It 'targets Windows PowerShell 5.1 and PowerShell 7 (Desktop and Core)' {
        $manifest.PowerShellVersion | Should -Be '5.1'
        $manifest.CompatiblePSEditions | Sort-Object | Should -Be @('Core', 'Desktop')
    }

    It 'exports an explicit list of cmdlets and nothing else' {
        $data = Import-PowerShellDataFile $manifestPath
        $data.CmdletsToExport | Should -Not -Contain '*'
        $data.CmdletsToExport.Count | Should -BeGreaterThan 0
        $data.FunctionsToExport | Should -BeNullOrEmpty
        $data.VariablesToExport | Should -BeNullOrEmpty
        $data.AliasesToExport | Should -BeNullOrEmpty
    }

    It 'carries gallery metadata' {
        $psData = (Import-PowerShellDataFile $manifestPath).PrivateData.PSData
        foreach ($tag in 'SMS', 'CloudRebue', 'Kenya', 'Notification', 'Alerting') { $psData.Tags | Should -Contain $tag }
        $psData.ProjectUri | Should -Not -BeNullOrEmpty
        $psData.LicenseUri | Should -Not -BeNullOrEmpty
        $psData.ReleaseNotes | Should -Not -BeNullOrEmpty
    }

    It 'has the version of the built assembly' {
        $dll = Join-Path (Get-TestModuleDir) 'CloudRebue.PowerShell.dll'
        [Reflection.AssemblyName]::GetAssemblyName($dll).Version.ToString(3) | Should -Be $manifest.Version.ToString(3)
    }

    It 'ships the format file and the help folder' {
        Join-Path (Get-TestModuleDir) 'CloudRebue.Format.ps1xml' | Should -Exist
        Join-Path (Get-TestModuleDir) 'en-US' | Should -Exist
    }
}

Describe 'Importing the built module in a fresh process' {
    It 'exports exactly the manifest''s cmdlets' {
        $script = "Import-Module '$manifestPath' -ErrorAction Stop; (Get-Command -Module CloudRebue).Name | Sort-Object"
        $names = Invoke-FreshPwsh -Script $script
        $expected = (Import-PowerShellDataFile $manifestPath).CmdletsToExport | Sort-Object
        $names | Should -Be $expected
    }
}
