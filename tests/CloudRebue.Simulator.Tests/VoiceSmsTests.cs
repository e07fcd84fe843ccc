using System.Text.Json;
using Xunit;
using CloudRebue.Tests.Shared;

namespace CloudRebue.Simulator.Tests;

/// <summary>POST voice-sms as reference/API.md describes it, and the simulator's choices where it is silent.</summary>
public class VoiceSmsTests
{
    private const string Endpoint = "http://127.0.0.1:8080/receipts/secret";

    private static string Call(string phone = "0712345678", string extra = "") =>
        $$"""{"originator":"254708361797","message":"DB01 is down","phone":"{{phone}}"{{extra}}}""";

    private static async Task<JsonElement> CallsAsync(TestSimulator sim)
    {
        using var response = await sim.Client.GetAsync("/_sim/calls");
        return await Json.ReadAsync(response, 200);
    }

    [Fact]
    public async Task ACallAnswersAnArrayWithOneEntryAndTheDocumentedDataFields()
    {
        await using var sim = await TestSimulator.StartAsync();
        var answer = await Json.ReadAsync(await sim.PostAsync("/api/v1/voice-sms", Call(extra: ""","voice":2,"repeat":3,"correlator":"al-1" """)), 200);
        var entry = Assert.Single(answer.EnumerateArray());
        Assert.True(entry.GetProperty("status").GetBoolean());
        var data = entry.GetProperty("data");
        Assert.Equal(["originator", "phone", "operator", "message", "voice", "repeat", "correlator", "delivery_endpoint", "batch_id", "uniqueId", "created_at"], Json.PropertyNames(data));
        Assert.Equal("254712345678", data.GetProperty("phone").GetString());
        Assert.Equal("safaricom", data.GetProperty("operator").GetString());
        Assert.Equal(2, data.GetProperty("voice").GetInt32());
        Assert.Equal(3, data.GetProperty("repeat").GetInt32());
        Assert.Equal("al-1", data.GetProperty("correlator").GetString());
        Assert.Equal("2021-12-03 08:51:16", data.GetProperty("created_at").GetString());

        var call = Assert.Single((await CallsAsync(sim)).EnumerateArray());
        Assert.Equal("254708361797", call.GetProperty("originator").GetString());
        Assert.Equal(data.GetProperty("uniqueId").GetString(), call.GetProperty("uniqueId").GetString());
    }

    [Fact]
    public async Task RebueTextTakesTimeToSendOnACallAndRefusesAnotherForm()
    {
        await using var sim = await TestSimulator.StartAsync(["--brand", "rebuetext"]);
        await Json.ReadAsync(await sim.PostAsync("/api/v1/voice-sms", Call(extra: ""","time_to_send":"2030-01-02 18:00" """)), 200);
        Assert.Equal("2030-01-02 18:00", Assert.Single((await CallsAsync(sim)).EnumerateArray()).GetProperty("timeToSend").GetString());

        using var wrong = await sim.PostAsync("/api/v1/voice-sms", Call(extra: ""","time_to_send":"2030-01-02T18:00:00" """));
        Assert.Equal(422, (int)wrong.StatusCode);
        Assert.Single((await CallsAsync(sim)).EnumerateArray());
    }

    [Fact]
    public async Task CloudRebueIgnoresTimeToSendOnACall()
    {
        await using var sim = await TestSimulator.StartAsync();
        await Json.ReadAsync(await sim.PostAsync("/api/v1/voice-sms", Call(extra: ""","time_to_send":"whenever" """)), 200);
        Assert.Equal(JsonValueKind.Null, Assert.Single((await CallsAsync(sim)).EnumerateArray()).GetProperty("timeToSend").ValueKind);
    }

    [Fact]
    public async Task VoiceAndRepeatDefaultToCloudRebuesOneAndACallIsNotBilled()
    {
        await using var sim = await TestSimulator.StartAsync(["--balance", "10"]);
        var data = (await Json.ReadAsync(await sim.PostAsync("/api/v1/voice-sms", Call()), 200))[0].GetProperty("data");
        Assert.Equal(1, data.GetProperty("voice").GetInt32());
        Assert.Equal(1, data.GetProperty("repeat").GetInt32());
        var balance = await Json.ReadAsync(await sim.GetAsync("/api/v1/account/balance"), 200);
        Assert.Equal("10", balance.GetProperty("data").GetProperty("account_units").GetString());
    }

    [Theory]
    [InlineData(""","voice":3""", "voice", "The voice field must be between 1 and 2.")]
    [InlineData(""","repeat":11""", "repeat", "The repeat field must be between 1 and 10.")]
    [InlineData(""","repeat":"x" """, "repeat", "The repeat field must be an integer.")]
    [InlineData(""","endpoint":"ftp://x" """, "endpoint", "The endpoint field must be a valid URL.")]
    public async Task OutOfRangeFieldsAre422(string extra, string field, string message)
    {
        await using var sim = await TestSimulator.StartAsync();
        var answer = await Json.ReadAsync(await sim.PostAsync("/api/v1/voice-sms", Call(extra: extra)), 422);
        Assert.Equal(message, answer.GetProperty("errors").GetProperty(field)[0].GetString());
        Assert.Empty((await CallsAsync(sim)).EnumerateArray());
    }

