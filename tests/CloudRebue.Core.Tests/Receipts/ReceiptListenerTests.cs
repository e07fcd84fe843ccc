using System.Net;
using System.Text;
using CloudRebue.Core.Receipts;
using Xunit;
using static CloudRebue.Core.Tests.Receipts.RunningListener;

namespace CloudRebue.Core.Tests.Receipts;

/// <summary>The receiver over real HTTP on a free loopback port: what it accepts and what it emits.</summary>
public class ReceiptListenerTests
{
    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private sealed class OneMessageJournal : IReceiptCorrelator
    {
        public string? Problem => null;

        public SentMessage? FindSent(string? correlator, string uniqueId) =>
            correlator == "7" ? new SentMessage("ACME", "Your invoice is ready", "row 7") : null;
    }

    [Fact]
    public async Task AReceiptIsAnswered200AndEmittedTyped()
    {
        var now = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        using var run = Start(time: new FixedTime(now));

        var response = await run.PostAsync(Json("u-1", correlator: "2"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var r = Assert.Single(run.TakeAll());
        Assert.Equal("254712345678", r.Phone);
        Assert.Equal("2", r.Correlator);
        Assert.Equal("u-1", r.UniqueId);
        Assert.True(r.Delivered);
        Assert.Equal(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.FromHours(3)), r.DeliveryTime);
        Assert.Equal(now, r.ReceivedAt);
        Assert.Equal("127.0.0.1", r.RemoteAddress);
        Assert.Equal(1, run.Listener.Statistics.Accepted);
    }

    [Fact]
    public async Task AnArrayBodyEmitsEveryReceipt()
    {
        using var run = Start();
        var response = await run.PostAsync("[" + Json("a") + "," + Json("b", "DeliveryImpossible", "\"x-9\"") + "]");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var all = run.TakeAll();
        Assert.Equal(new[] { "a", "b" }, all.Select(r => r.UniqueId));
        Assert.Equal("x-9", all[1].Correlator);
        Assert.False(all[1].Delivered);
    }

    [Fact]
    public async Task AJournalJoinsTheSentMessageByCorrelator()
    {
        using var run = Start(correlator: new OneMessageJournal());
        await run.PostAsync("[" + Json("a", correlator: "7") + "," + Json("b", correlator: "8") + "]");
        var all = run.TakeAll();
        Assert.Equal("ACME", all[0].Sender);
        Assert.Equal("Your invoice is ready", all[0].Message);
        Assert.Equal("row 7", all[0].InputObject);
        Assert.Null(all[1].Sender);
    }

    [Theory]
    [InlineData("/receipts/" + Secret + "x")]
    [InlineData("/receipts/" + "5f0c1d9a8b7e4f3a9c2d1e0f6a7b8c9")]
    [InlineData("/receipts/")]
    [InlineData("/")]
    [InlineData("/other")]
    [InlineData("/RECEIPTS/" + Secret)]
    public async Task AnyOtherPathIs404AndNeverEmitted(string path)
    {
        using var run = Start();
        var response = await run.PostAsync(Json("u"), path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(Secret, await response.Content.ReadAsStringAsync());
        Assert.Empty(run.TakeAll());
        Assert.Equal(1, run.Listener.Statistics.Answered(404));
    }

    [Fact]
    public async Task ATrailingSlashAndAQueryStringStillMatch()
    {
        using var run = Start();
        Assert.Equal(HttpStatusCode.OK, (await run.PostAsync(Json("a"), $"/receipts/{Secret}/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await run.PostAsync(Json("b"), $"/receipts/{Secret}?from=provider")).StatusCode);
        Assert.Equal(2, run.TakeAll().Count);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task AnotherMethodIs405WithAllowPost(string method)
    {
        using var run = Start();
        var request = new HttpRequestMessage(new HttpMethod(method), run.ReceiptUrl);
        if (method == "PUT")
        {
            request.Content = new StringContent(Json("u"));
        }

        var response = await run.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(new[] { "POST" }, response.Content.Headers.Allow);
        Assert.Empty(run.TakeAll());
    }

    [Fact]
    public async Task AnotherMethodOnAnotherPathIs404()
    {
        using var run = Start();
        var response = await run.Client.GetAsync(run.UrlFor("/receipts/guess"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("{\"phone\":")]
    [InlineData("not json at all")]
    [InlineData("")]
    public async Task MalformedJsonIs400(string body)
    {
        using var run = Start();
        var response = await run.PostAsync(body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(run.TakeAll());
        Assert.Equal(1, run.Listener.Statistics.Answered(400));
        Assert.Equal(0, run.Listener.Statistics.Faults);
    }

    [Theory]
    [InlineData("""{"correlator":1,"uniqueId":"u","deliveryStatus":"DeliveredToTerminal"}""", "phone")]
    [InlineData("""{"phone":"254712345678","deliveryStatus":"DeliveredToTerminal"}""", "uniqueId")]
    [InlineData("""{"phone":"254712345678","uniqueId":"u"}""", "deliveryStatus")]
    public async Task AMissingFieldIs400NamingIt(string body, string field)
    {
        using var run = Start();
        var response = await run.PostAsync(body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, await response.Content.ReadAsStringAsync());
        Assert.Empty(run.TakeAll());
    }

    [Fact]
    public async Task CorrelatorAndDeliveryTimeAreOptional()
    {
        using var run = Start();
        var response = await run.PostAsync("""{"phone":"254712345678","uniqueId":"u","deliveryStatus":"DeliveredToTerminal"}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var r = Assert.Single(run.TakeAll());
        Assert.Null(r.Correlator);
        Assert.Null(r.DeliveryTime);
    }

    [Fact]
    public async Task ADuplicateIsAnswered200AndEmittedOnce()
    {
        using var run = Start();
        Assert.Equal(HttpStatusCode.OK, (await run.PostAsync(Json("u"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await run.PostAsync(Json("u"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await run.PostAsync(Json("u", "DeliveryImpossible"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await run.PostAsync(Json("u", time: "2020-01-01 00:00:01"))).StatusCode);

        Assert.Equal(3, run.TakeAll().Count);
        Assert.Equal(3, run.Listener.Statistics.Accepted);
        Assert.Equal(1, run.Listener.Statistics.Duplicates);
    }

    [Fact]
    public async Task AFullQueueIs503UntilTheConsumerTakes()
    {
        using var run = Start(o => o.QueueCapacity = 1);
        Assert.Equal(HttpStatusCode.OK, (await run.PostAsync(Json("a"))).StatusCode);

        var refused = await run.PostAsync(Json("b"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);

        Assert.Equal("a", Assert.Single(run.TakeAll()).UniqueId);
        Assert.Equal(HttpStatusCode.OK, (await run.PostAsync(Json("b"))).StatusCode);
        Assert.Equal("b", Assert.Single(run.TakeAll()).UniqueId);
    }

    [Fact]
    public async Task AfterMaxReceiptsMoreAre503()
    {
        using var run = Start(o => o.MaxReceipts = 2);
        Assert.Equal(HttpStatusCode.OK, (await run.PostAsync(Json("a"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await run.PostAsync(Json("b"))).StatusCode);
        Assert.True(run.Listener.IsIntakeClosed);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await run.PostAsync(Json("c"))).StatusCode);
        Assert.Equal(new[] { "a", "b" }, run.TakeAll().Select(r => r.UniqueId));
    }

    [Fact]
    public async Task AfterCloseIntakeReceiptsAre503AndQueuedOnesCanStillBeTaken()
    {
        using var run = Start();
        await run.PostAsync(Json("a"));
        run.Listener.CloseIntake();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await run.PostAsync(Json("b"))).StatusCode);
        Assert.Equal("a", Assert.Single(run.TakeAll()).UniqueId);
    }

    [Fact]
    public async Task AChunkedBodyUnderTheCapIsAccepted()
    {
        using var run = Start();
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(Json("chunked"))));
        var request = new HttpRequestMessage(HttpMethod.Post, run.ReceiptUrl) { Content = content };
        request.Headers.TransferEncodingChunked = true;
        var response = await run.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("chunked", Assert.Single(run.TakeAll()).UniqueId);
    }

    [Fact]
    public async Task ABodyOfExactlyTheCapIsRead()
    {
        using var run = Start(o => o.MaxBodyBytes = 1024);
        string json = Json("edge");
        string body = json + new string(' ', 1024 - Encoding.UTF8.GetByteCount(json));
        Assert.Equal(HttpStatusCode.OK, (await run.PostAsync(body)).StatusCode);
        Assert.Single(run.TakeAll());
    }

    [Fact]
    public async Task ADeclaredLengthOverTheCapIs413BeforeAnyOfTheBodyIsSent()
    {
        using var run = Start(o => o.MaxBodyBytes = 1024);
        using var raw = RawHttp.Connect(run.Port);

        // Ten megabytes announced, none sent: only an answer that did not wait for the body can arrive.
        raw.Send($"POST /receipts/{Secret} HTTP/1.1\r\nHost: 127.0.0.1:{run.Port}\r\nContent-Type: application/json\r\nContent-Length: 10000000\r\n\r\n");
        string response = raw.ReadUntilClosed();

        Assert.StartsWith("HTTP/1.1 413", RawHttp.StatusLineOf(response));

        // Closing (rather than draining the announced body to reuse the connection) is what keeps a
        // huge body from being read at all.
        Assert.Contains("Connection: close", response, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, run.Listener.Statistics.Answered(413));
        Assert.Equal(HttpStatusCode.OK, (await run.PostAsync(Json("after"))).StatusCode);
    }

    [Fact]
    public async Task ARefusalBeforeTheBodyClosesTheConnectionInsteadOfDrainingIt()
    {
        using var run = Start();
        using var raw = RawHttp.Connect(run.Port);

        // A stranger announcing a huge body to a wrong path: answered at once, and the connection
        // is closed rather than kept alive, which would mean reading the whole body first.
        raw.Send($"POST /receipts/guess HTTP/1.1\r\nHost: 127.0.0.1:{run.Port}\r\nContent-Length: 10000000\r\n\r\n");
        string response = raw.ReadUntilClosed();

        Assert.StartsWith("HTTP/1.1 404", RawHttp.StatusLineOf(response));
        Assert.Contains("Connection: close", response, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await run.PostAsync(Json("after"))).StatusCode);
    }

    [Fact]
    public async Task AChunkedBodyOverTheCapIs413AfterCapPlusOneBytes()
    {
        using var run = Start(o => o.MaxBodyBytes = 1024);
        using var raw = RawHttp.Connect(run.Port);

        // Two chunks of 1000 bytes (over the cap) and no terminating chunk: the listener must stop
        // reading at 1025 bytes and answer, not wait for an end that never comes.
        raw.Send($"POST /receipts/{Secret} HTTP/1.1\r\nHost: 127.0.0.1:{run.Port}\r\nTransfer-Encoding: chunked\r\n\r\n");
        string chunk = "3E8\r\n" + new string('x', 1000) + "\r\n";
        raw.Send(chunk + chunk);
        string response = raw.ReadUntilClosed();

        Assert.StartsWith("HTTP/1.1 413", RawHttp.StatusLineOf(response));
        Assert.Contains("Connection: close", response, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(run.TakeAll());
        Assert.Equal(HttpStatusCode.OK, (await run.PostAsync(Json("after"))).StatusCode);
    }

    [Fact]
    public async Task AClientThatGoesAwayMidBodyLeavesTheListenerServing()
    {
        using var run = Start();
        for (int i = 0; i < 5; i++)
        {
            using var raw = RawHttp.Connect(run.Port);
            raw.Send($"POST /receipts/{Secret} HTTP/1.1\r\nHost: 127.0.0.1:{run.Port}\r\nContent-Length: 1000\r\n\r\n{{\"phone\":");
        }

        Assert.True(WaitFor(() => run.Listener.Statistics.Faults >= 5), "the five broken requests were not all counted");
        Assert.Equal(HttpStatusCode.OK, (await run.PostAsync(Json("after"))).StatusCode);
        Assert.Equal("after", Assert.Single(run.TakeAll()).UniqueId);
    }

    [Fact]
    public async Task AClientThatStallsMidBodyIsCutOffAndTheListenerServesOthersMeanwhile()
    {
        using var run = Start(o => { o.BodyTimeout = TimeSpan.FromMilliseconds(300); o.MaxConnections = 2; });
        using var stalled = RawHttp.Connect(run.Port);
        stalled.Send($"POST /receipts/{Secret} HTTP/1.1\r\nHost: 127.0.0.1:{run.Port}\r\nContent-Length: 100\r\n\r\n{{");

        Assert.Equal(HttpStatusCode.OK, (await run.PostAsync(Json("meanwhile"))).StatusCode);
        stalled.ReadUntilClosed();
        Assert.True(WaitFor(() => run.Listener.Statistics.Answered(408) == 1), "the stalled request was not answered 408");
        Assert.Equal("meanwhile", Assert.Single(run.TakeAll()).UniqueId);
    }

    [Fact]
    public async Task TwoHundredConcurrentConnectionsAreAllServed()
    {
        using var run = Start();
        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => run.PostAsync(Json("c" + i))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var ids = run.TakeAll().Select(r => r.UniqueId).ToHashSet();
        Assert.Equal(Enumerable.Range(0, 200).Select(i => "c" + i).ToHashSet(), ids);
        Assert.Equal(0, run.Listener.Statistics.Faults);
    }

    [Fact]
    public async Task NoticesDescribeRefusalsWithoutTheSecret()
    {
        using var run = Start();
        await run.PostAsync(Json("u"), "/receipts/" + Secret.Substring(0, 31));
        await run.PostAsync("{");
        var notices = new List<string>();
        while (run.Listener.TryTakeNotice(out var n))
        {
            notices.Add(n);
        }

        Assert.Equal(2, notices.Count);
        Assert.Contains("404", notices[0]);
        Assert.Contains("400", notices[1]);
        Assert.All(notices, n => Assert.DoesNotContain(Secret.Substring(0, 8), n));
    }
}
