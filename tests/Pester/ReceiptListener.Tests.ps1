BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'ListenerHelpers.psm1') -Force
    $script:manifest = Get-TestModuleManifest
    Import-Module $manifest -Force

    $script:secret = [guid]::NewGuid().ToString('N')
    $script:path = "/receipts/$secret"

    function New-ReceiptJson([string] $UniqueId, $Correlator = 2, [string] $Status = 'DeliveredToTerminal') {
        @{ phone = '254712345678'; correlator = $Correlator; uniqueId = $UniqueId; deliveryStatus = $Status; deliveryTime = '2020-01-01 00:00:00' } |
            ConvertTo-Json -Compress
    }

    # The suite's listeners, each in a thread job on a free port, with -Count from the test.
    function Start-ListenerJob([string[]] $Arguments) {
        $parameters = @{}
        for ($i = 0; $i -lt $Arguments.Count; $i += 2) { $parameters[$Arguments[$i].TrimStart('-')] = $Arguments[$i + 1] }
        Start-ReceiptListenerJob -Manifest $manifest -Path $path -Parameters $parameters
    }

    function Send-Receipt([string] $Url, [string] $Body) {
        Invoke-RestMethod -Method Post -Uri $Url -Body $Body -ContentType 'application/json'
    }

    # The receipts a job wrote, waiting (bounded) for it to end.
    function Receive-Receipts($Listener) {
        $null = $Listener.Job | Wait-Job -Timeout 30
        $state = $Listener.Job.State
        if ($state -ne 'Completed') { $Listener.Job | Stop-Job }
        $state | Should -Be 'Completed'
        $Listener.Job | Receive-Job -AutoRemoveJob -Wait
    }
}

