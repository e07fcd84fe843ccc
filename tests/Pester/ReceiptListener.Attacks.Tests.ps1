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
    # How fast real receipts are answered under each attack is a performance figure: the full run
    # (benchmark figure 8) measures it against its target (all answered, p99 under 1 s). This test
    # asserts what must hold on any machine, however loaded: the listener is alive, and real
    # receipts keep being answered (the prober gives each 5 s; the defect this guards against
    # answered none). The over-cap flood is the one attack the listener cannot fully absorb (see
    # the note in about_CloudRebue), so there it must answer some, not nearly all.
    It 'survives <_> and keeps answering real receipts' -ForEach $attacks.Keys {
        $row = $results | Where-Object Attack -eq $_
        $row | Should -Not -BeNullOrEmpty -Because 'an earlier attack must not have ended the listener'
        $row.Alive | Should -BeTrue
        $row.RealSent | Should -BeGreaterOrEqual 1
        $share = if ($_ -eq 'over-cap') { 0.5 } else { 0.9 }
        $row.RealAnswered | Should -BeGreaterOrEqual ([math]::Ceiling($share * $row.RealSent)) -Because $row.RealFailures
    }
}
