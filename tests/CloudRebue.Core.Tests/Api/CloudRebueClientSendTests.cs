using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using CloudRebue.Core.Api;
using CloudRebue.Core.Sending;
using CloudRebue.Core.Tests.Fakes;
using Xunit;

namespace CloudRebue.Core.Tests.Api;

/// <summary>How one send-sms request's outcome is classified: the decision that guards against duplicates.</summary>
public class CloudRebueClientSendTests
{
    private const string TwoAccepted = """
        [{"status":true,"message":"Message successfully queued!","data":{"correlator":1,"uniqueId":"u-1","phone":"254710000001","sms_units":1,"operator":"safaricom","batch_id":"b-1"}},
         {"status":false,"message":"Invalid sender id","data":{"correlator":"c2"}}]
        """;

    [Fact]
    public async Task WritesTheDocumentedRequest()
    {
        var handler = new ScriptedHandler(HttpStatusCode.OK, TwoAccepted);
        using var client = TestMessages.Client(handler);
        var batch = new List<OutgoingMessage> { TestMessages.Message(1, "https://example.com/dlr"), TestMessages.Message(2) };
        await client.SendBatchAsync(batch, null, CancellationToken.None);

        var (request, body) = Assert.Single(handler.Seen);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("http://api.test/api/v1/send-sms", request.RequestUri!.ToString());
        Assert.Equal("Bearer " + TestMessages.Token, request.Headers.Authorization!.ToString());
        Assert.Contains("application/json", request.Headers.Accept.ToString());
        Assert.Equal("application/json", request.Content!.Headers.ContentType!.MediaType);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(JsonValueKind.Array, json.RootElement.ValueKind);
        var first = json.RootElement[0];
        Assert.Equal("ACME", first.GetProperty("sender").GetString());
        Assert.Equal("Hello 1", first.GetProperty("message").GetString());
        Assert.Equal("254710000001", first.GetProperty("phone").GetString());
        Assert.Equal("c1", first.GetProperty("correlator").GetString());
        Assert.Equal("https://example.com/dlr", first.GetProperty("endpoint").GetString());
        Assert.False(json.RootElement[1].TryGetProperty("endpoint", out _));
        Assert.False(first.TryGetProperty("link_id", out _));
    }

    [Fact]
    public async Task SaysWhenTheBodyIsOnTheWireAndOnlyThen()
    {
        int written = 0;
        using (var client = TestMessages.Client(new ScriptedHandler(HttpStatusCode.OK, TwoAccepted)))
        {
            await client.SendBatchAsync(TestMessages.Batch(2), () => written++, CancellationToken.None);
        }

        Assert.Equal(1, written);

        // A handler that fails before reading the body, as a refused connection does.
        var neverWrites = new ScriptedHandler((_, _, _) => Task.FromException<HttpResponseMessage>(new HttpRequestException("refused", new SocketException((int)SocketError.ConnectionRefused))), readBody: false);
        using (var refused = TestMessages.Client(neverWrites))
        {
            await refused.SendBatchAsync(TestMessages.Batch(2), () => written++, CancellationToken.None);
        }

        Assert.Equal(1, written);
    }

    [Fact]
    public async Task ReadsEachEntryByItsStatusNotItsWording()
    {
        using var client = TestMessages.Client(new ScriptedHandler(HttpStatusCode.OK, TwoAccepted));
        SendAttempt attempt = await client.SendBatchAsync(TestMessages.Batch(2), null, CancellationToken.None);
        Assert.Null(attempt.Failure);
        Assert.Equal(2, attempt.Items!.Count);
        Assert.True(attempt.Items[0].Accepted);
        Assert.Equal("u-1", attempt.Items[0].UniqueId);
        Assert.Equal("1", attempt.Items[0].Correlator);
        Assert.Equal(1, attempt.Items[0].SmsUnits);
        Assert.Equal("b-1", attempt.Items[0].BatchId);
        Assert.False(attempt.Items[1].Accepted);
        Assert.Equal("Invalid sender id", attempt.Items[1].Message);
    }

    public static TheoryData<HttpStatusCode, string, ApiFailureKind, bool, bool> StatusCases => new()
    {
        // status, body, kind, safe to retry, ambiguous
        { HttpStatusCode.Unauthorized, """{"status":false,"message":"Unauthenticated."}""", ApiFailureKind.TokenRejected, false, false },
        { (HttpStatusCode)429, """{"message":"Too Many Attempts."}""", ApiFailureKind.RateLimited, true, false },
        { HttpStatusCode.ServiceUnavailable, "", ApiFailureKind.Unavailable, true, false },
        { HttpStatusCode.InternalServerError, "oops", ApiFailureKind.ServerError, false, true },
        { HttpStatusCode.BadGateway, "", ApiFailureKind.ServerError, false, true },
        { HttpStatusCode.GatewayTimeout, "", ApiFailureKind.ServerError, false, true },
        { (HttpStatusCode)422, """{"message":"The given data was invalid.","errors":{"phone":["The phone field is required."]}}""", ApiFailureKind.Refused, false, false },
        { HttpStatusCode.BadRequest, "", ApiFailureKind.Refused, false, false },
        { HttpStatusCode.OK, "<html>not json", ApiFailureKind.UnreadableResponse, false, true },
        { HttpStatusCode.OK, """[{"status":true}]""", ApiFailureKind.UnreadableResponse, false, true },
        { HttpStatusCode.OK, """{"status":true}""", ApiFailureKind.UnreadableResponse, false, true },
    };

