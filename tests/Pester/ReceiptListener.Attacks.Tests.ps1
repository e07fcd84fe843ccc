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
    # The full run (figure 8) holds every attack to its target: all answered, p99 under 1 s. Here,
    # on shared CI runners with few samples per attack, one scheduling hiccup would be the p99: the
    # bounds are looser, so the test fails for a listener that stalls or drops real clients, not for
    # a busy runner.
    It 'survives <_> and keeps answering real receipts' -ForEach $attacks.Keys {
        $row = $results | Where-Object Attack -eq $_
        $row | Should -Not -BeNullOrEmpty -Because 'an earlier attack must not have ended the listener'
        $row.Alive | Should -BeTrue
        $row.RealSent | Should -BeGreaterOrEqual 3 -Because 'receipts are posted every 50 ms for 2 s'
        $row.RealAnswered | Should -BeGreaterOrEqual ([math]::Ceiling(0.9 * $row.RealSent)) -Because $row.RealFailures
        $row.RealP50Ms | Should -BeLessThan 500
        $row.RealP99Ms | Should -BeLessThan 2000
    }
}
