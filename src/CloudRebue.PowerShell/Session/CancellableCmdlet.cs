using System;
using System.Management.Automation;
using System.Threading;

namespace CloudRebue.PowerShell.Session
{
    /// <summary>
    /// A token cancelled by Ctrl+C (StopProcessing), so every network call of a cmdlet stops promptly.
    /// PowerShellStandard 5.1 has no PipelineStopToken, hence our own.
    /// </summary>
    public abstract class CancellableCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();

        /// <summary>Cancelled when the user presses Ctrl+C or the pipeline is stopped.</summary>
        protected CancellationToken StopToken => _stopping.Token;

        /// <inheritdoc />
        public void Dispose()
        {
            Dispose(true);
            GC.SuppressFinalize(this);
        }

        /// <inheritdoc />
        protected override void StopProcessing()
        {
            _stopping.Cancel();
            base.StopProcessing();
        }

        /// <summary>Releases what a derived cmdlet holds.</summary>
        protected virtual void Dispose(bool disposing)
        {
            if (disposing)
            {
                _stopping.Dispose();
            }
        }
    }
}