    [Theory]
    [MemberData(nameof(StatusCases))]
    public async Task ClassifiesEveryAnswer(HttpStatusCode status, string body, ApiFailureKind kind, bool safe, bool ambiguous)
    {
        using var client = TestMessages.Client(new ScriptedHandler(status, body));
        SendAttempt attempt = await client.SendBatchAsync(TestMessages.Batch(2), null, CancellationToken.None);
        Assert.Equal(kind, attempt.Failure);
        Assert.Equal(safe, attempt.IsSafeToRetry);
        Assert.Equal(ambiguous, attempt.IsAmbiguous);
        Assert.Null(attempt.Items);
        Assert.DoesNotContain(TestMessages.Token, attempt.Detail);
    }

    [Fact]
    public async Task LaravelValidationMessagesReachTheDetail()
    {
        using var client = TestMessages.Client(new ScriptedHandler((HttpStatusCode)422, """{"message":"The given data was invalid.","errors":{"phone":["The phone field is required."]}}"""));
        SendAttempt attempt = await client.SendBatchAsync(TestMessages.Batch(1), null, CancellationToken.None);
        Assert.Contains("The phone field is required.", attempt.Detail);
    }

    [Fact]
    public async Task ReadsRetryAfterSeconds()
    {
        var handler = new ScriptedHandler((_, _, _) =>
        {
            var response = ScriptedHandler.Json((HttpStatusCode)429, """{"message":"Too Many Attempts."}""");
            response.Headers.Add("Retry-After", "3");
            return Task.FromResult(response);
        });
        using var client = TestMessages.Client(handler);
        SendAttempt attempt = await client.SendBatchAsync(TestMessages.Batch(1), null, CancellationToken.None);
        Assert.Equal(TimeSpan.FromSeconds(3), attempt.RetryAfter);
    }

    public static TheoryData<Exception, ApiFailureKind> TransportCases => new()
    {
        { new HttpRequestException("Connection refused", new SocketException((int)SocketError.ConnectionRefused)), ApiFailureKind.Unreachable },
        { new HttpRequestException("No such host", new SocketException((int)SocketError.HostNotFound)), ApiFailureKind.Unreachable },
        { new HttpRequestException("Unreachable", new SocketException((int)SocketError.NetworkUnreachable)), ApiFailureKind.Unreachable },
        { new HttpRequestException("TLS", new System.Security.Authentication.AuthenticationException("handshake")), ApiFailureKind.Unreachable },
        { new HttpRequestException("An error occurred while sending the request.", new IOException("reset", new SocketException((int)SocketError.ConnectionReset))), ApiFailureKind.ConnectionLost },
        { new HttpRequestException("The response ended prematurely."), ApiFailureKind.ConnectionLost },
        { new IOException("broken pipe"), ApiFailureKind.ConnectionLost },
        { new TaskCanceledException("timeout"), ApiFailureKind.Timeout },
    };

    [Theory]
    [MemberData(nameof(TransportCases))]
    public async Task OnlyAConnectionNeverMadeIsSafeToRetry(Exception error, ApiFailureKind kind)
    {
        using var client = TestMessages.Client(ScriptedHandler.Throwing(error));
        SendAttempt attempt = await client.SendBatchAsync(TestMessages.Batch(1), null, CancellationToken.None);
        Assert.Equal(kind, attempt.Failure);
        Assert.Equal(kind == ApiFailureKind.Unreachable, attempt.IsSafeToRetry);
        Assert.Equal(kind != ApiFailureKind.Unreachable, attempt.IsAmbiguous);
    }

    [Fact]
    public async Task ASlowAnswerTimesOutAsUnknown()
    {
        var handler = new ScriptedHandler(async (_, _, ct) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), ct);
            return ScriptedHandler.Json(HttpStatusCode.OK, "[]");
        });
        using var client = TestMessages.Client(handler, TimeSpan.FromMilliseconds(100));
        SendAttempt attempt = await client.SendBatchAsync(TestMessages.Batch(1), null, CancellationToken.None);
        Assert.Equal(ApiFailureKind.Timeout, attempt.Failure);
        Assert.True(attempt.IsAmbiguous);
    }

    [Fact]
    public async Task TheCallersCancellationIsNotATimeout()
    {
        var handler = new ScriptedHandler(async (_, _, ct) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), ct);
            return ScriptedHandler.Json(HttpStatusCode.OK, "[]");
        });
        using var client = TestMessages.Client(handler);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.SendBatchAsync(TestMessages.Batch(1), null, cts.Token));
    }
}
