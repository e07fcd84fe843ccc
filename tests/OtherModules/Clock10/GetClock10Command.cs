using System;
using System.Management.Automation;

namespace OtherModule.Clock10
{
    /// <summary>Reads the clock through Microsoft.Bcl.TimeProvider 10 and reports which file served the type.</summary>
    /// <remarks>
    /// No timer: ITimer is IAsyncDisposable, which this package takes from Microsoft.Bcl.AsyncInterfaces
    /// 10.0.0.0, and PowerShell 7.4's own 8.0.0.0 wins in the default context, so a timer fails on 7.4
    /// with or without CloudRebue loaded. What is tested is what this module can do on its own.
    /// </remarks>
    [Cmdlet(VerbsCommon.Get, "Clock10")]
    public sealed class GetClock10Command : PSCmdlet
    {
        protected override void EndProcessing()
        {
            TimeSpan drift = TimeProvider.System.GetUtcNow() - DateTimeOffset.UtcNow;
            var result = new PSObject();
            result.Properties.Add(new PSNoteProperty("ClockAgrees", drift.Duration() < TimeSpan.FromMinutes(1)));
            result.Properties.Add(new PSNoteProperty("TimeProviderFile", typeof(TimeProvider).Assembly.Location));
            WriteObject(result);
        }
    }
}