    [Fact]
    public async Task AnArrayOfCallsIsRefusedAsNoInputBecauseTheDocsDoNotSayItIsAccepted()
    {
        await using var sim = await TestSimulator.StartAsync();
        var answer = await Json.ReadAsync(await sim.PostAsync("/api/v1/voice-sms", "[" + Call() + "]"), 422);
        Assert.Equal("The originator field is required.", answer.GetProperty("errors").GetProperty("originator")[0].GetString());
        Assert.Empty((await CallsAsync(sim)).EnumerateArray());
    }

    [Fact]
    public async Task AnInvalidNumberFailsTheEntryAndPlacesNoCall()
    {
        await using var sim = await TestSimulator.StartAsync();
        var entry = (await Json.ReadAsync(await sim.PostAsync("/api/v1/voice-sms", Call(phone: "+254712345678")), 200))[0];
        Assert.False(entry.GetProperty("status").GetBoolean());
        Assert.Equal("Invalid phone number +254712345678.", entry.GetProperty("message").GetString());
        Assert.Empty((await CallsAsync(sim)).EnumerateArray());
    }

    [Fact]
    public async Task ACommaListIsOneEntryAndOneCallPerNumber()
    {
        await using var sim = await TestSimulator.StartAsync();
        var data = (await Json.ReadAsync(await sim.PostAsync("/api/v1/voice-sms", Call(phone: "0712345678,0733000000")), 200))[0].GetProperty("data");
        Assert.Equal("254712345678,254733000000", data.GetProperty("phone").GetString());
        Assert.Equal(2, (await CallsAsync(sim)).GetArrayLength());
    }

    [Fact]
    public async Task WithoutTheTokenItIs401()
    {
        await using var sim = await TestSimulator.StartAsync();
        var answer = await Json.ReadAsync(await sim.PostAsync("/api/v1/voice-sms", Call(), token: "wrong"), 401);
        Assert.Equal("Unauthenticated.", answer.GetProperty("message").GetString());
    }

    [Fact]
    public async Task VoiceSharesTheSendSmsWindow()
    {
        await using var sim = await TestSimulator.StartAsync(["--rate-limit", "2"]);
        Assert.Equal(200, (int)(await sim.SendSmsAsync(Json.Message())).StatusCode);
        Assert.Equal(200, (int)(await sim.PostAsync("/api/v1/voice-sms", Call())).StatusCode);
        Assert.Equal(429, (int)(await sim.PostAsync("/api/v1/voice-sms", Call())).StatusCode);
        Assert.Equal(429, (int)(await sim.SendSmsAsync(Json.Message())).StatusCode);
        sim.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(200, (int)(await sim.PostAsync("/api/v1/voice-sms", Call())).StatusCode);
    }

    [Theory]
    [InlineData("503", 503, 0)]
    [InlineData("500-after-accept", 500, 1)]
    public async Task FaultsApplyToCalls(string kind, int status, int placed)
    {
        await using var sim = await TestSimulator.StartAsync(["--fault", kind + ":every=1"]);
        Assert.Equal(status, (int)(await sim.PostAsync("/api/v1/voice-sms", Call())).StatusCode);
        var calls = await CallsAsync(sim);
        Assert.Equal(placed, calls.GetArrayLength());
        if (placed > 0) Assert.Equal(kind, calls[0].GetProperty("fault").GetString());
    }

    [Fact]
    public async Task ACallWithAnEndpointGetsAReceiptWithItsCorrelator()
    {
        await using var sim = await TestSimulator.StartAsync(["--receipt-delay-ms", "0"]);
        await Json.ReadAsync(await sim.PostAsync("/api/v1/voice-sms", Call(extra: $$""","correlator":7,"delivery_endpoint":"{{Endpoint}}" """)), 200);
        await Eventually.TrueAsync(async () => (await sim.StatsAsync()).GetProperty("receiptsSent").GetInt64() == 1, sim.Clock);
        var (uri, _, body) = Assert.Single(sim.Receipts.Received);
        Assert.Equal(Endpoint, uri.ToString());
        Assert.Equal(7, body.GetProperty("correlator").GetInt32());
        Assert.Equal("254712345678", body.GetProperty("phone").GetString());
    }

    [Fact]
    public async Task ResetForgetsTheCalls()
    {
        await using var sim = await TestSimulator.StartAsync();
        await Json.ReadAsync(await sim.PostAsync("/api/v1/voice-sms", Call()), 200);
        await sim.Client.PostAsync("/_sim/reset", null);
        Assert.Empty((await CallsAsync(sim)).EnumerateArray());
    }
}
