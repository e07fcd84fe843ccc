using System.Text.Json;
using Xunit;
using CloudRebue.Tests.Shared;

namespace CloudRebue.Simulator.Tests;

public class FaultInjectionTests
{
    [Fact]
    public async Task A503OnEveryNthRequestProcessesNothing()
    {
        await using var sim = await TestSimulator.StartAsync(["--fault", "503:every=2"]);
        var statuses = new List<int>();
        for (int i = 1; i <= 4; i++)
        {
            using var response = await sim.SendSmsAsync(Json.Message(correlator: i.ToString()));
            statuses.Add((int)response.StatusCode);
            if (i == 2) Assert.Equal("""{"message":"Service Unavailable"}""", await response.Content.ReadAsStringAsync());
        }

        Assert.Equal([200, 503, 200, 503], statuses);
        var correlators = (await sim.MessagesAsync()).EnumerateArray().Select(m => m.GetProperty("correlator").GetInt32());
        Assert.Equal([1, 3], correlators);
        var stats = await sim.StatsAsync();
        Assert.Equal(2, stats.GetProperty("requests").GetProperty("503").GetInt64());
        Assert.Equal(2, stats.GetProperty("faults").GetProperty("503").GetInt64());
    }

    [Fact]
    public async Task AnInjected429CarriesItsRetryAfterAndProcessesNothing()
    {
        await using var sim = await TestSimulator.StartAsync(["--fault", "429:every=1,retry-after=7"]);
        using var response = await sim.SendSmsAsync(Json.Message());
        Assert.Equal(429, (int)response.StatusCode);
        Assert.Equal("""{"message":"Too Many Attempts."}""", await response.Content.ReadAsStringAsync());
        Assert.Equal("7", response.Headers.RetryAfter?.Delta?.TotalSeconds.ToString());
        Assert.Equal("0", response.Headers.GetValues("X-RateLimit-Remaining").Single());
        Assert.Empty((await sim.MessagesAsync()).EnumerateArray());
    }

    [Fact]
    public async Task A500AfterAcceptRecordsTheMessages()
    {
        await using var sim = await TestSimulator.StartAsync(["--fault", "500-after-accept:every=1"]);
        using var response = await sim.SendSmsAsync(Json.Batch(3));
        Assert.Equal(500, (int)response.StatusCode);
        Assert.Equal("""{"message":"Server Error"}""", await response.Content.ReadAsStringAsync());
        Assert.Equal(3, (await sim.StatsAsync()).GetProperty("acceptedMessages").GetInt64());
    }

    [Fact]
    public async Task AResetBeforeDropsTheConnectionAndProcessesNothing()
    {
        await using var sim = await TestSimulator.StartAsync(["--fault", "reset-before:every=1"]);
        await Assert.ThrowsAnyAsync<Exception>(() => sim.SendSmsAsync(Json.Batch(3)));
        var stats = await sim.StatsAsync();
        Assert.Equal(0, stats.GetProperty("acceptedMessages").GetInt64());
        Assert.Equal(1, stats.GetProperty("requests").GetProperty("reset").GetInt64());
    }

    [Fact]
    public async Task AResetAfterDropsTheConnectionButTheMessagesWereAccepted()
    {
        await using var sim = await TestSimulator.StartAsync(["--fault", "reset-after:every=1"]);
        await Assert.ThrowsAnyAsync<Exception>(() => sim.SendSmsAsync(Json.Batch(3)));
        var stats = await sim.StatsAsync();
        Assert.Equal(3, stats.GetProperty("acceptedMessages").GetInt64());
        Assert.Equal(1, stats.GetProperty("requests").GetProperty("reset").GetInt64());
    }

    [Fact]
    public async Task ASlowAnswerComesAfterItsDelayWithTheMessagesAccepted()
    {
        await using var sim = await TestSimulator.StartAsync(["--fault", "slow:every=1,delay-ms=5000"]);
        var pending = sim.SendSmsAsync(Json.Message());
        await Eventually.TrueAsync(async () => (await sim.StatsAsync()).GetProperty("acceptedMessages").GetInt64() == 1);
        await Task.Delay(50);
        Assert.False(pending.IsCompleted, "the answer came before the clock moved");

        await Eventually.TrueAsync(() => pending.IsCompleted, sim.Clock, TimeSpan.FromSeconds(1));
        using var response = await pending;
        var answer = await Json.ReadAsync(response, 200);
        Assert.True(answer[0].GetProperty("status").GetBoolean());
    }

    [Fact]
    public async Task ASlowAnswerTheClientAbandonsEndsWithoutPilingUp()
    {
        await using var sim = await TestSimulator.StartAsync(["--fault", "slow:every=1"]);
        using var cancel = new CancellationTokenSource();
        var pending = sim.SendSmsAsync(Json.Message(), cancellationToken: cancel.Token);

        // Leave only once the simulator holds the answer back (the message is accepted by then).
        await Eventually.TrueAsync(async () => (await sim.StatsAsync()).GetProperty("acceptedMessages").GetInt64() == 1);
        Assert.False(pending.IsCompleted);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);

