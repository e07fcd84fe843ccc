using System.Net;
using System.Net.Sockets;
using CloudRebue.Core.Api;
using CloudRebue.Core.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CloudRebue.Core.Tests.Api;

/// <summary><c>GET account/balance</c> through the client: what it sends, what it reads, and how each failure reads.</summary>
public class CloudRebueClientBalanceTests
{
    private const string Token = "client-test-token-0123456789";

    private static CloudRebueClient Client(HttpMessageHandler handler, TimeProvider? time = null) =>
        new(new CloudRebueClientOptions(ApiToken.FromPlainText(Token)) { BaseUri = new Uri("https://api.example/api/v1"), Timeout = TimeSpan.FromSeconds(5) }, handler, time);

    [Fact]
    public async Task SendsTheBearerTokenToAccountBalanceAndReadsTheAnswer()
    {
        var handler = new ScriptedHandler(HttpStatusCode.OK, "{\"status\":true,\"data\":{\"account_units\":\"6974\",\"date\":\"2021-12-03 11:10:44\"}}");
        using var client = Client(handler);
        BalanceInfo balance = await client.GetBalanceAsync(CancellationToken.None);
        Assert.Equal(6974m, balance.AccountUnits);
        Assert.Equal(new DateTimeOffset(2021, 12, 3, 11, 10, 44, TimeSpan.FromHours(3)), balance.Date);
        var (request, _) = Assert.Single(handler.Seen);
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("https://api.example/api/v1/account/balance", request.RequestUri!.ToString());
        Assert.Equal("Bearer " + Token, request.Headers.Authorization!.ToString());
    }

    [Fact]
    public async Task A404PointsAtTheBaseUriAndItsApiV1()
    {
        using var client = new CloudRebueClient(new CloudRebueClientOptions(ApiToken.FromPlainText(Token)) { BaseUri = new Uri("https://api.example/") }, new ScriptedHandler(HttpStatusCode.NotFound, "<html>Not Found</html>"));
        var ex = await Assert.ThrowsAsync<CloudRebueApiException>(() => client.GetBalanceAsync(CancellationToken.None));
        Assert.Contains("Check -BaseUri: the API's address ends in /api/v1", ex.Message);
        Assert.Contains("it was https://api.example/.", ex.Message);
    }

    [Fact]
    public async Task TheApisWordsEndTheirSentenceBeforeOursBegins()
    {
        using var client = Client(new ScriptedHandler(HttpStatusCode.ServiceUnavailable, "{\"message\":\"Service Unavailable\"}"));
        var ex = await Assert.ThrowsAsync<CloudRebueApiException>(() => client.GetBalanceAsync(CancellationToken.None));
        Assert.Contains("The API said: Service Unavailable. Try again later.", ex.Message);
    }

    [Fact]
    public async Task A401SaysTheTokenWasRejectedAndWhereToGetANewOne()
    {
        using var client = Client(new ScriptedHandler(HttpStatusCode.Unauthorized, "{\"status\":false,\"message\":\"Unauthenticated.\"}"));
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
        using var client = Client(new ScriptedHandler(HttpStatusCode.InternalServerError, "{\"message\":\"Bad header Bearer " + Token + "\"}"));
        var ex = await Assert.ThrowsAsync<CloudRebueApiException>(() => client.GetBalanceAsync(CancellationToken.None));
        Assert.Equal(ApiFailureKind.ServerError, ex.Kind);
        Assert.DoesNotContain(Token, ex.ToString());
        Assert.Contains("Bad header Bearer ****", ex.Message);
    }

    [Fact]
    public async Task AnExceptionThatQuotesTheTokenIsReplacedByAScrubbedOne()
    {
        using var client = Client(ScriptedHandler.Throwing(new HttpRequestException("proxy said: Bearer " + Token, new SocketException((int)SocketError.ConnectionRefused))));
        var ex = await Assert.ThrowsAsync<CloudRebueApiException>(() => client.GetBalanceAsync(CancellationToken.None));
        Assert.DoesNotContain(Token, ex.ToString());
    }

    [Fact]
    public async Task AnUnreachableHostNamesTheUrlAndTheCause()
    {
        using var client = Client(ScriptedHandler.Throwing(new HttpRequestException("Connection refused (api.example:443)", new SocketException((int)SocketError.ConnectionRefused))));
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
        var handler = new ScriptedHandler(async (_, _, ct) =>
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
        var handler = new ScriptedHandler(async (_, _, ct) =>
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
        using var client = Client(new ScriptedHandler(HttpStatusCode.OK, "<html>login</html>"));
        var ex = await Assert.ThrowsAsync<CloudRebueApiException>(() => client.GetBalanceAsync(CancellationToken.None));
        Assert.Equal(ApiFailureKind.UnreadableResponse, ex.Kind);
        Assert.Contains("-BaseUri", ex.Message);
    }

    [Fact]
    public async Task ReadsASisterBrandsMoneyBalance()
    {
        using var client = Client(new ScriptedHandler(HttpStatusCode.OK, """{"status":true,"data":{"balance_kes":"1250.50","balance_minor":125050}}"""));
        BalanceInfo balance = await client.GetBalanceAsync(CancellationToken.None);
        Assert.Null(balance.AccountUnits);
        Assert.Equal(1250.50m, balance.BalanceKes);
        Assert.Equal(125050L, balance.BalanceMinor);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, ApiFailureKind.TokenRejected)]
    [InlineData(HttpStatusCode.InternalServerError, ApiFailureKind.ServerError)]
    [InlineData(HttpStatusCode.ServiceUnavailable, ApiFailureKind.Unavailable)]
    [InlineData(HttpStatusCode.Forbidden, ApiFailureKind.Refused)]
    public async Task FailuresThrowWithTheirKindAndNeverTheToken(HttpStatusCode status, ApiFailureKind kind)
    {
        using var client = Client(new ScriptedHandler(status, """{"status":false,"message":"Unauthenticated."}"""));
        var ex = await Assert.ThrowsAsync<CloudRebueApiException>(() => client.GetBalanceAsync(CancellationToken.None));
        Assert.Equal(kind, ex.Kind);
        Assert.Equal((int)status, ex.StatusCode);
        Assert.DoesNotContain(Token, ex.ToString());
    }

    [Fact]
    public async Task ATokenEchoedInARefusalIsScrubbed()
    {
        using var client = Client(new ScriptedHandler(HttpStatusCode.BadRequest, "{\"message\":\"bad token " + Token + "\"}"));
        var ex = await Assert.ThrowsAsync<CloudRebueApiException>(() => client.GetBalanceAsync(CancellationToken.None));
        Assert.DoesNotContain(Token, ex.ToString());
        Assert.Contains("****", ex.Message);
    }
}
