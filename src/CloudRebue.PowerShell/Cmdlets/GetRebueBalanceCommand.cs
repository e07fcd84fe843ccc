using System.Management.Automation;
using CloudRebue.Core.Api;
using CloudRebue.PowerShell.Errors;
using CloudRebue.PowerShell.Session;

namespace CloudRebue.PowerShell.Cmdlets
{
    /// <summary>Get-RebueBalance: the account's units (or money, for brands that bill in shillings).</summary>
    [Cmdlet(VerbsCommon.Get, "RebueBalance")]
    [OutputType(typeof(BalanceInfo))]
    public sealed class GetRebueBalanceCommand : RebueApiCmdlet
    {
        /// <inheritdoc />
        protected override void EndProcessing()
        {
            CloudRebueConnection connection = RequireConnection();
            try
            {
                WriteObject(connection.Client.GetBalanceAsync(StopToken).GetAwaiter().GetResult());
            }
            catch (CloudRebueApiException ex)
            {
                ThrowTerminatingError(ErrorRecords.FromApi(ex, connection.BaseUri));
            }
        }
    }
}
