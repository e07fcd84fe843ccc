using System.Text.Json;
using Xunit;
using CloudRebue.Tests.Shared;

namespace CloudRebue.Simulator.Tests;

/// <summary>--brand: each brand's documented field names and answer shapes (reference/API.md).</summary>
public class BrandTests
{
    private const string Receipts = "http://127.0.0.1:8080/receipts/secret";

    [Theory]
    [InlineData(null)]
    [InlineData("cloudrebue")]
    [InlineData("bongatech")]
    public async Task CloudRebueAndBongaTechReadTheReceiptUrlAsEndpointAndIgnoreTheOtherName(string? brand)
    {
        await using var sim = await TestSimulator.StartAsync(brand is null ? [] : ["--brand", brand]);
        var answer = await sim.SendSmsJsonAsync(Json.Array([
            Json.Message(correlator: "1", extra: $"\"endpoint\":\"{Receipts}/1\""),
            Json.Message(correlator: "2", phone: "0722345678", extra: $"\"delivery_endpoint\":\"{Receipts}/2\""),
        ]));

        Assert.Equal($"{Receipts}/1", answer[0].GetProperty("data").GetProperty("end_point").GetString());
        Assert.Equal(JsonValueKind.Null, answer[1].GetProperty("data").GetProperty("end_point").ValueKind);
        Assert.False(answer[0].GetProperty("data").TryGetProperty("delivery_endpoint", out _));
        var messages = (await sim.MessagesAsync()).EnumerateArray().OrderBy(m => m.GetProperty("correlator").GetInt32()).ToArray();
        Assert.Equal($"{Receipts}/1", messages[0].GetProperty("endpoint").GetString());
        Assert.Equal(JsonValueKind.Null, messages[1].GetProperty("endpoint").ValueKind);
    }

    [Fact]
    public async Task RebueTextReadsTheReceiptUrlAsDeliveryEndpointOnly()
    {
        await using var sim = await TestSimulator.StartAsync(["--brand", "rebuetext"]);
        var answer = await sim.SendSmsJsonAsync(Json.Array([
            Json.Message(correlator: "1", extra: $"\"delivery_endpoint\":\"{Receipts}/1\""),
            Json.Message(correlator: "2", phone: "0722345678", extra: $"\"endpoint\":\"{Receipts}/2\""),
        ]));

        var data = answer[0].GetProperty("data");
        Assert.Equal($"{Receipts}/1", data.GetProperty("delivery_endpoint").GetString());
        Assert.Equal(JsonValueKind.Null, answer[1].GetProperty("data").GetProperty("delivery_endpoint").ValueKind);
        var messages = (await sim.MessagesAsync()).EnumerateArray().OrderBy(m => m.GetProperty("correlator").GetInt32()).ToArray();
        Assert.Equal($"{Receipts}/1", messages[0].GetProperty("endpoint").GetString());
        Assert.Equal(JsonValueKind.Null, messages[1].GetProperty("endpoint").ValueKind);
    }

    [Fact]
    public async Task EveryBrandFindsTheReceiptUrlWhenBothNamesAreWritten()
    {
        foreach (string brand in new[] { "cloudrebue", "rebuetext", "bongatech" })
        {
            await using var sim = await TestSimulator.StartAsync(["--brand", brand]);
            await sim.SendSmsJsonAsync(Json.Message(extra: $"\"endpoint\":\"{Receipts}\",\"delivery_endpoint\":\"{Receipts}\""));
            Assert.Equal(Receipts, (await sim.MessagesAsync())[0].GetProperty("endpoint").GetString());
        }
    }

