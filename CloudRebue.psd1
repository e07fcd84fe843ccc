@{
    # The one source of the module version: Directory.Build.props reads it for the assemblies.
    ModuleVersion        = '0.1.0'
    GUID                 = '6f1f7c0e-3c2b-4a55-9d0e-2b8f4d7a91c3'
    Author               = 'CloudRebue PowerShell contributors'
    CompanyName          = 'CloudRebue PowerShell contributors'
    Copyright            = '(c) 2026 CloudRebue PowerShell contributors. MIT License.'
    Description          = 'Send SMS through the CloudRebue bulk SMS API from PowerShell: paced batches from the pipeline, one result per recipient, delivery receipts as objects.'
    PowerShellVersion    = '5.1'
    # Windows PowerShell 5.1 needs .NET Framework 4.7.2 or later (netstandard2.0 without missing facades).
    DotNetFrameworkVersion = '4.7.2'
    CompatiblePSEditions = @('Desktop', 'Core')
    RootModule           = 'CloudRebue.PowerShell.dll'
    FormatsToProcess     = @('CloudRebue.Format.ps1xml')
    CmdletsToExport      = @(
        'Add-RebueSubAccountBalance'
        'Connect-CloudRebue'
        'ConvertFrom-RebueReceipt'
        'Disconnect-CloudRebue'
        'Get-RebueBalance'
        'Get-RebueDeliveryReport'
        'Get-RebueSendJournal'
        'Measure-RebueSms'
        'Send-RebueSms'
        'Send-RebueVoiceSms'
        'Start-RebueReceiptListener'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('SMS', 'CloudRebue', 'Kenya', 'Notification', 'Alerting', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/cloudrebue/CloudRebue.PowerShell'
            LicenseUri   = 'https://github.com/cloudrebue/CloudRebue.PowerShell/blob/main/LICENSE'
            ReleaseNotes = 'First release: connect with a secret token, measure and send SMS in paced batches, receive delivery receipts.'
        }
    }
}
