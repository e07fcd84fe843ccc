# The attack suite of issue 15, shortened for CI: each attack for 2 s with fewer connections than the
# full run (tests/Benchmarks/ListenerAttacks.Benchmark.ps1). Loopback only, bounded, self-stopping.
# The listener runs from the built module in a pwsh of its own, so a listener that dies shows as
# Alive = False instead of taking the test run with it.
BeforeDiscovery {
    $script:attacks = [ordered]@{ idle = 1000; 'slow-headers' = 300; 'slow-bodies' = 100; pipelined = 8; garbage = 16; oversized = 8; 'over-cap' = 1000 }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $attacks = [ordered]@{ idle = 1000; 'slow-headers' = 300; 'slow-bodies' = 100; pipelined = 8; garbage = 16; oversized = 8; 'over-cap' = 1000 }
    $script:results = @(& (Join-Path $PSScriptRoot '../Benchmarks/Workers/Invoke-ListenerAttacks.ps1') -ModuleDir (Get-TestModuleDir) `
            -Attacks $attacks -RampSeconds 0.5 -Seconds 2 -RealIntervalMs 50 -MaxConnections 512)
    $results | Format-Table -AutoSize | Out-String -Width 200 | Write-Host
}

Describe 'The receipt listener under attack' {
    It 'survives <_> and keeps answering real receipts well under a second' -ForEach $attacks.Keys {
        $row = $results | Where-Object Attack -eq $_
        $row | Should -Not -BeNullOrEmpty -Because 'an earlier attack must not have ended the listener'
        $row.Alive | Should -BeTrue
        $row.RealSent | Should -BeGreaterOrEqual 5 -Because 'receipts are posted every 50 ms for 2 s'
        $row.RealAnswered | Should -Be $row.RealSent
        $row.RealP99Ms | Should -BeLessThan 1000
    }
}