    [Fact]
    public async Task RebueTextAcceptsTimeToSendAndEchoesItWithTheFieldsItAdds()
    {
        await using var sim = await TestSimulator.StartAsync(["--brand", "rebuetext"]);
        var answer = await sim.SendSmsJsonAsync(Json.Message(extra: "\"time_to_send\":\"2024-10-31 18:00\""));
        var data = answer[0].GetProperty("data");
        Assert.Equal("2024-10-31 18:00", data.GetProperty("time_to_send").GetString());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("delivery_endpoint").ValueKind);
        Assert.Equal("2024-10-31 18:00", (await sim.MessagesAsync())[0].GetProperty("timeToSend").GetString());
    }

    [Theory]
    [InlineData("2024-10-31 18:00:00")]
    [InlineData("2024-10-31T18:00")]
    [InlineData("31/10/2024 18:00")]
    [InlineData("1730386800")]
    public async Task RebueTextRefusesATimeToSendNotInTheDocumentedForm(string text)
    {
        await using var sim = await TestSimulator.StartAsync(["--brand", "rebuetext"]);
        var answer = await sim.SendSmsJsonAsync(Json.Array([Json.Message(extra: $"\"time_to_send\":{JsonSerializer.Serialize(text)}")]));
        Assert.False(answer[0].GetProperty("status").GetBoolean());
        Assert.Equal("The time to send does not match the format Y-m-d H:i.", answer[0].GetProperty("message").GetString());
        Assert.Equal(0, (await sim.MessagesAsync()).GetArrayLength());
    }

    [Theory]
    [InlineData("cloudrebue")]
    [InlineData("bongatech")]
    public async Task BrandsThatDoNotDocumentSchedulingIgnoreTimeToSendAndSendAtOnce(string brand)
    {
        await using var sim = await TestSimulator.StartAsync(["--brand", brand, "--receipt-delay-ms", "0"]);
        var answer = await sim.SendSmsJsonAsync(Json.Message(extra: $"\"time_to_send\":\"2031-01-01 00:00\",\"endpoint\":\"{Receipts}\""));
        Assert.False(answer[0].GetProperty("data").TryGetProperty("time_to_send", out _));
        Assert.Equal(JsonValueKind.Null, (await sim.MessagesAsync())[0].GetProperty("timeToSend").ValueKind);
        await Eventually.TrueAsync(() => sim.Receipts.Received.Count == 1);   // no clock movement: at once
    }

    [Fact]
    public async Task AScheduledMessageIsReceiptedNoEarlierThanItsTime()
    {
        // The clock starts at 08:51:16 East Africa Time.
        await using var sim = await TestSimulator.StartAsync(["--brand", "rebuetext", "--receipt-delay-ms", "0"]);
        await sim.SendSmsJsonAsync(Json.Message(extra: $"\"time_to_send\":\"2021-12-03 09:00\",\"delivery_endpoint\":\"{Receipts}\""));

        sim.Advance(TimeSpan.FromMinutes(8));
        await Task.Delay(100);
        Assert.Empty(sim.Receipts.Received);   // 08:59:16: not yet

        await Eventually.TrueAsync(() => sim.Receipts.Received.Count == 1, sim.Clock, TimeSpan.FromMinutes(1));
        string delivered = sim.Receipts.Received.Single().Body.GetProperty("deliveryTime").GetString()!;
        Assert.True(string.CompareOrdinal(delivered, "2021-12-03 09:00:00") >= 0, delivered);
    }

    [Theory]
    [InlineData("cloudrebue", "account_units")]
    [InlineData("bongatech", "account_units")]
    [InlineData("rebuetext", "balance_kes")]
    public async Task EachBrandAnswersTheBalanceInItsShape(string brand, string field)
    {
        await using var sim = await TestSimulator.StartAsync(["--brand", brand, "--balance", "6974"]);
        var data = (await Json.ReadAsync(await sim.GetAsync("/api/v1/account/balance"), 200)).GetProperty("data");
        Assert.True(data.TryGetProperty(field, out _), string.Join(",", Json.PropertyNames(data)));
    }

    [Fact]
    public async Task BalanceFormatStillOverridesTheBrandDefault()
    {
        await using var sim = await TestSimulator.StartAsync(["--balance-format", "units", "--brand", "rebuetext"]);
        var data = (await Json.ReadAsync(await sim.GetAsync("/api/v1/account/balance"), 200)).GetProperty("data");
        Assert.Equal(["account_units", "date"], Json.PropertyNames(data));
    }

    [Fact]
    public void AnUnknownBrandIsRefusedWithTheNamesThatWork()
    {
        var error = Assert.Throws<FormatException>(() => SimulatorOptions.Parse(["--token", "t", "--brand", "acme"]));
        Assert.Contains("cloudrebue, rebuetext or bongatech", error.Message);
    }
}
