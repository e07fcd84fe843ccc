using System.Management.Automation;
using CloudRebue.Core.Api;
using CloudRebue.PowerShell.Errors;

namespace CloudRebue.PowerShell.Session
{
    /// <summary>Base of the cmdlets that call the API: the -Connection parameter and the session lookup.</summary>
    public abstract class RebueApiCmdlet : CancellableCmdlet
    {
        /// <summary>An explicit connection from Connect-CloudRebue; the current session when omitted.</summary>
        [Parameter]
        public CloudRebueConnection? Connection { get; set; }

        /// <summary>The connection to use, or a terminating NotConnected error that says how to connect.</summary>
        protected CloudRebueConnection RequireConnection()
        {
            CloudRebueConnection? connection = Connection ?? SessionStore.Current;
            if (connection == null || connection.IsDisposed)
            {
                ThrowTerminatingError(ErrorRecords.Create(
                    "You are not connected to CloudRebue. Run Connect-CloudRebue first (for example: Connect-CloudRebue -Token (Read-Host -AsSecureString 'Token')), or pass -Connection.",
                    ErrorIds.NotConnected,
                    ErrorCategory.ConnectionError,
                    null));
            }

            return connection!;
        }
    }
}
