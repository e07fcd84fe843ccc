using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using CloudRebue.Core.Api;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CloudRebue.Core.Tests.Api;

public class CloudRebueClientBalanceTests
{
    private const string Token = "client-test-token-0123456789";

    private static CloudRebueClient Client(HttpMessageHandler handler, TimeProvider? time = null) =>
        new(new CloudRebueClientOptions(ApiToken.FromPlainText(Token)) { BaseUri = new Uri("https://api.example/api/v1"), Timeout = TimeSpan.FromSeconds(5) }, handler, time);

    [Fact]
    public async Task SendsTheBearerTokenToAccountBalanceAndReadsTheAnswer()
    {
        var handler = ScriptedHandler.Json(HttpStatusCode.OK, "{\"status\":true,\"data\":{\"account_units\":\"6974\",\"date\":\"2021-12-03 11:10:44\"}}");
        using var client = Client(handler);
        BalanceInfo balance = await client.GetBalanceAsync(CancellationToken.None);
        Assert.Equal(6974m, balance.AccountUnits);
        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("https://api.example/api/v1/account/balance", request.RequestUri!.ToString());
        Assert.Equal("Bearer " + Token, request.Headers.Authorization!.ToString());
    }

    [Fact]
    public async Task A404PointsAtTheBaseUriAndItsApiV1()
    {
        using var client = new CloudRebueClient(new CloudRebueClientOptions(ApiToken.FromPlainText(Token)) { BaseUri = new Uri("https://api.example/") }, ScriptedHandler.Json(HttpStatusCode.NotFound, "<html>Not Found</html>"));
        var ex = await Assert.ThrowsAsync<CloudRebueApiException>(() => client.GetBalanceAsync(CancellationToken.None));
        Assert.Contains("Check -BaseUri: the API's address ends in /api/v1", ex.Message);
        Assert.Contains("it was https://api.example/.", ex.Message);
    }

    [Fact]
    public async Task TheApisWordsEndTheirSentenceBeforeOursBegins()
    {
        using var client = Client(ScriptedHandler.Json(HttpStatusCode.ServiceUnavailable, "{\"message\":\"Service Unavailable\"}"));
        var ex = await Assert.ThrowsAsync<CloudRebueApiException>(() => client.GetBalanceAsync(CancellationToken.None));
        Assert.Contains("The API said: Service Unavailable. Try again later.", ex.Message);
    }

    [Fact]
    public async Task A401SaysTheTokenWasRejectedAndWhereToGetANewOne()
    {
        using var client = Client(ScriptedHandler.Json(HttpStatusCode.Unauthorized, "{\"status\":false,\"message\":\"Unauthenticated.\"}"));
        var ex = await Assert.ThrowsAsync<CloudRebueApiException>(() => client.GetBalanceAsync(CancellationToken.None));
        Assert.Equal(ApiFailureKind.TokenRejected, ex.Kind);
        Assert.Equal(401, ex.StatusCode);
        Assert.Contains("rejected the token", ex.Message);
        Assert.Contains("Unauthenticated.", ex.Message);
        Assert.Contains("https://api.example", ex.Message); // the portal's host
        Assert.Contains("Connect-CloudRebue", ex.Message);
    }

    [Fact]
    public async Task AServerThatEchoesTheTokenHasItMasked()
    {
        using var client = Client(ScriptedHandler.Json(HttpStatusCode.InternalServerError, "{\"message\":\"Bad header Bearer " + Token + "\"}"));
        var ex = await Assert.ThrowsAsync<CloudRebueApiException>(() => client.GetBalanceAsync(CancellationToken.None));
        Assert.Equal(ApiFailureKind.ServerError, ex.Kind);
        Assert.DoesNotContain(Token, ex.ToString());
        Assert.Contains("Bad header Bearer ****", ex.Message);
    }

    [Fact]
    public async Task AnExceptionThatQuotesTheTokenIsReplacedByAScrubbedOne()
    {
        using var client = Client(ScriptedHandler.Throws(new HttpRequestException("proxy said: Bearer " + Token, new SocketException((int)SocketError.ConnectionRefused))));
        var ex = await Assert.ThrowsAsync<CloudRebueApiException>(() => client.GetBalanceAsync(CancellationToken.None));
        Assert.DoesNotContain(Token, ex.ToString());
    }

    [Fact]
    public async Task AnUnreachableHostNamesTheUrlAndTheCause()
    {
        using var client = Client(ScriptedHandler.Throws(new HttpRequestException("Connection refused (api.example:443)", new SocketException((int)SocketError.ConnectionRefused))));
        var ex = await Assert.ThrowsAsync<CloudRebueApiException>(() => client.GetBalanceAsync(CancellationToken.None));
        Assert.Equal(ApiFailureKind.Unreachable, ex.Kind);
        Assert.Contains("https://api.example/api/v1/account/balance", ex.Message);
        Assert.Contains("Connection refused", ex.Message);
        Assert.IsType<HttpRequestException>(ex.InnerException); // the cause is kept, not dropped
    }

    [Fact]
    public async Task NoAnswerWithinTheTimeoutIsATimeoutWithoutWaitingForReal()
    {
        var time = new FakeTimeProvider();
        var handler = new ScriptedHandler(async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("unreachable");
        });
        using var client = Client(handler, time);
        Task<BalanceInfo> call = client.GetBalanceAsync(CancellationToken.None);
        Assert.False(call.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(5));
        var ex = await Assert.ThrowsAsync<CloudRebueApiException>(() => call);
        Assert.Equal(ApiFailureKind.Timeout, ex.Kind);
        Assert.Contains("5 s", ex.Message);
    }

    [Fact]
    public async Task TheCallersCancellationIsNotDressedUpAsATimeout()
    {
        var handler = new ScriptedHandler(async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("unreachable");
        });
        using var client = Client(handler);
        using var cts = new CancellationTokenSource();
        Task<BalanceInfo> call = client.GetBalanceAsync(cts.Token);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    [Fact]
    public async Task A200WithoutABalanceIsUnreadableAndPointsAtTheBaseUri()
    {
        using var client = Client(ScriptedHandler.Json(HttpStatusCode.OK, "<html>login</html>"));
        var ex = await Assert.ThrowsAsync<CloudRebueApiException>(() => client.GetBalanceAsync(CancellationToken.None));
        Assert.Equal(ApiFailureKind.UnreadableResponse, ex.Kind);
        Assert.Contains("-BaseUri", ex.Message);
    }
}