        await Eventually.TrueAsync(async () =>
            (await sim.StatsAsync()).GetProperty("requests").TryGetProperty("aborted", out var n) && n.GetInt64() == 1,
            because: "the held request should end as soon as the client leaves");
    }

    [Fact]
    public async Task AMalformedAnswerIsA200ThatIsNotJsonButTheMessagesWereAccepted()
    {
        await using var sim = await TestSimulator.StartAsync(["--fault", "malformed:every=1"]);
        using var response = await sim.SendSmsAsync(Json.Batch(2));
        Assert.Equal(200, (int)response.StatusCode);
        string body = await response.Content.ReadAsStringAsync();
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body));
        Assert.Equal(2, (await sim.StatsAsync()).GetProperty("acceptedMessages").GetInt64());
    }

    [Fact]
    public async Task APartialFailureFailsTheLastItemsWithInsufficientUnits()
    {
        await using var sim = await TestSimulator.StartAsync(["--fault", "partial:every=1,count=2"]);
        var answer = await sim.SendSmsJsonAsync(Json.Batch(5));
        Assert.Equal([true, true, true, false, false], answer.EnumerateArray().Select(e => e.GetProperty("status").GetBoolean()));
        Assert.Equal("Insufficient units", answer[4].GetProperty("message").GetString());
        Assert.Equal(5, answer[4].GetProperty("data").GetProperty("correlator").GetInt32());
        Assert.Equal([1, 2, 3], (await sim.MessagesAsync()).EnumerateArray().Select(m => m.GetProperty("correlator").GetInt32()));
    }

    [Fact]
    public async Task APartialFailureOfMoreThanTheBatchFailsEveryItem()
    {
        await using var sim = await TestSimulator.StartAsync(["--fault", "partial:every=1"]);
        var answer = await sim.SendSmsJsonAsync(Json.Batch(2));
        Assert.All(answer.EnumerateArray(), e => Assert.False(e.GetProperty("status").GetBoolean()));
    }

    [Fact]
    public async Task EachAcceptedMessageNamesTheFaultOfTheRequestThatCarriedIt()
    {
        // Requests 1..3: none, reset-after, partial (its last item fails and is not recorded).
        await using var sim = await TestSimulator.StartAsync(["--fault", "reset-after:every=2", "--fault", "partial:every=3,count=1"]);
        (await sim.SendSmsAsync(Json.Batch(2))).Dispose();
        await Assert.ThrowsAnyAsync<Exception>(() => sim.SendSmsAsync(Json.Batch(2)));
        (await sim.SendSmsAsync(Json.Batch(2))).Dispose();

        var faults = (await sim.MessagesAsync()).EnumerateArray()
            .Select(m => m.GetProperty("fault").ValueKind == JsonValueKind.Null ? "none" : m.GetProperty("fault").GetString());
        Assert.Equal(["none", "none", "reset-after", "reset-after", "partial"], faults);
    }

    [Fact]
    public async Task WhenSeveralFaultsMatchTheFirstKindInTheListWins()
    {
        await using var sim = await TestSimulator.StartAsync(["--fault", "partial:every=1", "--fault", "503:every=1", "--fault", "429:every=2"]);
        using var first = await sim.SendSmsAsync(Json.Message());
        using var second = await sim.SendSmsAsync(Json.Message());
        Assert.Equal(503, (int)first.StatusCode);
        Assert.Equal(429, (int)second.StatusCode);
    }

    [Fact]
    public async Task TheNthCountsOnlyAuthenticatedRequestsThatPassedTheLimiter()
    {
        await using var sim = await TestSimulator.StartAsync(["--fault", "503:every=2", "--rate-limit", "3"]);
        (await sim.SendSmsAsync(Json.Message(), token: null)).Dispose();   // 401: not counted
        using var first = await sim.SendSmsAsync(Json.Message());        // #1
        using var second = await sim.SendSmsAsync(Json.Message());       // #2 -> 503
        using var third = await sim.SendSmsAsync(Json.Message());        // #3
        using var limited = await sim.SendSmsAsync(Json.Message());      // 429 from the limiter: not counted
        sim.Advance(TimeSpan.FromSeconds(1));
        using var fourth = await sim.SendSmsAsync(Json.Message());       // #4 -> 503
        Assert.Equal([200, 503, 200, 429, 503], new[] { first, second, third, limited, fourth }.Select(r => (int)r.StatusCode));
    }

    [Fact]
    public async Task AProbabilityOfOneAlwaysFiresAndZeroNever()
    {
        await using var always = await TestSimulator.StartAsync(["--fault", "503:p=1", "--seed", "3"]);
        await using var never = await TestSimulator.StartAsync(["--fault", "503:p=0", "--seed", "3"]);
        for (int i = 0; i < 5; i++)
        {
            using var a = await always.SendSmsAsync(Json.Message());
            using var n = await never.SendSmsAsync(Json.Message());
            Assert.Equal(503, (int)a.StatusCode);
            Assert.Equal(200, (int)n.StatusCode);
        }
    }

    [Fact]
    public async Task LatencyIsAddedToEverySendSmsAnswer()
    {
        await using var sim = await TestSimulator.StartAsync(["--latency-ms", "500"]);
        var ok = sim.SendSmsAsync(Json.Message());
        var unauthenticated = sim.SendSmsAsync(Json.Message(), token: null);
        await Task.Delay(50);
        Assert.False(ok.IsCompleted);
        Assert.False(unauthenticated.IsCompleted);

        await Eventually.TrueAsync(() => ok.IsCompleted && unauthenticated.IsCompleted, sim.Clock, TimeSpan.FromMilliseconds(250));
        Assert.Equal(200, (int)(await ok).StatusCode);
        Assert.Equal(401, (int)(await unauthenticated).StatusCode);
    }
}
