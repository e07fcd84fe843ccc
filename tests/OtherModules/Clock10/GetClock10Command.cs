using System;
using System.Management.Automation;
using System.Threading;

namespace OtherModule.Clock10
{
    /// <summary>Fires a Microsoft.Bcl.TimeProvider 10 timer and reports which file served the type.</summary>
    [Cmdlet(VerbsCommon.Get, "Clock10")]
    public sealed class GetClock10Command : PSCmdlet
    {
        protected override void EndProcessing()
        {
            using (var fired = new ManualResetEventSlim())
            using (ITimer timer = TimeProvider.System.CreateTimer(_ => fired.Set(), null, TimeSpan.FromMilliseconds(1), Timeout.InfiniteTimeSpan))
            {
                var result = new PSObject();
                result.Properties.Add(new PSNoteProperty("TimerFired", fired.Wait(TimeSpan.FromSeconds(30))));
                result.Properties.Add(new PSNoteProperty("TimeProviderFile", typeof(TimeProvider).Assembly.Location));
                WriteObject(result);
            }
        }
    }
}
