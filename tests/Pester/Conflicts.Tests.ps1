# CloudRebue beside other modules that ship other versions of its dependencies (tests/OtherModules):
# loaded before ours and after ours, each case in a fresh process (load contexts never unload). In each,
# CloudRebue connects, sends one message and receives its delivery receipt, and the other module still
# works from its own files. Runs under PowerShell 7.6 and, in the 7.4 leg, under 7.4.
BeforeDiscovery {
    $script:cases = foreach ($other in 'Polly8', 'Clock10') {
        foreach ($order in 'before', 'after') { @{ Other = $other; Order = $order } }
    }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'SimulatorHelpers.psm1') -Force
    $script:sim = Start-RebueSimulator -ArgumentList '--receipt-delay-ms', '0'
    $configuration = if ($env:CLOUDREBUE_TEST_CONFIGURATION) { $env:CLOUDREBUE_TEST_CONFIGURATION } else { 'Release' }

    # What each stand-in module proves it can still do, run in the child.
    $script:useOther = @{
        Polly8  = '$r = Invoke-Polly8; @{ Result = $r.PipelineResult; File = $r.PollyFile; Json = $r.Json; StreamSum = $r.StreamSum }'
        Clock10 = '$r = Get-Clock10; @{ Result = $r.ClockAgrees; File = $r.TimeProviderFile }'
    }

    function Invoke-ConflictCase([string] $Other, [string] $Order) {
        $otherDir = Join-Path $PSScriptRoot "../OtherModules/$Other/bin/$configuration/netstandard2.0"
        $otherDll = (Resolve-Path (Join-Path $otherDir "OtherModule.$Other.dll")).Path
        $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$((Join-Path $PSScriptRoot 'ListenerHelpers.psm1'))'
function Use-Other { Import-Module '$otherDll'; $($useOther[$Other]) }
`$report = @{}
if ('$Order' -eq 'before') { `$report.Other = Use-Other }

Import-Module '$(Get-TestModuleManifest)'
`$null = Connect-CloudRebue -DefaultSender ACME
`$listener = Start-ReceiptListenerJob -Manifest '$(Get-TestModuleManifest)' -Parameters @{ Count = 1; Timeout = 60 }
`$sent = Send-RebueSms -Phone 0712345678 -Message 'beside other modules' -Endpoint `$listener.Url
`$receipt = `$listener.Job | Wait-Job -Timeout 60 | Receive-Job
`$report.Status = [string] `$sent.Status
`$report.ReceiptMatches = `$null -ne `$receipt -and `$receipt.UniqueId -eq `$sent.UniqueId
`$report.EngineContext = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$sent.GetType().Assembly).Name

if ('$Order' -eq 'after') { `$report.Other = Use-Other }
# Where every copy of the contested assemblies came from, and into which context.
`$report.Loaded = @([AppDomain]::CurrentDomain.GetAssemblies() |
    Where-Object { `$_.GetName().Name -in 'CloudRebue.Core', 'Polly.Core', 'System.Text.Json', 'Microsoft.Bcl.TimeProvider', 'Microsoft.Bcl.AsyncInterfaces' } |
    ForEach-Object { @{ Name = `$_.GetName().Name; Version = `$_.GetName().Version.ToString(); File = `$_.Location; Context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$_).Name } })
`$report | ConvertTo-Json -Depth 4 -Compress
"@
        $environment = @{ CLOUDREBUE_TOKEN = $sim.Token; CLOUDREBUE_BASE_URI = $sim.BaseUri }
        $output = Invoke-FreshPwsh -Script $script -Environment $environment
        [pscustomobject]@{ Report = ($output | Select-Object -Last 1 | ConvertFrom-Json); OtherDir = (Resolve-Path $otherDir).Path }
    }
}

AfterAll {
    if ($script:sim) { Stop-RebueSimulator $script:sim }
}

Describe 'Beside another module with <Other>, loaded <Order> CloudRebue' -ForEach $cases {
    BeforeAll {
        Reset-RebueSimulator $sim
        $script:case = Invoke-ConflictCase -Other $Other -Order $Order
        $script:report = $case.Report
        $script:moduleDir = (Get-Item (Get-TestModuleDir)).FullName
    }

    It 'connects, sends and receives the delivery receipt' {
        $report.Status | Should -Be 'Queued'
        $report.ReceiptMatches | Should -BeTrue
    }

    It 'keeps our engine and its dependencies in the CloudRebue load context, out of the default one' {
        $report.EngineContext | Should -Be 'CloudRebue'
        $ours = @($report.Loaded | Where-Object { $_.File.StartsWith($moduleDir) })
        $ours.Name | Should -Contain 'CloudRebue.Core'
        $ours.Name | Should -Contain 'Polly.Core'
        $ours | ForEach-Object { $_.Context | Should -Be 'CloudRebue' -Because "$($_.Name) is ours" }
    }

    It 'leaves the other module working from its own files' {
        $expected = if ($Other -eq 'Polly8') { 42 } else { $true }
        $report.Other.Result | Should -Be $expected
        $report.Other.File | Should -BeLike "$($case.OtherDir)*"
        if ($Other -eq 'Polly8') {
            $report.Other.Json | Should -Be '{"answer":42}'
            $report.Other.StreamSum | Should -Be 6
        }
    }
}