Describe 'Start-RebueReceiptListener from the built module' {
    It 'writes typed receipts posted with Invoke-RestMethod, one object or an array' {
        $listener = Start-ListenerJob -Arguments '-Count', 3
        Send-Receipt $listener.Url (New-ReceiptJson 'u-1' 2)
        Send-Receipt $listener.Url ('[' + (New-ReceiptJson 'u-2' 'inv-7' 'DeliveryImpossible') + ',' + (New-ReceiptJson 'u-3' 3) + ']')

        $receipts = @(Receive-Receipts $listener)

        $receipts.Count | Should -Be 3
        # By name: on PowerShell 7 the engine's types live in a private load context, out of type literals' reach.
        $receipts[0].GetType().FullName | Should -Be 'CloudRebue.Core.Receipts.DeliveryReceipt'
        $receipts.UniqueId | Should -Be @('u-1', 'u-2', 'u-3')
        $receipts.Correlator | Should -Be @('2', 'inv-7', '3')
        $receipts[0].Correlator | Should -BeOfType ([string])
        $receipts.Delivered | Should -Be @($true, $false, $true)
        $receipts[1].DeliveryStatus | Should -Be 'DeliveryImpossible'
        $receipts[0].Phone | Should -Be '254712345678'
        $receipts[0].DeliveryTime | Should -Be ([DateTimeOffset]::new(2020, 1, 1, 0, 0, 0, [TimeSpan]::FromHours(3)))
        $receipts[0].RemoteAddress | Should -Be '127.0.0.1'
        $receipts[0].ReceivedAt | Should -BeOfType ([DateTimeOffset])
        $receipts[0].Sender | Should -BeNullOrEmpty
        $receipts[0].Message | Should -BeNullOrEmpty
        $receipts[0].InputObject | Should -BeNullOrEmpty
    }

    It 'answers 404 to any other path, 405 to another method, 400 to bad JSON, and emits none of them' {
        $listener = Start-ListenerJob -Arguments '-Count', 1
        $base = "http://127.0.0.1:$($listener.Port)"

        (Invoke-WebRequest -Method Post -Uri "$base/receipts/$($secret.Substring(1))" -Body (New-ReceiptJson 'wrong-path') -SkipHttpErrorCheck).StatusCode | Should -Be 404
        $get = Invoke-WebRequest -Uri $listener.Url -SkipHttpErrorCheck
        $get.StatusCode | Should -Be 405
        $get.Headers['Allow'] | Should -Be 'POST'
        (Invoke-WebRequest -Method Post -Uri $listener.Url -Body '{"phone":' -ContentType 'application/json' -SkipHttpErrorCheck).StatusCode | Should -Be 400
        (Invoke-WebRequest -Method Post -Uri $listener.Url -Body '{"phone":"254712345678"}' -ContentType 'application/json' -SkipHttpErrorCheck).StatusCode | Should -Be 400
        Send-Receipt $listener.Url (New-ReceiptJson 'good')

        (Receive-Receipts $listener).UniqueId | Should -Be 'good'
    }

    It 'acknowledges a duplicate and writes it once' {
        $listener = Start-ListenerJob -Arguments '-Count', 2
        foreach ($id in 'a', 'a', 'b') {
            (Invoke-WebRequest -Method Post -Uri $listener.Url -Body (New-ReceiptJson $id) -ContentType 'application/json').StatusCode | Should -Be 200
        }

        (Receive-Receipts $listener).UniqueId | Should -Be @('a', 'b')
    }

    It 'formats receipts as a table and exports them with Export-Csv' {
        $listener = Start-ListenerJob -Arguments '-Count', 1
        Send-Receipt $listener.Url (New-ReceiptJson 'csv-1' 42)
        $receipts = @(Receive-Receipts $listener)

        $table = $receipts | Out-String
        $table | Should -Match 'DeliveryStatus'
        $table | Should -Match 'Delivered'
        $table | Should -Match '2020-01-01 00:00:00'

        $csv = Join-Path $TestDrive 'receipts.csv'
        $receipts | Export-Csv -Path $csv -NoTypeInformation
        $row = Import-Csv $csv
        $row.UniqueId | Should -Be 'csv-1'
        $row.Correlator | Should -Be '42'
        $row.Delivered | Should -Be 'True'
    }

    It 'ends cleanly at -Timeout with nothing written' {
        $port = Get-FreeLoopbackPort
        $out = @(Start-RebueReceiptListener -ListenAddress 127.0.0.1 -Port $port -Path $path -Timeout 0.3 -ErrorVariable errors)
        $out.Count | Should -Be 0
        $errors.Count | Should -Be 0
    }

    It 'can be started again on the same port in the same session' {
        $port = Get-FreeLoopbackPort
        Start-RebueReceiptListener -ListenAddress 127.0.0.1 -Port $port -Path $path -Timeout 0.2
        { Start-RebueReceiptListener -ListenAddress 127.0.0.1 -Port $port -Path $path -Timeout 0.2 -ErrorAction Stop } | Should -Not -Throw
    }

    It 'fails to bind a port in use with CloudRebue.ListenerBindFailed' {
        $occupant = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
        $occupant.Start()
        try {
            $err = { Start-RebueReceiptListener -ListenAddress 127.0.0.1 -Port $occupant.LocalEndpoint.Port -Path $path -Timeout 1 } |
                Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'CloudRebue.ListenerBindFailed,*'
            $err.CategoryInfo.Category | Should -Be 'ResourceUnavailable'
            $err.Exception.Message | Should -Match 'already in use'
            ($err | Out-String) + $err.Exception.Message | Should -Not -Match $secret
        }
        finally { $occupant.Stop() }
    }

    It 'names the secret-free URL in its verbose stream' {
        $port = Get-FreeLoopbackPort
        $verbose = Start-RebueReceiptListener -ListenAddress 127.0.0.1 -Port $port -Path $path -Timeout 0.2 -Verbose 4>&1
        $verbose[0].Message | Should -BeLike "Listening for delivery receipts at http://127.0.0.1:$port/receipts/``*``*``* *"
        ($verbose | Out-String) | Should -Not -Match $secret
    }
}

Describe 'The help for Start-RebueReceiptListener' {
    BeforeAll {
        $script:helpPath = Join-Path $PSScriptRoot '../../docs/en-US/Start-RebueReceiptListener.md'
        $script:help = Get-Content $helpPath -Raw
    }

    It 'documents every parameter of the cmdlet, and no other' {
        $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
        $actual = (Get-Command Start-RebueReceiptListener).Parameters.Keys | Where-Object { $_ -notin $common } | Sort-Object
        $documented = [regex]::Matches($help, '(?m)^### -(\w+)\s*$') | ForEach-Object { $_.Groups[1].Value } | Sort-Object
        $documented | Should -Be $actual
    }

    It 'has the sections platyPS expects' {
        foreach ($section in '## SYNOPSIS', '## SYNTAX', '## DESCRIPTION', '## EXAMPLES', '## PARAMETERS', '### CommonParameters', '## INPUTS', '## OUTPUTS', '## NOTES', '## RELATED LINKS') {
            $help | Should -Match ([regex]::Escape($section))
        }
    }
}
