<#
.SYNOPSIS
    Prints issue 13's compatibility table for the PowerShell running this script: each step against the
    simulator, "works" or the first error. Run it under each PowerShell to compare, e.g.
        dotnet pwsh -NoProfile -File build/Show-CompatibilityTable.ps1 -ModuleDir out/CloudRebue/0.1.0
        out/pwsh74/pwsh74 -NoProfile -File build/Show-CompatibilityTable.ps1 -ModuleDir out/CloudRebue/0.1.0
#>
param(
    [Parameter(Mandatory)] [string] $ModuleDir,
    [string] $Configuration = 'Release'
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../tests/Pester/SimulatorHelpers.psm1')
Import-Module (Join-Path $PSScriptRoot '../tests/Pester/ListenerHelpers.psm1')
$manifest = Join-Path (Resolve-Path $ModuleDir) 'CloudRebue.psd1'
$runtime = "$($PSVersionTable.PSVersion) / $([Runtime.InteropServices.RuntimeInformation]::FrameworkDescription)"

function Step([string] $Name, [scriptblock] $Body) {
    $outcome = try { & $Body; 'works' } catch { ($_.Exception.GetBaseException().GetType().Name + ': ' + $_.Exception.GetBaseException().Message) -replace '\r?\n', ' ' }
    "| $Name | $outcome |"
}

$sim = Start-RebueSimulator -Configuration $Configuration -ArgumentList '--receipt-delay-ms', '0'
try {
    "| step | $runtime |"
    '|---|---|'
    Step 'Import-Module, Measure-RebueSms' {
        Import-Module $manifest
        if ((Measure-RebueSms -Message 'hello').Units -ne 1) { throw 'Measure-RebueSms did not count 1 unit.' }
    }
    Step 'Connect-CloudRebue' {
        $null = Connect-CloudRebue -Token (ConvertTo-SecureString $sim.Token -AsPlainText -Force) -BaseUri $sim.BaseUri -DefaultSender ACME
    }
    Step 'Send-RebueSms, Get-RebueBalance' {
        if ((Send-RebueSms -Phone 0712345678 -Message 'hello').Status -ne 'Queued') { throw 'The message was not queued.' }
        $null = Get-RebueBalance
    }
    Step 'Start-RebueReceiptListener (with -JournalPath)' {
        $journal = Join-Path ([IO.Path]::GetTempPath()) "compat-$([guid]::NewGuid().ToString('N')).jsonl"
        $listener = Start-ReceiptListenerJob -Manifest $manifest -Parameters @{ Count = 1; Timeout = 30; JournalPath = $journal }
        try {
            $sent = Send-RebueSms -Phone 0712345679 -Message 'receipt please' -Endpoint $listener.Url -JournalPath $journal
            $receipts = @($listener.Job | Wait-Job -Timeout 40 | Receive-Job)
            if ($receipts.Count -ne 1 -or $receipts[0].UniqueId -ne $sent.UniqueId) { throw "Expected 1 receipt for the message sent; got $($receipts.Count)." }
            if ($receipts[0].Message -ne 'receipt please') { throw 'The receipt was not joined to its message through the journal.' }
        }
        finally { $listener.Job | Remove-Job -Force; Remove-Item $journal -ErrorAction SilentlyContinue }
    }
}
finally { Stop-RebueSimulator $sim }
