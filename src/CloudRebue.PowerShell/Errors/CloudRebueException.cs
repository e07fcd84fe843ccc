using System;

namespace CloudRebue.PowerShell.Errors
{
    /// <summary>An error of ours that is not an API failure: its message says what to do.</summary>
    public sealed class CloudRebueException : Exception
    {
        public CloudRebueException(string message, Exception? innerException = null)
            : base(message, innerException)
        {
        }
    }
}
