using System.Net;
using System.Net.Sockets;
using CloudRebue.Core.Api;
using CloudRebue.Core.Tests.Fakes;
using Xunit;

namespace CloudRebue.Core.Tests;

public class CloudRebueClientBalanceTests
{
    [Fact]
    public async Task ReadsAccountUnitsGivenAsAString()
    {
        var handler = new ScriptedHandler(HttpStatusCode.OK, """{"status": true, "data": {"account_units": "6974", "date": "2021-12-03 11:10:44"}}""");
        using var client = TestMessages.Client(handler);
        BalanceInfo balance = await client.GetBalanceAsync(CancellationToken.None);
        Assert.Equal(6974m, balance.AccountUnits);
        Assert.Equal(new DateTimeOffset(2021, 12, 3, 11, 10, 44, TimeSpan.FromHours(3)), balance.Date);
        var (request, _) = Assert.Single(handler.Seen);
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("http://api.test/api/v1/account/balance", request.RequestUri!.ToString());
    }

    [Fact]
    public async Task ReadsASisterBrandsMoneyBalance()
    {
        using var client = TestMessages.Client(new ScriptedHandler(HttpStatusCode.OK, """{"status":true,"data":{"balance_kes":"1250.50","balance_minor":125050}}"""));
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
        using var client = TestMessages.Client(new ScriptedHandler(status, """{"status":false,"message":"Unauthenticated."}"""));
        var ex = await Assert.ThrowsAsync<CloudRebueApiException>(() => client.GetBalanceAsync(CancellationToken.None));
        Assert.Equal(kind, ex.Kind);
        Assert.Equal((int)status, ex.StatusCode);
        Assert.DoesNotContain(TestMessages.Token, ex.ToString());
    }

    [Fact]
    public async Task TokenRejectedSaysWhatToDo()
    {
        using var client = TestMessages.Client(new ScriptedHandler(HttpStatusCode.Unauthorized, """{"status":false,"message":"Unauthenticated."}"""));
        var ex = await Assert.ThrowsAsync<CloudRebueApiException>(() => client.GetBalanceAsync(CancellationToken.None));
        Assert.Contains("rejected the token", ex.Message);
        Assert.Contains("Connect-CloudRebue", ex.Message);
    }

    [Fact]
    public async Task UnreachableNamesTheUrlAndTheCause()
    {
        using var client = TestMessages.Client(ScriptedHandler.Throwing(new HttpRequestException("Connection refused (api.test:80)", new SocketException((int)SocketError.ConnectionRefused))));
        var ex = await Assert.ThrowsAsync<CloudRebueApiException>(() => client.GetBalanceAsync(CancellationToken.None));
        Assert.Equal(ApiFailureKind.Unreachable, ex.Kind);
        Assert.Contains("http://api.test/api/v1/account/balance", ex.Message);
        Assert.Contains("Connection refused", ex.Message);
        Assert.NotNull(ex.InnerException);
    }

    [Fact]
    public async Task ATokenEchoedByAServerIsScrubbed()
    {
        using var client = TestMessages.Client(new ScriptedHandler(HttpStatusCode.BadRequest, "{\"message\":\"bad token " + TestMessages.Token + "\"}"));
        var ex = await Assert.ThrowsAsync<CloudRebueApiException>(() => client.GetBalanceAsync(CancellationToken.None));
        Assert.DoesNotContain(TestMessages.Token, ex.ToString());
        Assert.Contains("****", ex.Message);
    }

    [Fact]
    public async Task AnAnswerWithoutABalanceIsUnreadable()
    {
        using var client = TestMessages.Client(new ScriptedHandler(HttpStatusCode.OK, "<html>login page</html>"));
        var ex = await Assert.ThrowsAsync<CloudRebueApiException>(() => client.GetBalanceAsync(CancellationToken.None));
        Assert.Equal(ApiFailureKind.UnreadableResponse, ex.Kind);
        Assert.Contains("-BaseUri", ex.Message);
    }
}
