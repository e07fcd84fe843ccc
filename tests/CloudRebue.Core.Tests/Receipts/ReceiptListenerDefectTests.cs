using System.Net;
using System.Text;
using CloudRebue.Core.Receipts;
using Xunit;
using static CloudRebue.Core.Tests.Receipts.RunningListener;

namespace CloudRebue.Core.Tests.Receipts;

/// <summary>The defects of issue 15, each as the request that showed it.</summary>
public class ReceiptListenerDefectTests
{
    // The handler's clock comes from a dependency assembly (Microsoft.Bcl.TimeProvider) and is read once per
    // body, before the receipts are queued: a clock that throws is an assembly that failed to load mid-request.
    private sealed class ThrowingClock : TimeProvider
    {
        public volatile bool Broken = true;

        public override DateTimeOffset GetUtcNow() =>
            Broken ? throw new FileLoadException("Could not load Microsoft.Bcl.TimeProvider, Version=99.0.0.0") : DateTimeOffset.UtcNow;
    }

    private static string Post(int port, string body, string extraHeaders = "") =>
        $"POST /receipts/{Secret} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n{extraHeaders}Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}";

    [Fact]
    public void PipelinedRequestsAreAllAnsweredInOrder()
    {
        using var run = Start();
        using var raw = RawHttp.Connect(run.Port);

        // Three requests in one write: a receipt, a wrong path, another receipt.
        raw.Send(Post(run.Port, Json("p1")) + $"GET /elsewhere HTTP/1.1\r\nHost: x\r\n\r\n" + Post(run.Port, Json("p2")));

        Assert.StartsWith("HTTP/1.1 200", raw.ReadResponse());
        Assert.StartsWith("HTTP/1.1 404", raw.ReadResponse());
        Assert.StartsWith("HTTP/1.1 200", raw.ReadResponse());
        Assert.Equal(new[] { "p1", "p2" }, run.TakeAll().Select(r => r.UniqueId));
    }

    [Fact]
    public void APostWithoutALengthIs411WithoutAFailure()
    {
        using var run = Start();
        using var raw = RawHttp.Connect(run.Port);
        raw.Send($"POST /receipts/{Secret} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 411", RawHttp.StatusLineOf(raw.ReadUntilClosed()));
        Assert.Equal(1, run.Listener.Statistics.Answered(411));
        Assert.Equal(0, run.Listener.Statistics.Failures);
        Assert.Equal(0, run.Listener.Statistics.Faults);
        Assert.False(run.Listener.TryTakeFailure(out _));
        Assert.True(run.Listener.TryTakeNotice(out var notice));
        Assert.Contains("411", notice);
        Assert.DoesNotContain("Exception", notice);
    }

