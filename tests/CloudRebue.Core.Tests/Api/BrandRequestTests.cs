using System.Net;
using System.Text.Json;
using CloudRebue.Core.Api;
using CloudRebue.Core.Sending;
using CloudRebue.Core.Tests.Fakes;
using Xunit;
using FakeHandler = CloudRebue.Core.Tests.Fakes.ScriptedHandler;

namespace CloudRebue.Core.Tests.Api;

/// <summary>The send-sms body each brand gets: the receipt URL under its field name, time_to_send where documented.</summary>
public class BrandRequestTests
{
    private const string OneAccepted = """[{"status":true,"message":"ok","data":{"correlator":"c1","uniqueId":"u-1"}}]""";

    private static async Task<JsonElement> SentBody(Brand brand, OutgoingMessage message)
    {
        var handler = new FakeHandler(HttpStatusCode.OK, OneAccepted);
        var options = new CloudRebueClientOptions(ApiToken.FromPlainText(TestMessages.Token)) { BaseUri = new Uri("http://api.test/api/v1"), Brand = brand };
        using var client = new CloudRebueClient(options, handler);
        SendAttempt attempt = await client.SendBatchAsync([message], null, CancellationToken.None);
        Assert.Null(attempt.Failure);
        return JsonDocument.Parse(Assert.Single(handler.Seen).Body).RootElement[0].Clone();
    }

    [Theory]
    [InlineData(Brand.CloudRebue, new[] { "endpoint" })]
    [InlineData(Brand.RebueText, new[] { "delivery_endpoint" })]
    [InlineData(Brand.BongaTech, new[] { "endpoint" })]
    [InlineData(Brand.Unknown, new[] { "endpoint", "delivery_endpoint" })]
    public async Task TheReceiptUrlGoesUnderTheBrandsFieldName(Brand brand, string[] fields)
    {
        JsonElement sent = await SentBody(brand, TestMessages.Message(1, "https://example.com/dlr/secret"));
        string[] names = sent.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(["sender", "message", "phone", "correlator", .. fields], names);
        Assert.All(fields, f => Assert.Equal("https://example.com/dlr/secret", sent.GetProperty(f).GetString()));
    }

    [Theory]
    [InlineData(Brand.CloudRebue)]
    [InlineData(Brand.RebueText)]
    [InlineData(Brand.Unknown)]
    public async Task NoReceiptUrlNoField(Brand brand)
    {
        JsonElement sent = await SentBody(brand, TestMessages.Message(1));
        Assert.False(sent.TryGetProperty("endpoint", out _));
        Assert.False(sent.TryGetProperty("delivery_endpoint", out _));
    }

    [Fact]
    public async Task RebueTextGetsTimeToSendInEastAfricaTime()
    {
        var message = new OutgoingMessage("254710000001", "hi", "ACME", "c1", null, null, null, 1) { SendAt = new DateTimeOffset(2024, 10, 31, 15, 0, 0, TimeSpan.Zero) };
        JsonElement sent = await SentBody(Brand.RebueText, message);
        Assert.Equal("2024-10-31 18:00", sent.GetProperty("time_to_send").GetString());
    }

    [Fact]
    public async Task AnUnscheduledMessageHasNoTimeToSend() =>
        Assert.False((await SentBody(Brand.RebueText, TestMessages.Message(1))).TryGetProperty("time_to_send", out _));

    [Theory]
    [InlineData(Brand.CloudRebue)]
    [InlineData(Brand.BongaTech)]
    [InlineData(Brand.Unknown)]
    public async Task AScheduledMessageNeverGoesToABrandThatWouldSendItAtOnce(Brand brand)
    {
        var handler = new FakeHandler(HttpStatusCode.OK, OneAccepted);
        var options = new CloudRebueClientOptions(ApiToken.FromPlainText(TestMessages.Token)) { BaseUri = new Uri("http://api.test/api/v1"), Brand = brand };
        using var client = new CloudRebueClient(options, handler);
        var message = new OutgoingMessage("254710000001", "hi", "ACME", "c1", null, null, null, 1) { SendAt = DateTimeOffset.UtcNow.AddDays(1) };
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.SendBatchAsync([message], null, CancellationToken.None));
        Assert.Empty(handler.Seen);
    }
}
