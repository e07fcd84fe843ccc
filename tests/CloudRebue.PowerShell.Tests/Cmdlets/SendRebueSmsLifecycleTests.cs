using System.Diagnostics;
using System.Management.Automation;
using CloudRebue.Core.Sending;
using CloudRebue.PowerShell.Tests.Fakes;
using Xunit;

namespace CloudRebue.PowerShell.Tests.Cmdlets;

/// <summary>Ctrl+C, progress and verbose output of a long send.</summary>
public class SendRebueSmsLifecycleTests
{
    private static System.Management.Automation.PowerShell Start(FakeApiHandler api, string script, out PSDataCollection<PSObject> output)
    {
        var iss = System.Management.Automation.Runspaces.InitialSessionState.CreateDefault2();
        iss.ImportPSModule(new[] { typeof(CloudRebue.PowerShell.Cmdlets.SendRebueSmsCommand).Assembly.Location });
        var ps = System.Management.Automation.PowerShell.Create(iss);
        ps.Runspace.SessionStateProxy.SetVariable("conn", FakeConnection.Create(api));
        ps.AddScript(script);
        output = new PSDataCollection<PSObject>();
        ps.BeginInvoke<PSObject, PSObject>(null, output);
        return ps;
    }

    [Fact]
    public void CtrlCStopsAnInFlightSendWithoutWaitingForItsAnswer()
    {
        var api = new FakeApiHandler { Delay = TimeSpan.FromSeconds(60) };
        using var ps = Start(api, "1..500 | ForEach-Object { '07' + (10000000 + $_) } | Send-RebueSms -Message hi -Connection $conn", out var output);
        var wait = Stopwatch.StartNew();
        while (api.SendRequests == 0 && wait.Elapsed < TimeSpan.FromSeconds(10))
        {
            Thread.Sleep(10);
        }

        Assert.True(api.SendRequests > 0, "no request started");
        var stop = Stopwatch.StartNew();
        ps.Stop();
        stop.Stop();
        Assert.True(stop.Elapsed < TimeSpan.FromSeconds(30), $"Stop took {stop.Elapsed.TotalMilliseconds} ms");
        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
        Assert.Empty(ps.Streams.Error);
    }

    [Fact]
    public void ReportsProgressOnALongSendAndSummarisesInVerbose()
    {
        var api = new FakeApiHandler { Delay = TimeSpan.FromMilliseconds(150) };
        using var ps = Start(api, "1..400 | ForEach-Object { '07' + (10000000 + $_) } | Send-RebueSms -Message hi -BatchSize 10 -ThrottleLimit 2 -Connection $conn -Verbose", out var output);
        var wait = Stopwatch.StartNew();
        while (ps.InvocationStateInfo.State == PSInvocationState.Running && wait.Elapsed < TimeSpan.FromSeconds(30))
        {
            Thread.Sleep(20);
        }

        Assert.Equal(PSInvocationState.Completed, ps.InvocationStateInfo.State);
        Assert.Equal(400, output.Select(o => o.BaseObject).OfType<SendResult>().Count(r => r.Status == SendStatus.Queued));
        var progress = ps.Streams.Progress.Where(p => p.Activity == "Sending SMS").ToList();
        Assert.Contains(progress, p => p.StatusDescription.Contains("batch(es) sent") && p.StatusDescription.Contains("messages/s"));
        Assert.Contains(progress, p => p.RecordType == ProgressRecordType.Completed);
        Assert.Contains(ps.Streams.Verbose, v => v.Message.StartsWith("Sent 400 recipient(s) in 40 batch(es)"));
    }

    [Fact]
    public void ShowsPercentWhenTheCountIsKnown()
    {
        var api = new FakeApiHandler { Delay = TimeSpan.FromMilliseconds(100) };
        string phones = string.Join(",", Enumerable.Range(1, 60).Select(i => "'07" + (10000000 + i) + "'"));
        using var ps = Start(api, $"Send-RebueSms -Phone {phones} -Message hi -BatchSize 5 -ThrottleLimit 1 -Connection $conn", out _);
        var wait = Stopwatch.StartNew();
        while (ps.InvocationStateInfo.State == PSInvocationState.Running && wait.Elapsed < TimeSpan.FromSeconds(30))
        {
            Thread.Sleep(20);
        }

        Assert.Contains(ps.Streams.Progress, p => p.PercentComplete > 0 && p.PercentComplete < 100);
    }
}
