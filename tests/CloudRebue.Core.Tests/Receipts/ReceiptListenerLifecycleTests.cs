using System.Net;
using System.Net.Sockets;
using CloudRebue.Core.Receipts;
using Xunit;
using static CloudRebue.Core.Tests.Receipts.RunningListener;

namespace CloudRebue.Core.Tests.Receipts;

public class ReceiptListenerLifecycleTests
{
    [Fact]
    public async Task StopReleasesThePortSoANewListenerCanTakeIt()
    {
        int port;
        using (var first = Start())
        {
            port = first.Port;
            Assert.Equal(HttpStatusCode.OK, (await first.PostAsync(Json("first"))).StatusCode);
        }

        using var second = new ReceiptListener(new ReceiptListenerOptions { Prefix = $"http://127.0.0.1:{port}/", Path = "/receipts/" + Secret });
        second.Start();
        using var client = new HttpClient();
        var response = await client.PostAsync($"http://127.0.0.1:{port}/receipts/{Secret}", new StringContent(Json("second")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(second.TryTake(out var r, TimeSpan.FromSeconds(5), CancellationToken.None));
        Assert.Equal("second", r.UniqueId);
    }

    [Fact]
    public void APortInUseIsABindFailureThatSaysSo()
    {
        var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        try
        {
            int port = ((IPEndPoint)occupant.LocalEndpoint).Port;
            using var listener = new ReceiptListener(new ReceiptListenerOptions { Prefix = $"http://127.0.0.1:{port}/", Path = "/receipts/" + Secret });

            var ex = Assert.Throws<ReceiptListenerBindException>(listener.Start);
            Assert.Contains("already in use", ex.Message);
            Assert.Equal($"http://127.0.0.1:{port}/", ex.Prefix);
            Assert.DoesNotContain(Secret, ex.ToString());
        }
        finally
        {
            occupant.Stop();
        }
    }

    [Fact]
    public async Task AWaitingTakeEndsThroughItsToken()
    {
        using var run = Start();
        using var cts = new CancellationTokenSource();
        var take = Task.Run(() => run.Listener.TryTake(out _, TimeSpan.FromSeconds(30), cts.Token));
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => take);
    }

    [Fact]
    public async Task StopIsPromptWithAClientMidBodyAndCanBeCalledTwice()
    {
        var run = Start();
        using var raw = RawHttp.Connect(run.Port);
        raw.Send($"POST /receipts/{Secret} HTTP/1.1\r\nHost: 127.0.0.1:{run.Port}\r\nContent-Length: 100\r\n\r\n{{");
        Assert.True(WaitFor(() => run.Listener.Statistics.Requests == 1));

        var stop = Task.Run(run.Listener.Stop);
        Assert.Same(stop, await Task.WhenAny(stop, Task.Delay(TimeSpan.FromSeconds(10))));
        run.Listener.Stop();
        raw.ReadUntilClosed();
        run.Dispose();
    }

    // The handler reads its clock once per body, after the body is read and before the receipts are queued:
    // a clock that waits holds the answer in the middle of being decided.
    private sealed class HeldClock : TimeProvider
    {
        public readonly ManualResetEventSlim Entered = new();
        public readonly ManualResetEventSlim Release = new();

        public override DateTimeOffset GetUtcNow()
        {
            Entered.Set();
            Release.Wait(TimeSpan.FromSeconds(10));
            return DateTimeOffset.UtcNow;
        }
    }

    [Fact]
    public async Task StopLetsAnAnswerBeingDecidedFinishInsteadOfDroppingTheConnection()
    {
        var clock = new HeldClock();
        using var run = Start(time: clock);
        var post = run.PostAsync(Json("in-flight"));
        Assert.True(clock.Entered.Wait(TimeSpan.FromSeconds(10)));

        var stop = Task.Run(run.Listener.Stop);
        Assert.True(WaitFor(() => run.Listener.IsIntakeClosed));
        clock.Release.Set();

        // The request was being handled when Stop began: it is answered (503, as the queue closed), not cut off.
        var response = await post;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        await stop;
    }

    [Fact]
    public void ThePathMustLieUnderThePrefixAndThePrefixMustNotHoldTheSecret()
    {
        Assert.Throws<ArgumentException>(() => new ReceiptListener(new ReceiptListenerOptions { Prefix = "http://+:8080/other/", Path = "/receipts/" + Secret }));
        var ex = Assert.Throws<ArgumentException>(() => new ReceiptListener(new ReceiptListenerOptions { Prefix = $"http://+:8080/receipts/{Secret}/", Path = "/receipts/" + Secret }));
        Assert.DoesNotContain(Secret, ex.Message);

        using var shared = new ReceiptListener(new ReceiptListenerOptions { Prefix = "http://+:8080/receipts/", Path = "/receipts/" + Secret });
        Assert.Equal("http://+:8080/receipts/***", shared.DisplayUrl);
    }

    [Fact]
    public void TheDisplayUrlMasksTheSecret()
    {
        using var listener = new ReceiptListener(new ReceiptListenerOptions { Prefix = ListenerPrefix.For(null, 8080).Value, Path = "receipts/" + Secret });
        Assert.Equal("http://+:8080/receipts/***", listener.DisplayUrl);
    }

    [Fact]
    public void AListenerStartsOnce()
    {
        using var run = Start();
        Assert.Throws<InvalidOperationException>(run.Listener.Start);
    }
}
