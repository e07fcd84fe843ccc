using System.Net;
using CloudRebue.Core.Receipts;
using Xunit;
using static CloudRebue.Core.Tests.Receipts.RunningListener;

namespace CloudRebue.Core.Tests.Receipts;

/// <summary>What a stranger's idle, slow or many connections cost: each timeout closes, the cap evicts, the listener serves on.</summary>
public class ReceiptListenerLimitTests
{
    [Fact]
    public async Task AnIdleConnectionIsClosedAfterTheIdleTimeout()
    {
        using var run = Start(o => o.IdleTimeout = TimeSpan.FromMilliseconds(200));
        using var idle = RawHttp.Connect(run.Port);

        Assert.Equal(string.Empty, idle.ReadUntilClosed());
        Assert.True(WaitFor(() => run.Listener.Statistics.TimedOut == 1));
        Assert.Equal(HttpStatusCode.OK, (await run.PostAsync(Json("after"))).StatusCode);
    }

    [Fact]
    public async Task ASlowHeadIsAnswered408AfterTheHeaderTimeoutWhileOthersAreServed()
    {
        using var run = Start(o => o.HeaderTimeout = TimeSpan.FromMilliseconds(300));
        using var slow = RawHttp.Connect(run.Port);
        slow.Send($"POST /receipts/{Secret} HTTP/1.1\r\nHost: x\r\n");

        Assert.Equal(HttpStatusCode.OK, (await run.PostAsync(Json("meanwhile"))).StatusCode);
        Assert.StartsWith("HTTP/1.1 408", RawHttp.StatusLineOf(slow.ReadUntilClosed()));
        Assert.Equal(1, run.Listener.Statistics.Answered(408));
    }

    [Fact]
    public async Task OverTheCapTheOldestSilentConnectionMakesRoom()
    {
        using var run = Start(o => { o.MaxConnections = 4; o.EvictionGrace = TimeSpan.Zero; });
        var idle = new List<RawHttp>();
        try
        {
            for (int i = 0; i < 10; i++)
            {
                idle.Add(RawHttp.Connect(run.Port));
                int accepted = i + 1;

                // Wait until this connection is tracked (and, over the cap, room made), not only
                // accepted: the listener accepts on more than one thread and counts a connection
                // before it tracks it, so connecting the next one earlier could track them out of order.
                Assert.True(WaitFor(() => run.Listener.Statistics.Connections == accepted
                    && run.Listener.OpenConnections == Math.Min(accepted, 4)
                    && run.Listener.Statistics.Evicted == Math.Max(0, accepted - 4)));
            }

            Assert.Equal(6, run.Listener.Statistics.Evicted);
            Assert.True(run.Listener.OpenConnections <= 4);

            // The six oldest were closed, the four newest still wait.
            for (int i = 0; i < 6; i++)
            {
                Assert.Equal(string.Empty, idle[i].ReadUntilClosed());
            }

            Assert.Equal(HttpStatusCode.OK, (await run.PostAsync(Json("real"))).StatusCode);
            Assert.Equal("real", Assert.Single(run.TakeAll()).UniqueId);
        }
        finally
        {
            idle.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public void WhileEveryConnectionIsFreshASilentNewcomerIsClosedInstead()
    {
        using var run = Start(o => { o.MaxConnections = 2; o.EvictionGrace = TimeSpan.FromHours(1); });
        using var first = RawHttp.Connect(run.Port);
        using var second = RawHttp.Connect(run.Port);
        Assert.True(WaitFor(() => run.Listener.OpenConnections == 2));

        using var silent = RawHttp.Connect(run.Port);
        Assert.Equal(string.Empty, silent.ReadUntilClosed());
        Assert.Equal(1, run.Listener.Statistics.Evicted);
        Assert.Equal(2, run.Listener.OpenConnections);
    }

    // (A newcomer that brings its request gets room even then; that is not tested here because
    // whether its bytes are in the socket when it is accepted is up to the system's scheduling.)

    [Fact]
    public void StrangeTimeoutsAndCapsAreRefused()
    {
        var good = new ReceiptListenerOptions { Prefix = "http://127.0.0.1:8080/", Path = "/receipts/" + Secret };
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReceiptListener(new ReceiptListenerOptions { Prefix = good.Prefix, Path = good.Path, MaxConnections = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReceiptListener(new ReceiptListenerOptions { Prefix = good.Prefix, Path = good.Path, IdleTimeout = TimeSpan.Zero }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReceiptListener(new ReceiptListenerOptions { Prefix = good.Prefix, Path = good.Path, HeaderTimeout = TimeSpan.FromSeconds(-1) }));
    }
}
