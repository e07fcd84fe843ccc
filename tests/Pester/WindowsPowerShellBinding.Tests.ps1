# Windows PowerShell 5.1 cannot run here, so this proves what can be proved about it from the built
# module folder: every reference of every DLL it loads binds on .NET Framework 4.7.2, to the framework
# (its reference assemblies and facades, restored by tests/NetFrameworkReferences), to the host
# (System.Management.Automation), or to a DLL we ship of at least the version asked: directly when the
# versions match, through our AssemblyResolve handler (src/CloudRebue.PowerShell/Loading) when we ship a
# newer one. It also shows the manifest states the .NET Framework floor.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $moduleDir = Get-TestModuleDir
    # What Windows PowerShell loads: the cmdlet assembly and the dependencies folder. CloudRebue.Isolation
    # is PowerShell 7's alone (checked below).
    $script:desktopFiles = @(Join-Path $moduleDir 'CloudRebue.PowerShell.dll') +
        @(Get-ChildItem (Join-Path $moduleDir 'dependencies') -Filter '*.dll' | ForEach-Object FullName) |
        ForEach-Object { @{ File = $_; Name = Split-Path $_ -Leaf } }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'AssemblyReferences.psm1') -Force
    $script:moduleDir = Get-TestModuleDir

    $nugetRoot = ((& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
    $framework = Join-Path $nugetRoot 'microsoft.netframework.referenceassemblies.net472/1.0.3/build/.NETFramework/v4.7.2'
    if (-not (Test-Path $framework)) { throw "The .NET Framework 4.7.2 reference assemblies are not restored at ${framework}: run 'dotnet restore'." }
    $script:frameworkByName = @{}
    foreach ($file in Get-ChildItem $framework, (Join-Path $framework 'Facades') -Filter '*.dll') {
        # A few files there are native images without metadata: not assemblies, nothing to bind to.
        try { $identity = Get-AssemblyIdentity $file.FullName } catch [System.Management.Automation.MethodInvocationException] { continue }
        $frameworkByName[$identity.Name] = $identity
    }
    $script:shippedByName = @{}
    foreach ($file in Get-ChildItem (Join-Path $moduleDir 'dependencies') -Filter '*.dll') {
        $identity = Get-AssemblyIdentity $file.FullName
        $shippedByName[$identity.Name] = $identity
    }

    # How a reference binds on .NET Framework 4.7.2, or $null when it would not.
    function Get-Binding($Reference) {
        $shipped = $shippedByName[$Reference.Name]
        if ($shipped -and $shipped.Token -eq $Reference.Token -and $shipped.Version -ge $Reference.Version) {
            if ($shipped.Version -eq $Reference.Version) { return 'shipped' }
            return 'shipped, newer, through our resolver'
        }
        $inFramework = $frameworkByName[$Reference.Name]
        if ($inFramework -and $inFramework.Version -ge $Reference.Version) { return 'framework' }
        if ($Reference.Name -eq 'System.Management.Automation' -and $Reference.Version -le [version] '3.0.0.0') { return 'host' }
        return $null
    }
}

Describe 'On Windows PowerShell 5.1 (.NET Framework 4.7.2)' {
    It 'binds every reference of <Name>' -ForEach $desktopFiles {
        $unbound = foreach ($reference in Get-AssemblyReference $File) {
            if (-not (Get-Binding $reference)) { "$($reference.Name) $($reference.Version) ($($reference.Token))" }
        }
        $unbound | Should -BeNullOrEmpty
    }

    It 'has <Name> built for netstandard or .NET Framework' -ForEach $desktopFiles {
        $target = Get-TargetFramework $File
        if ($target) { $target | Should -Match '^\.NET(Standard|Framework),' }
        else {
            # Old polyfill packages carry no TargetFrameworkAttribute; their core library says what they were built against.
            (Get-AssemblyReference $File).Name | Where-Object { $_ -in 'netstandard', 'mscorlib' } | Should -Not -BeNullOrEmpty
        }
    }

    It 'needs our resolver only for references we answer with a newer shipped copy, and lists them' {
        $viaResolver = foreach ($file in $desktopFiles) {
            foreach ($reference in Get-AssemblyReference $file.File) {
                if ((Get-Binding $reference) -like '*resolver*') { "$($file.Name) -> $($reference.Name) $($reference.Version)" }
            }
        }
        Write-Host "References bound through the resolver:`n  $($viaResolver -join "`n  ")"
        # System.Text.Json's polyfills ask for older versions than the newest we ship; without them this test would prove nothing.
        @($viaResolver).Count | Should -BeGreaterThan 0
    }

    It 'keeps CloudRebue.Isolation to PowerShell 7: built for .NET, referenced by nothing Windows PowerShell loads' {
        Get-TargetFramework (Join-Path $moduleDir 'CloudRebue.Isolation.dll') | Should -Match '^\.NETCoreApp,'
        foreach ($file in $desktopFiles) {
            (Get-AssemblyReference $file.File).Name | Should -Not -Contain 'CloudRebue.Isolation'
        }
    }

    It 'states the .NET Framework floor in the manifest' {
        (Import-PowerShellDataFile (Get-TestModuleManifest)).DotNetFrameworkVersion | Should -Be '4.7.2'
    }
}
