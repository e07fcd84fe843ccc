using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using CloudRebue.Core.Receipts;
using Xunit;
using Xunit.Abstractions;
using static CloudRebue.Core.Tests.Receipts.RunningListener;

namespace CloudRebue.Core.Tests.Receipts;

/// <summary>Counts, not timings: every 200 answered is exactly one receipt taken. The rate is only reported.</summary>
public class ReceiptListenerThroughputTests(ITestOutputHelper output)
{
    [Fact]
    public async Task FiveThousandReceiptsFromSixteenSendersAreAllTakenExactlyOnce()
    {
        const int Total = 5000;
        const int Senders = 16;
        using var run = Start();
        var taken = new ConcurrentBag<string>();
        using var done = new CancellationTokenSource(TimeSpan.FromSeconds(120));

        var consumer = Task.Run(() =>
        {
            while (taken.Count < Total && !done.IsCancellationRequested)
            {
                if (run.Listener.TryTake(out var r, TimeSpan.FromMilliseconds(100), CancellationToken.None))
                {
                    taken.Add(r.UniqueId);
                }
            }
        });

        int next = -1;
        int ok = 0;
        int retried = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Senders).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < Total)
            {
                HttpResponseMessage response;
                while ((response = await run.PostAsync(Json("t" + i, correlator: i.ToString()))).StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    Interlocked.Increment(ref retried);
                }

                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Interlocked.Increment(ref ok);
            }
        })));
        await consumer;
        clock.Stop();

        Assert.Equal(Total, ok);
        Assert.Equal(Total, taken.Count);
        Assert.Equal(Enumerable.Range(0, Total).Select(i => "t" + i).ToHashSet(), taken.ToHashSet());
        Assert.Equal(Total, run.Listener.Statistics.Accepted);
        Assert.Equal(0, run.Listener.Statistics.Faults);
        output.WriteLine($"{Total} receipts in {clock.Elapsed.TotalSeconds:F2} s = {Total / clock.Elapsed.TotalSeconds:F0}/s ({Senders} senders, {retried} retries after 503)");
    }
}
