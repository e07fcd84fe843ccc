BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'SimulatorHelpers.psm1') -Force

    function Send-Sms($Simulator, $Body, [switch] $NoToken) {
        $request = @{
            Method = 'Post'; Uri = "$($Simulator.BaseUri)/send-sms"; ContentType = 'application/json'; NoProxy = $true
            Body = ($Body | ConvertTo-Json -Depth 5 -Compress); SkipHttpErrorCheck = $true
            StatusCodeVariable = 'status'; ResponseHeadersVariable = 'headers'
        }
        if (-not $NoToken) { $request.Headers = @{ Authorization = "Bearer $($Simulator.Token)" } }
        $answer = Invoke-RestMethod @request
        [pscustomobject]@{ Status = $status; Body = $answer; Headers = $headers }
    }

    $script:sim = Start-RebueSimulator -ArgumentList '--receipt-delay-ms', '0'
}

AfterAll {
    if ($script:sim) { Stop-RebueSimulator $script:sim }
}

Describe 'The simulator process' {
    BeforeEach { Reset-RebueSimulator $sim }

    It 'announces a free loopback port and is reachable there' {
        $sim.BaseUri | Should -Match '^http://127\.0\.0\.1:\d+/api/v1$'
        $sim.RootUri | Should -Be ($sim.BaseUri -replace '/api/v1$', '')
        $sim.Pid | Should -Be $sim.Process.Id
        $sim.Process.HasExited | Should -BeFalse
    }

    It 'answers 401 without the token' {
        $r = Send-Sms $sim @{ sender = 'ACME'; message = 'Hello'; phone = '0712345678' } -NoToken
        $r.Status | Should -Be 401
        $r.Body.status | Should -BeFalse
        $r.Body.message | Should -Be 'Unauthenticated.'
    }

    It 'accepts a message and reports it in its stats and messages' {
        $r = Send-Sms $sim @{ sender = 'ACME'; message = 'Hello'; phone = '0712345678'; correlator = 'c-1' }
        $r.Status | Should -Be 200
        $r.Body[0].status | Should -BeTrue
        $r.Body[0].data.phone | Should -Be '254712345678'
        $r.Body[0].data.correlator | Should -Be 'c-1'

        $stats = Get-RebueSimulatorStats $sim
        $stats.acceptedMessages | Should -Be 1
        $stats.sendRequests | Should -Be 1
        $stats.requests.'200' | Should -Be 1

        $messages = @(Get-RebueSimulatorMessages $sim)
        $messages.Count | Should -Be 1
        $messages[0].correlator | Should -Be 'c-1'
        $messages[0].uniqueId | Should -Be $r.Body[0].data.uniqueId
    }

    It 'takes a fault plan at runtime and drops it again' {
        $config = Set-RebueSimulatorConfig $sim -Config @{ faults = @(@{ kind = '503'; every = 1 }) }
        $config.faults[0].kind | Should -Be '503'
        (Send-Sms $sim @{ sender = 'ACME'; message = 'Hi'; phone = '0712345678' }).Status | Should -Be 503

        $null = Set-RebueSimulatorConfig $sim -Config @{ faults = @() }
        (Send-Sms $sim @{ sender = 'ACME'; message = 'Hi'; phone = '0712345678' }).Status | Should -Be 200
    }

    It 'forgets messages and stats on reset' {
        $null = Send-Sms $sim @{ sender = 'ACME'; message = 'Hi'; phone = '0712345678' }
        Reset-RebueSimulator $sim
        (Get-RebueSimulatorStats $sim).acceptedMessages | Should -Be 0
        @(Get-RebueSimulatorMessages $sim).Count | Should -Be 0
    }
}

Describe 'Starting and stopping simulators' {
    It 'passes command-line options through' {
        $faulty = Start-RebueSimulator -Token 'faulty-token' -ArgumentList '--fault', '429:every=2,retry-after=3', '--balance', '6974'
        try {
            $faulty.Token | Should -Be 'faulty-token'
            (Send-Sms $faulty @{ sender = 'A'; message = 'x'; phone = '0712345678' }).Status | Should -Be 200
            $refused = Send-Sms $faulty @{ sender = 'A'; message = 'x'; phone = '0712345678' }
            $refused.Status | Should -Be 429
            $refused.Body.message | Should -Be 'Too Many Attempts.'
            $refused.Headers['Retry-After'] | Should -Be '3'
            $balance = Invoke-RestMethod -Uri "$($faulty.BaseUri)/account/balance" -Headers @{ Authorization = "Bearer $($faulty.Token)" } -NoProxy
            $balance.data.account_units | Should -Be '6973'
        }
        finally { Stop-RebueSimulator $faulty }
    }

    It 'stops by PID and exits cleanly' {
        $other = Start-RebueSimulator
        Stop-RebueSimulator $other
        $other.Process.HasExited | Should -BeTrue
        $other.Process.ExitCode | Should -Be 0
        Get-Process -Id $other.Pid -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'throws with what the process printed when it cannot start' {
        { Start-RebueSimulator -ArgumentList '--no-such-option' } | Should -Throw '*Unknown option*'
    }
}

Describe 'A freshly started simulator' {
    It 'has warmed up before announcing itself, and kept no trace of it' {
        $fresh = Start-RebueSimulator -ArgumentList '--balance', '500'
        try {
            $stats = Get-RebueSimulatorStats $fresh
            $stats.sendRequests | Should -Be 0
            $stats.acceptedMessages | Should -Be 0
            $stats.maxRequestsInAnyWindow | Should -Be 0
            @(Get-RebueSimulatorMessages $fresh).Count | Should -Be 0
            $balance = Invoke-RestMethod -Uri "$($fresh.BaseUri)/account/balance" -Headers @{ Authorization = "Bearer $($fresh.Token)" } -NoProxy
            $balance.data.account_units | Should -Be '500'
        }
        finally { Stop-RebueSimulator $fresh }
    }
}
