using System.Net;
using System.Text.Json;
using Xunit;
using CloudRebue.Tests.Shared;

namespace CloudRebue.Simulator.Tests;

public class ReceiptTests
{
    private const string Endpoint = "http://127.0.0.1:8080/receipts/secret";

    [Fact]
    public async Task AnAcceptedMessageWithAnEndpointGetsTheDocumentedReceiptAfterTheDelay()
    {
        await using var sim = await TestSimulator.StartAsync(["--receipt-delay-ms", "5000"]);
        var answer = await sim.SendSmsJsonAsync(Json.Message(phone: "0712345678", correlator: "2", extra: $"\"endpoint\":\"{Endpoint}\""));
        string uniqueId = answer[0].GetProperty("data").GetProperty("uniqueId").GetString()!;

        await Task.Delay(100);
        Assert.Empty(sim.Receipts.Received);   // the fake clock has not moved: still inside the delay

        sim.Advance(TimeSpan.FromSeconds(5));
        await Eventually.TrueAsync(async () => (await sim.StatsAsync()).GetProperty("receiptsSent").GetInt64() == 1, sim.Clock);

        var (uri, contentType, body) = Assert.Single(sim.Receipts.Received);
        Assert.Equal(Endpoint, uri.ToString());
        Assert.Equal("application/json", contentType);
        Assert.Equal(["phone", "correlator", "uniqueId", "deliveryStatus", "deliveryTime"], Json.PropertyNames(body));
        Assert.Equal("254712345678", body.GetProperty("phone").GetString());
        Assert.Equal(JsonValueKind.Number, body.GetProperty("correlator").ValueKind);
        Assert.Equal(2, body.GetProperty("correlator").GetInt32());
        Assert.Equal(uniqueId, body.GetProperty("uniqueId").GetString());
        Assert.Equal("DeliveredToTerminal", body.GetProperty("deliveryStatus").GetString());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$", body.GetProperty("deliveryTime").GetString());
    }

    [Fact]
    public async Task AStringCorrelatorStaysAStringInTheReceipt()
    {
        await using var sim = await TestSimulator.StartAsync(["--receipt-delay-ms", "0"]);
        await sim.SendSmsJsonAsync(Json.Message(correlator: "\"inv-42\"", extra: $"\"endpoint\":\"{Endpoint}\""));
        await Eventually.TrueAsync(() => sim.Receipts.Received.Count == 1, sim.Clock);
        Assert.Equal("inv-42", sim.Receipts.Received.Single().Body.GetProperty("correlator").GetString());
    }

