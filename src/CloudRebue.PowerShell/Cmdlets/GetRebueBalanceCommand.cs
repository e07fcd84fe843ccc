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
            WriteVerbose($"Reading the balance from {new System.Uri(connection.BaseUri, "account/balance")}.");
            try
            {
                BalanceInfo balance = connection.Client.GetBalanceAsync(StopToken).GetAwaiter().GetResult();
                WriteVerbose(balance.AccountUnits != null ? $"The account holds {balance.AccountUnits:N0} unit(s)." : $"The account holds KES {balance.BalanceKes:N2}.");
                WriteObject(balance);
            }
            catch (CloudRebueApiException ex)
            {
                ThrowTerminatingError(ErrorRecords.FromApi(ex, connection.BaseUri));
            }
        }
    }
}
