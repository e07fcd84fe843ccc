using System.Net;
using System.Net.Http;
using System.Text;
using CloudRebue.Core.Api;
using CloudRebue.Core.Sending;
using CloudRebue.Core.Tests.Fakes;
using Xunit;

namespace CloudRebue.Core.Tests.Sending;

/// <summary>voice-sms on the wire: one call object per request, and answers classified like send-sms.</summary>
public class VoiceCallTransportTests
{
    private static readonly OutgoingMessage Call = new("254712345678", "DB01 is down", "254708361797", "alert-1", null, "https://hooks.example/r/s", null, 1);

    private static (VoiceCallTransport Transport, List<string> Bodies, ScriptedHandler Handler) Transport(HttpStatusCode status, string answer, VoiceCallSettings settings, Brand brand = Brand.CloudRebue)
    {
        var bodies = new List<string>();
        var handler = new ScriptedHandler((_, body, _) =>
        {
            bodies.Add(body);
            return Task.FromResult(ScriptedHandler.Json(status, answer));
        });
        var client = new CloudRebueClient(new CloudRebueClientOptions(ApiToken.FromPlainText("voice-test-token-0123456789")) { BaseUri = new Uri("https://api.example/api/v1"), Brand = brand }, handler);
        return (new VoiceCallTransport(client, settings), bodies, handler);
    }

    [Fact]
    public async Task OneCallIsOneObjectWithTheOriginatorAndOnlyTheSettingsGiven()
    {
        var (transport, bodies, handler) = Transport(HttpStatusCode.OK,
            """[{"status":true,"message":"queued","data":{"originator":"254708361797","phone":"254712345678","operator":"safaricom","correlator":"alert-1","uniqueId":"u-1","batch_id":"b"}}]""",
            new VoiceCallSettings(2, null));
        SendAttempt attempt = await transport.SendBatchAsync([Call], null, CancellationToken.None);
        Assert.Equal("""{"originator":"254708361797","message":"DB01 is down","phone":"254712345678","voice":2,"correlator":"alert-1","endpoint":"https://hooks.example/r/s"}""", Assert.Single(bodies));
        Assert.Equal("https://api.example/api/v1/voice-sms", handler.Seen.First().Request.RequestUri!.ToString());
        var item = Assert.Single(attempt.Items!);
        Assert.True(item.Accepted);
        Assert.Equal("u-1", item.UniqueId);
        Assert.Null(item.SmsUnits);
    }

    [Theory]
    [InlineData(Brand.RebueText, "\"delivery_endpoint\":\"https://hooks.example/r/s\"}")]
    [InlineData(Brand.Unknown, "\"endpoint\":\"https://hooks.example/r/s\",\"delivery_endpoint\":\"https://hooks.example/r/s\"}")]
    public async Task TheReceiptUrlGoesUnderTheNamesTheBrandReads(Brand brand, string ending)
    {
        var (transport, bodies, _) = Transport(HttpStatusCode.OK, "[]", new VoiceCallSettings(null, null), brand);
        await transport.SendBatchAsync([Call], null, CancellationToken.None);
        Assert.EndsWith("\"correlator\":\"alert-1\"," + ending, Assert.Single(bodies));
    }

    [Fact]
    public async Task AServerErrorIsAmbiguousLikeForSms()
    {
        var (transport, _, _) = Transport(HttpStatusCode.InternalServerError, """{"message":"Server Error"}""", new VoiceCallSettings(null, 3));
        SendAttempt attempt = await transport.SendBatchAsync([Call], null, CancellationToken.None);
        Assert.Equal(ApiFailureKind.ServerError, attempt.Failure);
    }

    [Fact]
    public async Task MoreThanOneCallPerRequestIsRefused()
    {
        var (transport, bodies, _) = Transport(HttpStatusCode.OK, "[]", new VoiceCallSettings(null, null));
        await Assert.ThrowsAsync<ArgumentException>(() => transport.SendBatchAsync([Call, Call], null, CancellationToken.None));
        Assert.Empty(bodies);
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(3, null)]
    [InlineData(null, 0)]
    [InlineData(null, 11)]
    public void SettingsOutsideTheDocumentedRangesAreRefused(int? voice, int? repeat) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new VoiceCallSettings(voice, repeat));
}
