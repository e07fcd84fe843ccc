using System.Net;
using System.Net.Http;
using System.Text;
using CloudRebue.Core.Api;
using CloudRebue.Core.Tests.Fakes;
using Xunit;

namespace CloudRebue.Core.Tests.Api;

/// <summary>POST account/top-up: the body sent, and every answer mapped to Succeeded, Failed (nothing moved) or Unknown.</summary>
public class TopUpClientTests
{
    private const string Token = "client-test-token-0123456789";

    private static CloudRebueClient Client(HttpMessageHandler handler) =>
        new(new CloudRebueClientOptions(ApiToken.FromPlainText(Token)) { BaseUri = new Uri("https://api.example/api/v1"), Timeout = TimeSpan.FromSeconds(5) }, handler);

    private static async Task<(TopUpResult Result, List<string> Bodies, ScriptedHandler Handler)> TopUp(TopUpRequest request, HttpStatusCode status, string answer)
    {
        var bodies = new List<string>();
        var handler = new ScriptedHandler((_, body, _) =>
        {
            bodies.Add(body);
            return Task.FromResult(ScriptedHandler.Json(status, answer));
        });
        using var client = Client(handler);
        return (await client.TopUpAsync(request, CancellationToken.None), bodies, handler);
    }

    [Fact]
    public async Task TheUnitsFormSendsTheDocumentedBodyAndReadsTheDocumentedAnswer()
    {
        var (result, bodies, handler) = await TopUp(TopUpRequest.OfUnits(2, 10, "SB93461"), HttpStatusCode.OK,
            """{"status":true,"message":"account top up successful","data":{"topup_units":"10","initial_units":"84","updated_units":94,"topup_reference":"SB93461","created_at":"2021-12-03 11:10:44"}}""");
        Assert.Equal("""{"units":10,"account_id":2,"topup_reference":"SB93461"}""", Assert.Single(bodies));
        Assert.Equal("https://api.example/api/v1/account/top-up", handler.Seen.First().Request.RequestUri!.ToString());
        Assert.Equal(HttpMethod.Post, handler.Seen.First().Request.Method);
        Assert.Equal(TopUpStatus.Succeeded, result.Status);
        Assert.Equal(84m, result.InitialUnits);
        Assert.Equal(94m, result.UpdatedUnits);
        Assert.Equal(new DateTimeOffset(2021, 12, 3, 11, 10, 44, TimeSpan.FromHours(3)), result.CreatedAt);
        Assert.Null(result.ErrorId);
    }

    [Fact]
    public async Task TheKesFormSendsAnAmountWithoutAReferenceAndReadsBothBalances()
    {
        var (result, bodies, _) = await TopUp(TopUpRequest.OfAmountKes(2, 500.5m), HttpStatusCode.OK,
            """{"status":true,"data":{"updated_balance_kes":"500.50","parent_balance_kes":1200}}""");
        Assert.Equal("""{"account_id":2,"amount":500.5}""", Assert.Single(bodies));
        Assert.Equal(500.50m, result.UpdatedBalanceKes);
        Assert.Equal(1200m, result.ParentBalanceKes);
    }

    [Fact]
    public async Task A403SaysTheAccountIsNotASubAccount()
    {
        var (result, _, _) = await TopUp(TopUpRequest.OfUnits(9, 10, null), HttpStatusCode.Forbidden, """{"status":false,"message":"The account is not a subaccount of the parent account."}""");
        Assert.Equal(TopUpStatus.Failed, result.Status);
        Assert.Equal(TopUpErrorIds.NotSubAccount, result.ErrorId);
        Assert.Contains("account 9 is not a sub-account", result.Error);
        Assert.Contains("The API said: The account is not a subaccount of the parent account.", result.Error);
    }