    [Theory]
    [InlineData(new byte[] { 0xC3, 0x28 })] // an invalid two-byte sequence
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })] // a surrogate encoded as UTF-8
    public async Task UndecodableBytesInAFieldAre400(byte[] bad)
    {
        using var run = Start();
        var body = Encoding.UTF8.GetBytes("{\"phone\":\"2547\"").Concat(bad).Concat(Encoding.UTF8.GetBytes("\",\"uniqueId\":\"u\",\"deliveryStatus\":\"x\"}")).ToArray();
        var response = await run.Client.PostAsync(run.ReceiptUrl, new ByteArrayContent(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, run.Listener.Statistics.Failures);
        Assert.Empty(run.TakeAll());
    }

    [Fact]
    public async Task ALoneSurrogateEscapeIs400()
    {
        using var run = Start();
        var response = await run.PostAsync("""{"phone":"2547\ud800","uniqueId":"u","deliveryStatus":"x"}""");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("UTF-8", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, run.Listener.Statistics.Failures);
    }

    [Fact]
    public async Task ABatchLargerThanTheQueueIs413NotARetryForEver()
    {
        using var run = Start(o => o.QueueCapacity = 2);
        var response = await run.PostAsync("[" + Json("a") + "," + Json("b") + "," + Json("c") + "]");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("-QueueCapacity 2", await response.Content.ReadAsStringAsync());

        // A batch that fits the queue but not its free room is still 503: it will fit once taken.
        Assert.Equal(HttpStatusCode.OK, (await run.PostAsync(Json("x"))).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await run.PostAsync("[" + Json("a") + "," + Json("b") + "]")).StatusCode);
        run.TakeAll();
        Assert.Equal(HttpStatusCode.OK, (await run.PostAsync("[" + Json("a") + "," + Json("b") + "]")).StatusCode);
    }

    [Fact]
    public async Task AControlCharacterInAFieldIs400AndEscapedInTheNotice()
    {
        using var run = Start();
        var response = await run.PostAsync("""{"phone":"2547\r\nVERBOSE: forged line","uniqueId":"u","deliveryStatus":"x"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(run.TakeAll());
        Assert.True(run.Listener.TryTakeNotice(out var notice));
        Assert.Contains("\\u000D\\u000AVERBOSE", notice);
        Assert.DoesNotContain('\n', notice);
        Assert.DoesNotContain('\r', notice);
    }

    [Theory]
    [InlineData("bad host")]
    [InlineData("exa mple.com")]
    [InlineData("host\nname")]
    public void AMalformedAddressIsAnAddressErrorNotABindFailure(string address)
    {
        var ex = Assert.Throws<ListenerAddressException>(() => new ReceiptListener(new ReceiptListenerOptions { Prefix = ListenerPrefix.For(address, 8080).Value, Path = "/receipts/" + Secret }));
        Assert.DoesNotContain("in use", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void AnAddressOfAnotherComputerIsAnAddressError()
    {
        // 192.0.2.0/24 is reserved for documentation: never an address of this computer.
        using var listener = new ReceiptListener(new ReceiptListenerOptions { Prefix = ListenerPrefix.For("192.0.2.7", 0).Value, Path = "/receipts/" + Secret });
        var ex = Assert.Throws<ListenerAddressException>(listener.Start);
        Assert.Contains("not an address of this computer", ex.Message);
    }

    [Fact]
    public async Task PortZeroListensOnAFreePortAndSaysWhich()
    {
        using var listener = new ReceiptListener(new ReceiptListenerOptions { Prefix = ListenerPrefix.For("127.0.0.1", 0).Value, Path = "/receipts/" + Secret });
        listener.Start();

        Assert.NotEqual(0, listener.Port);
        Assert.Equal($"http://127.0.0.1:{listener.Port}/receipts/***", listener.DisplayUrl);
        using var client = new HttpClient();
        var response = await client.PostAsync($"http://127.0.0.1:{listener.Port}/receipts/{Secret}", new StringContent(Json("zero")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AHandlerThatFailsIsCountedAndDescribedAsAFailureNotOnlyANotice()
    {
        var clock = new ThrowingClock();
        using var run = Start(time: clock);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.InternalServerError, (await run.PostAsync(Json("f" + i))).StatusCode);
        }

        Assert.Equal(3, run.Listener.Statistics.Failures);
        Assert.Equal(3, run.Listener.Statistics.ConsecutiveFailures);
        Assert.True(run.Listener.TryTakeFailure(out var failure));
        Assert.Contains("FileLoadException", failure);

        clock.Broken = false;
        Assert.Equal(HttpStatusCode.OK, (await run.PostAsync(Json("ok"))).StatusCode);
        Assert.Equal(0, run.Listener.Statistics.ConsecutiveFailures);
    }

    [Fact]
    public async Task ExpectContinueGetsAnInterimAnswerThenTheBodyIsRead()
    {
        using var run = Start();
        using var raw = RawHttp.Connect(run.Port);
        string body = Json("continued");
        raw.Send($"POST /receipts/{Secret} HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: {body.Length}\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 100", raw.ReadResponse());
        raw.Send(body);
        Assert.StartsWith("HTTP/1.1 200", raw.ReadResponse());
        Assert.Equal("continued", Assert.Single(run.TakeAll()).UniqueId);
    }

    [Fact]
    public void AHeadLargerThanTheLimitIs431()
    {
        using var run = Start();
        using var raw = RawHttp.Connect(run.Port);
        raw.Send($"POST /receipts/{Secret} HTTP/1.1\r\nHost: x\r\nX-Padding: {new string('a', 9000)}\r\n\r\n");
        Assert.StartsWith("HTTP/1.1 431", RawHttp.StatusLineOf(raw.ReadUntilClosed()));
    }
}
