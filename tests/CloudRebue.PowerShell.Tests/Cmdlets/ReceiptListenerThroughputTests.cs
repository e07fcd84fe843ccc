using System.Diagnostics;
using System.Net;
using Xunit;
using Xunit.Abstractions;
using static CloudRebue.PowerShell.Tests.ListenerSession;

namespace CloudRebue.PowerShell.Tests.Cmdlets;

/// <summary>Through the cmdlet and the pipeline: counts, not timings. The rate is only reported.</summary>
public class ReceiptListenerThroughputTests(ITestOutputHelper output) : IDisposable
{
    private readonly PowerShellRunner _ps = new();

    public void Dispose() => _ps.Dispose();

    [Fact]
    public async Task FiveThousandReceiptsFromSixteenSendersAreEachWrittenOnce()
    {
        const int Total = 5000;
        using var session = ListenerSession.Start(_ps.Runspace, $"-Count {Total}", "| Select-Object -ExpandProperty UniqueId");

        int next = -1;
        int ok = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < Total)
            {
                HttpResponseMessage response;
                while ((response = await session.PostAsync(ReceiptJson("p" + i))).StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                }

                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Interlocked.Increment(ref ok);
            }
        })));
        session.End();
        clock.Stop();

        var written = session.Output.Select(o => (string)o.BaseObject).ToList();
        Assert.Equal(Total, ok);
        Assert.Equal(Total, written.Count);
        Assert.Equal(Enumerable.Range(0, Total).Select(i => "p" + i).ToHashSet(), written.ToHashSet());
        Assert.Empty(session.PowerShell.Streams.Error);
        output.WriteLine($"{Total} receipts through the pipeline in {clock.Elapsed.TotalSeconds:F2} s = {Total / clock.Elapsed.TotalSeconds:F0}/s");
    }
}
