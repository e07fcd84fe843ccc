using System.Management.Automation;
using CloudRebue.PowerShell.Session;

namespace CloudRebue.PowerShell.Cmdlets
{
    /// <summary>Disconnect-CloudRebue: forgets the session and disposes its HTTP client.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "CloudRebue")]
    [OutputType(typeof(void))]
    public sealed class DisconnectCloudRebueCommand : PSCmdlet
    {
        /// <inheritdoc />
        protected override void EndProcessing()
        {
            var previous = SessionStore.Clear();
            WriteVerbose(previous == null ? "There was no CloudRebue session." : $"Disconnected from {previous.BaseUri} ({previous.TokenHint}).");
        }
    }
}
