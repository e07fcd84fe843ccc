using System.Net;
using CloudRebue.Core.Api;
using CloudRebue.Core.Sending;
using CloudRebue.Core.Tests.Fakes;
using Xunit;

namespace CloudRebue.Core.Tests.Api;

/// <summary>A server that echoes the token, whole, cut or upper-cased, through every path its text takes.</summary>
public class ServerTextCanaryTests
{
    private const string Token = TestMessages.Token;

    /// <summary>No 8 characters of the token, in any case.</summary>
    private static void AssertNoEcho(string? text)
    {
        for (int i = 0; i + 8 <= Token.Length; i++)
        {
            Assert.DoesNotContain(Token.Substring(i, 8), text ?? string.Empty, StringComparison.OrdinalIgnoreCase);
        }
    }

    private static async Task<SendAttempt> Send(HttpStatusCode status, string body, int count = 1)
    {
        using var client = TestMessages.Client(new ScriptedHandler(status, body));
        return await client.SendBatchAsync(TestMessages.Batch(count), null, CancellationToken.None);
    }

    [Fact]
    public async Task AnItemMessageOfA200AndItsFields()
    {
        string body = $$$"""
            [{"status":false,"message":"Rejected header Authorization: Bearer {{{Token}}}","data":{"correlator":"c1"}},
             {"status":true,"message":"queued for {{{Token.ToUpperInvariant()}}}","data":{"correlator":"c2","uniqueId":"{{{Token}}}","operator":"{{{Token.Substring(3, 12)}}}","batch_id":"b-{{{Token}}}"}}]
            """;
        SendAttempt attempt = await Send(HttpStatusCode.OK, body, 2);
        Assert.NotNull(attempt.Items);
        foreach (SendItemResult item in attempt.Items!)
        {
            AssertNoEcho(item.Message);
            AssertNoEcho(item.UniqueId);
            AssertNoEcho(item.Operator);
            AssertNoEcho(item.BatchId);
        }

        var results = SendOutcomeMapper.Map(TestMessages.Batch(2), attempt, DateTimeOffset.UtcNow);
        Assert.Contains("Rejected header Authorization: Bearer ****", results[0].Error);
        Assert.All(results, r => AssertNoEcho(r.Error));
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.Unauthorized)]
    public async Task AnErrorBodyCutAt300Characters(HttpStatusCode status)
    {
        // The token straddles the cut: scrubbing after cutting leaked 25 of its characters.
        SendAttempt attempt = await Send(status, "{\"message\":\"" + new string('x', 280) + Token + "\"}");
        Assert.Contains("****", attempt.Detail);
        AssertNoEcho(attempt.Detail);
    }

    [Fact]
    public async Task ValidationErrorsInAnyCase()
    {
        SendAttempt attempt = await Send((HttpStatusCode)422, "{\"message\":{\"token\":[\"" + Token.ToUpperInvariant() + " is not valid\"]}}");
        AssertNoEcho(attempt.Detail);
        Assert.Contains("token: **** is not valid", attempt.Detail);
    }

    [Fact]
    public async Task ABodyThatIsNotJson()
    {
        SendAttempt attempt = await Send(HttpStatusCode.BadGateway, "<html>proxy saw Bearer " + Token.Substring(0, 20) + "</html>");
        AssertNoEcho(attempt.Detail);
    }

    [Fact]
    public async Task AnExceptionMessage()
    {
        using var client = TestMessages.Client(ScriptedHandler.Throwing(new HttpRequestException("proxy refused 'Bearer " + Token.Substring(2).ToUpperInvariant() + "'", new IOException("reset"))));
        SendAttempt attempt = await client.SendBatchAsync(TestMessages.Batch(1), null, CancellationToken.None);
        Assert.Equal(ApiFailureKind.ConnectionLost, attempt.Failure);
        AssertNoEcho(attempt.Detail);
    }
}
