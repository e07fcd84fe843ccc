using Xunit;

namespace CloudRebue.Simulator.Tests;

/// <summary>The 120 requests/s limit as an exact sliding window, on a fake clock.</summary>
public class RateLimitTests
{
    [Fact]
    public async Task The121stRequestInOneSecondIsLaravels429()
    {
        await using var sim = await TestSimulator.StartAsync();
        for (int i = 1; i <= 120; i++)
        {
            using var ok = await sim.SendSmsAsync(Json.Message());
            Assert.Equal(200, (int)ok.StatusCode);
            Assert.Equal("120", Header(ok, "X-RateLimit-Limit"));
            Assert.Equal((120 - i).ToString(), Header(ok, "X-RateLimit-Remaining"));
        }

        sim.Advance(TimeSpan.FromMilliseconds(300));
        using var refused = await sim.SendSmsAsync(Json.Message());
        Assert.Equal(429, (int)refused.StatusCode);
        Assert.Equal("""{"message":"Too Many Attempts."}""", await refused.Content.ReadAsStringAsync());
        Assert.Equal("1", Header(refused, "Retry-After"));
        Assert.Equal("120", Header(refused, "X-RateLimit-Limit"));
        Assert.Equal("0", Header(refused, "X-RateLimit-Remaining"));

        sim.Advance(TimeSpan.FromMilliseconds(700));
        using var again = await sim.SendSmsAsync(Json.Message());
        Assert.Equal(200, (int)again.StatusCode);

        var stats = await sim.StatsAsync();
        Assert.Equal(121, stats.GetProperty("acceptedMessages").GetInt64());
        Assert.Equal(1, stats.GetProperty("requests").GetProperty("429").GetInt64());
    }

    [Fact]
    public async Task TheWindowSlidesRatherThanResettingEachSecond()
    {
        await using var sim = await TestSimulator.StartAsync(["--rate-limit", "4"]);
        Assert.Equal(new[] { 200, 200 }, await SendMany(sim, 2));
        sim.Advance(TimeSpan.FromMilliseconds(600));
        Assert.Equal(new[] { 200, 200 }, await SendMany(sim, 2));

        sim.Advance(TimeSpan.FromMilliseconds(300));   // 0.9 s
        Assert.Equal(new[] { 429 }, await SendMany(sim, 1));

        // 1.0 s: a fixed one-second bucket would allow four again; the sliding window frees only
        // the two sent at 0 s, because the two sent at 0.6 s are still inside it.
        sim.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(new[] { 200, 200, 429 }, await SendMany(sim, 3));
    }

    [Fact]
    public async Task A429DoesNotCountTowardTheWindowButCountsInTheStats()
    {
        await using var sim = await TestSimulator.StartAsync(["--rate-limit", "2"]);
        Assert.Equal(new[] { 200, 200 }, await SendMany(sim, 2));
        sim.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Equal(new[] { 429, 429, 429, 429, 429 }, await SendMany(sim, 5));

        // Had the refusals counted, the window would still be full until 1.5 s.
        sim.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Equal(new[] { 200, 200 }, await SendMany(sim, 2));

        var stats = await sim.StatsAsync();
        Assert.Equal(5, stats.GetProperty("requests").GetProperty("429").GetInt64());
        Assert.Equal(4, stats.GetProperty("requests").GetProperty("200").GetInt64());
        Assert.Equal(9, stats.GetProperty("sendRequests").GetInt64());
        // Every arrival counts here, whatever its answer: 2 + 5 within [0 s, 0.5 s], then the
        // first two leave as the last two arrive at 1.0 s.
        Assert.Equal(7, stats.GetProperty("maxRequestsInAnyWindow").GetInt32());
    }

    [Fact]
    public async Task RetryAfterIsTheWholeSecondsUntilASlotFrees()
    {
        await using var sim = await TestSimulator.StartAsync(["--rate-limit", "1"]);
        await SendMany(sim, 1);
        sim.Advance(TimeSpan.FromMilliseconds(999));
        using var refused = await sim.SendSmsAsync(Json.Message());
        Assert.Equal(429, (int)refused.StatusCode);
        Assert.Equal("1", Header(refused, "Retry-After"));
    }

    [Fact]
    public async Task ZeroLiftsTheLimit()
    {
        await using var sim = await TestSimulator.StartAsync(["--rate-limit", "0"]);
        var statuses = await SendMany(sim, 300);
        Assert.All(statuses, s => Assert.Equal(200, s));
        Assert.Equal(300, (await sim.StatsAsync()).GetProperty("maxRequestsInAnyWindow").GetInt32());
    }

    [Fact]
    public async Task UnauthenticatedRequestsDoNotUseTheLimit()
    {
        await using var sim = await TestSimulator.StartAsync(["--rate-limit", "2"]);
        for (int i = 0; i < 5; i++) (await sim.SendSmsAsync(Json.Message(), token: null)).Dispose();
        Assert.Equal(new[] { 200, 200, 429 }, await SendMany(sim, 3));
    }

    [Fact]
    public async Task OtherEndpointsAreNotLimited()
    {
        await using var sim = await TestSimulator.StartAsync(["--rate-limit", "1"]);
        for (int i = 0; i < 5; i++)
        {
            using var balance = await sim.GetAsync("/api/v1/account/balance");
            Assert.Equal(200, (int)balance.StatusCode);
        }

        Assert.Equal(new[] { 200, 429 }, await SendMany(sim, 2));
    }

    [Fact]
    public async Task MaxRequestsInAnyWindowFindsTheBusiestSlidingSecond()
    {
        await using var sim = await TestSimulator.StartAsync(["--rate-limit", "0"]);
        await SendMany(sim, 3);
        sim.Advance(TimeSpan.FromMilliseconds(500));
        await SendMany(sim, 3);
        sim.Advance(TimeSpan.FromMilliseconds(700));
        await SendMany(sim, 3);
        Assert.Equal(6, (await sim.StatsAsync()).GetProperty("maxRequestsInAnyWindow").GetInt32());
    }

    private static async Task<int[]> SendMany(TestSimulator sim, int count)
    {
        var statuses = new int[count];
        for (int i = 0; i < count; i++)
        {
            using var response = await sim.SendSmsAsync(Json.Message());
            statuses[i] = (int)response.StatusCode;
        }

        return statuses;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : null;
}