    [Theory]
    [InlineData("""{"message":"The units field is required.","errors":{"units":["The units field is required."]}}""")]
    [InlineData("""{"status":false,"message":{"units":["The units field is required."]}}""")]
    public async Task A422KeepsEachFieldsMessagesWhereverLaravelPutThem(string answer)
    {
        var (result, _, _) = await TopUp(TopUpRequest.OfUnits(2, 10, null), (HttpStatusCode)422, answer);
        Assert.Equal(TopUpErrorIds.Invalid, result.ErrorId);
        Assert.Equal(["The units field is required."], result.FieldErrors["units"]);
        Assert.Contains("units: The units field is required.", result.Error);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    public async Task AServerErrorIsUnknownAndSaysToCheckBeforeRepeating(int status)
    {
        var (result, bodies, _) = await TopUp(TopUpRequest.OfUnits(2, 10, null), (HttpStatusCode)status, """{"message":"Server Error"}""");
        Assert.Single(bodies);
        Assert.Equal(TopUpStatus.Unknown, result.Status);
        Assert.Equal(TopUpErrorIds.OutcomeUnknown, result.ErrorId);
        Assert.Contains("before repeating", result.Error);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public async Task ARefusalBeforeActingIsFailedAndNotRetried(int status)
    {
        var (result, bodies, _) = await TopUp(TopUpRequest.OfUnits(2, 10, null), (HttpStatusCode)status, """{"message":"Too Many Attempts."}""");
        Assert.Single(bodies);
        Assert.Equal(TopUpStatus.Failed, result.Status);
        Assert.Equal(TopUpErrorIds.NotDone, result.ErrorId);
        Assert.Contains("Nothing moved", result.Error);
    }

    [Fact]
    public async Task AnUnreadable200IsUnknown()
    {
        var (result, _, _) = await TopUp(TopUpRequest.OfUnits(2, 10, null), HttpStatusCode.OK, """{"status":tr""");
        Assert.Equal(TopUpStatus.Unknown, result.Status);
    }

    [Fact]
    public async Task AStatusFalse200IsRefused()
    {
        var (result, _, _) = await TopUp(TopUpRequest.OfUnits(2, 10, null), HttpStatusCode.OK, """{"status":false,"message":"Insufficient units"}""");
        Assert.Equal(TopUpStatus.Failed, result.Status);
        Assert.Equal(TopUpErrorIds.Refused, result.ErrorId);
        Assert.Contains("Insufficient units", result.Error);
    }

    [Fact]
    public async Task A401IsMarkedSoTheCmdletStops()
    {
        var (result, _, _) = await TopUp(TopUpRequest.OfUnits(2, 10, null), HttpStatusCode.Unauthorized, """{"status":false,"message":"Unauthenticated."}""");
        Assert.Equal(ApiFailureKind.TokenRejected, result.FailureKind);
        Assert.DoesNotContain(Token, result.Error);
    }

    [Fact]
    public async Task ATimeoutAfterSendingIsUnknownAndAConnectionNeverMadeIsFailed()
    {
        var timedOut = new ScriptedHandler((_, _, _) => Task.FromException<HttpResponseMessage>(new TaskCanceledException("timed out")));
        using (var client = Client(timedOut))
        {
            var result = await client.TopUpAsync(TopUpRequest.OfUnits(2, 10, null), CancellationToken.None);
            Assert.Equal(TopUpStatus.Unknown, result.Status);
            Assert.Single(timedOut.Seen);
        }

        var refused = ScriptedHandler.Throwing(new HttpRequestException("refused", new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused)));
        using (var client = Client(refused))
        {
            var result = await client.TopUpAsync(TopUpRequest.OfUnits(2, 10, null), CancellationToken.None);
            Assert.Equal(TopUpStatus.Failed, result.Status);
            Assert.Equal(TopUpErrorIds.NotDone, result.ErrorId);
        }
    }

    [Fact]
    public void RequestsRefuseValuesThatCannotBeATopUp()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TopUpRequest.OfUnits(0, 10, null));
        Assert.Throws<ArgumentOutOfRangeException>(() => TopUpRequest.OfUnits(2, 0, null));
        Assert.Throws<ArgumentOutOfRangeException>(() => TopUpRequest.OfAmountKes(2, 0m));
    }
}