    [Fact]
    public async Task EveryRecipientOfACommaListGetsItsOwnReceipt()
    {
        await using var sim = await TestSimulator.StartAsync(["--receipt-delay-ms", "0"]);
        await sim.SendSmsJsonAsync(Json.Message(phone: "0712345678,0722345678", extra: $"\"endpoint\":\"{Endpoint}\""));
        await Eventually.TrueAsync(() => sim.Receipts.Received.Count == 2, sim.Clock);
        var receipts = sim.Receipts.Received.Select(r => r.Body).ToArray();
        Assert.Equal(["254712345678", "254722345678"], receipts.Select(r => r.GetProperty("phone").GetString()).Order());
        Assert.Equal(2, receipts.Select(r => r.GetProperty("uniqueId").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task NoEndpointNoReceiptAndRejectedMessagesGetNone()
    {
        await using var sim = await TestSimulator.StartAsync(["--receipt-delay-ms", "0"]);
        await sim.SendSmsJsonAsync(Json.Array([
            Json.Message(correlator: "1"),
            Json.Message(phone: "bad", correlator: "2", extra: $"\"endpoint\":\"{Endpoint}\""),
            Json.Message(correlator: "3", extra: $"\"endpoint\":\"{Endpoint}\""),
        ]));
        await Eventually.TrueAsync(() => sim.Receipts.Received.Count == 1, sim.Clock);
        await Task.Delay(50);
        Assert.Equal(3, Assert.Single(sim.Receipts.Received).Body.GetProperty("correlator").GetInt32());
    }

    [Fact]
    public async Task TheFailureRateDecidesTheShareOfDeliveryImpossible()
    {
        await using var sim = await TestSimulator.StartAsync(["--receipt-delay-ms", "0", "--receipt-failure-rate", "1"]);
        await sim.SendSmsJsonAsync(Json.Batch(3, extra: $"\"endpoint\":\"{Endpoint}\""));
        await Eventually.TrueAsync(() => sim.Receipts.Received.Count == 3, sim.Clock);
        Assert.All(sim.Receipts.Received, r => Assert.Equal("DeliveryImpossible", r.Body.GetProperty("deliveryStatus").GetString()));
    }

    [Fact]
    public async Task AFailingEndpointIsRetriedUntilItAnswers()
    {
        await using var sim = await TestSimulator.StartAsync(["--receipt-delay-ms", "0"]);
        sim.Receipts.Respond = attempt => attempt switch
        {
            1 => HttpStatusCode.InternalServerError,
            2 => null,   // connection refused
            _ => HttpStatusCode.OK,
        };
        await sim.SendSmsJsonAsync(Json.Message(extra: $"\"endpoint\":\"{Endpoint}\""));
        await Eventually.TrueAsync(async () => (await sim.StatsAsync()).GetProperty("receiptsSent").GetInt64() == 1, sim.Clock);
        Assert.Equal(3, sim.Receipts.Attempts);
        Assert.Equal(0, (await sim.StatsAsync()).GetProperty("receiptsFailed").GetInt64());
    }

    [Fact]
    public async Task AnEndpointThatNeverAnswersIsGivenUpAfterThreeRetries()
    {
        await using var sim = await TestSimulator.StartAsync(["--receipt-delay-ms", "0"]);
        sim.Receipts.Respond = _ => HttpStatusCode.ServiceUnavailable;
        await sim.SendSmsJsonAsync(Json.Message(extra: $"\"endpoint\":\"{Endpoint}\""));
        await Eventually.TrueAsync(async () => (await sim.StatsAsync()).GetProperty("receiptsFailed").GetInt64() == 1, sim.Clock);
        Assert.Equal(4, sim.Receipts.Attempts);
        Assert.Equal(0, (await sim.StatsAsync()).GetProperty("receiptsSent").GetInt64());
    }

    [Fact]
    public async Task ReceiptsToHostsOtherThanLoopbackAreSkippedUnlessAllowed()
    {
        await using var sim = await TestSimulator.StartAsync(["--receipt-delay-ms", "0"]);
        await sim.SendSmsJsonAsync(Json.Message(extra: "\"endpoint\":\"https://example.com/delivery\""));
        Assert.Equal(1, (await sim.StatsAsync()).GetProperty("receiptsSkipped").GetInt64());
        await Task.Delay(50);
        Assert.Empty(sim.Receipts.Received);

        await using var allowed = await TestSimulator.StartAsync(["--receipt-delay-ms", "0", "--allow-remote-receipts"]);
        await allowed.SendSmsJsonAsync(Json.Message(extra: "\"endpoint\":\"https://example.com/delivery\""));
        await Eventually.TrueAsync(() => allowed.Receipts.Received.Count == 1, allowed.Clock);
    }

    [Fact]
    public async Task ResetDropsReceiptsStillWaiting()
    {
        await using var sim = await TestSimulator.StartAsync(["--receipt-delay-ms", "5000"]);
        await sim.SendSmsJsonAsync(Json.Batch(5, extra: $"\"endpoint\":\"{Endpoint}\""));
        (await sim.Client.PostAsync("/_sim/reset", null)).Dispose();
        sim.Advance(TimeSpan.FromSeconds(10));
        await Task.Delay(100);
        Assert.Empty(sim.Receipts.Received);
    }

    [Fact]
    public async Task ManyReceiptsAreAllDeliveredByTheBoundedSenders()
    {
        await using var sim = await TestSimulator.StartAsync(["--receipt-delay-ms", "0", "--rate-limit", "0"]);
        for (int i = 0; i < 20; i++) await sim.SendSmsJsonAsync(Json.Batch(100, extra: $"\"endpoint\":\"{Endpoint}\""));
        await Eventually.TrueAsync(async () => (await sim.StatsAsync()).GetProperty("receiptsSent").GetInt64() == 2000, sim.Clock);
        Assert.Equal(2000, sim.Receipts.Received.Select(r => r.Body.GetProperty("uniqueId").GetString()).Distinct().Count());
    }
}
