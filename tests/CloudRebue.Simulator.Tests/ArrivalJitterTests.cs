using System.Text.Json;
using CloudRebue.Tests.Shared;
using Xunit;

namespace CloudRebue.Simulator.Tests;

/// <summary>--jitter-p99-ms: the distribution of the delay, and that a request is counted only after it.</summary>
public class ArrivalJitterTests
{
    private const int Seed = 7;

    [Theory]
    [InlineData(20)]
    [InlineData(50)]
    public void TheEmpiricalP99IsTheChosenOneAndTheCapHolds(int p99)
    {
        var random = new SimulatorRandom(Seed);
        var draws = new double[100_000];
        for (int i = 0; i < draws.Length; i++) draws[i] = ArrivalJitter.Draw(p99, random).TotalMilliseconds;
        Array.Sort(draws);

        Assert.InRange(draws[98_999], p99 * 0.9, p99 * 1.1);
        Assert.InRange(draws.Average(), p99 / Math.Log(100) * 0.95, p99 / Math.Log(100) * 1.05);
        Assert.True(draws[^1] <= p99 * ArrivalJitter.CapFactor, $"largest draw {draws[^1]} ms");
        // Most requests arrive nearly on time: the median of an exponential is ln 2 / ln 100 of the p99.
        Assert.InRange(draws[49_999], p99 * 0.12, p99 * 0.18);
    }

    [Fact]
    public void AnExtremeDrawIsCappedAtThreeTimesTheP99()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(60), ArrivalJitter.Sample(20, 1 - 1e-12));
        Assert.True(ArrivalJitter.Sample(20, 0.999) < TimeSpan.FromMilliseconds(60));
        Assert.Equal(TimeSpan.Zero, ArrivalJitter.Sample(20, 0));
        // Whole milliseconds, rounded to the nearest: 4.343 * -ln(1 - 0.5) = 3.01 ms.
        Assert.Equal(TimeSpan.FromMilliseconds(3), ArrivalJitter.Sample(20, 0.5));
    }

    [Fact]
    public void ZeroMeansNoDelayAndDrawsNothing()
    {
        var used = new SimulatorRandom(Seed);
        var untouched = new SimulatorRandom(Seed);
        Assert.Equal(TimeSpan.Zero, ArrivalJitter.Sample(0, 0.999));
        Assert.Equal(TimeSpan.Zero, ArrivalJitter.Draw(0, used));
        // The seeded sequence the faults and receipts draw from is where it was.
        Assert.Equal(untouched.NextDouble(), used.NextDouble());
    }

    [Fact]
    public async Task ASendSmsRequestIsCountedOnlyAfterItsJitter()
    {
        await using var sim = await TestSimulator.StartAsync(["--jitter-p99-ms", "50", "--seed", Seed.ToString(), "--rate-limit", "1"]);
        var delay = FirstDraw(50);
        var pending = sim.SendSmsAsync(Json.Message());

        var held = await WaitUntilHeldAsync(sim, delay);
        Assert.Equal(0, held.GetProperty("sendRequests").GetInt64());
        Assert.Equal(0, held.GetProperty("maxRequestsInAnyWindow").GetInt32());
        Assert.False(pending.IsCompleted);

        // Just short of the delay nothing has arrived yet.
        sim.Advance(delay - TimeSpan.FromTicks(1));
        Assert.Equal(0, (await sim.StatsAsync()).GetProperty("sendRequests").GetInt64());

        sim.Advance(TimeSpan.FromTicks(1));
        using var response = await pending;
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("0", response.Headers.GetValues("X-RateLimit-Remaining").Single());
        var stats = await sim.StatsAsync();
        Assert.Equal(1, stats.GetProperty("sendRequests").GetInt64());
        Assert.Equal(1, stats.GetProperty("maxRequestsInAnyWindow").GetInt32());
        Assert.Equal(delay.TotalMilliseconds, stats.GetProperty("jitterMilliseconds").GetDouble());
    }

    [Fact]
    public async Task AVoiceCallMeetsTheSharedLimiterOnlyAfterItsJitter()
    {
        await using var sim = await TestSimulator.StartAsync(["--jitter-p99-ms", "50", "--seed", Seed.ToString(), "--rate-limit", "1"]);
        var delay = FirstDraw(50);
        var call = sim.PostAsync("/api/v1/voice-sms", """{"originator":"254708361797","message":"DB01 is down","phone":"0712345678"}""");
        await WaitUntilHeldAsync(sim, delay);

        // While the call is held, an SMS sent without jitter finds the one slot free: the call has
        // not taken it yet. When the call arrives, the SMS has it, within the same second.
        await sim.ConfigureAsync("""{"jitterP99Ms":0}""");
        using (var sms = await sim.SendSmsAsync(Json.Message()))
        {
            Assert.Equal(200, (int)sms.StatusCode);
        }

        Assert.False(call.IsCompleted);
        sim.Advance(delay);
        using var refused = await call;
        Assert.Equal(429, (int)refused.StatusCode);
    }

    [Fact]
    public async Task AClientThatLeavesDuringItsJitterIsNeverCounted()
    {
        await using var sim = await TestSimulator.StartAsync(["--jitter-p99-ms", "50", "--seed", Seed.ToString()]);
        using var cancel = new CancellationTokenSource();
        var pending = sim.SendSmsAsync(Json.Message(), cancellationToken: cancel.Token);
        await WaitUntilHeldAsync(sim, FirstDraw(50));

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
        await Eventually.TrueAsync(async () =>
            (await sim.StatsAsync()).GetProperty("requests").TryGetProperty("aborted", out var n) && n.GetInt64() == 1,
            because: "the held request should end as soon as the client leaves, without the clock moving");
        Assert.Equal(0, (await sim.StatsAsync()).GetProperty("sendRequests").GetInt64());
    }

    [Fact]
    public async Task WithoutJitterNothingIsHeldOrCounted()
    {
        await using var sim = await TestSimulator.StartAsync();
        await sim.SendSmsJsonAsync(Json.Message());
        var stats = await sim.StatsAsync();
        Assert.Equal(1, stats.GetProperty("sendRequests").GetInt64());
        Assert.Equal(0, stats.GetProperty("jitteredRequests").GetInt64());
        Assert.Equal(0, stats.GetProperty("jitterMilliseconds").GetDouble());
        Assert.Equal(0, stats.GetProperty("maxJitterMilliseconds").GetDouble());
    }

    [Fact]
    public async Task JitterCanBeTurnedOnAtRuntimeAndResetClearsItsStats()
    {
        await using var sim = await TestSimulator.StartAsync(["--seed", Seed.ToString()]);
        Assert.Equal(0, (await sim.ConfigureAsync("{}")).GetProperty("jitterP99Ms").GetInt32());
        Assert.Equal(50, (await sim.ConfigureAsync("""{"jitterP99Ms":50}""")).GetProperty("jitterP99Ms").GetInt32());
        Assert.Equal(50, (await Json.ReadAsync(await sim.Client.GetAsync("/_sim/config"), 200)).GetProperty("jitterP99Ms").GetInt32());

        var delay = FirstDraw(50);
        var pending = sim.SendSmsAsync(Json.Message());
        await WaitUntilHeldAsync(sim, delay);
        sim.Advance(delay);
        Assert.Equal(200, (int)(await pending).StatusCode);

        using var reset = await sim.Client.PostAsync("/_sim/reset", null);
        var stats = await sim.StatsAsync();
        Assert.Equal(0, stats.GetProperty("jitteredRequests").GetInt64());
        Assert.Equal(0, stats.GetProperty("maxJitterMilliseconds").GetDouble());
        Assert.Equal(50, (await sim.ConfigureAsync("{}")).GetProperty("jitterP99Ms").GetInt32());
    }

    /// <summary>The delay the simulator's first draw gives under <see cref="Seed"/>: --seed replays it.</summary>
    private static TimeSpan FirstDraw(int p99)
    {
        var delay = ArrivalJitter.Draw(p99, new SimulatorRandom(Seed));
        Assert.True(delay > TimeSpan.FromMilliseconds(1), $"seed {Seed} draws {delay.TotalMilliseconds} ms; pick a seed with a visible delay");
        return delay;
    }

    /// <summary>
    /// Waits (without moving the clock) until the simulator holds the request: jitteredRequests is
    /// counted once the delay's timer exists, so the test may advance the clock after this.
    /// </summary>
    private static async Task<JsonElement> WaitUntilHeldAsync(TestSimulator sim, TimeSpan delay)
    {
        JsonElement stats = default;
        await Eventually.TrueAsync(async () => (stats = await sim.StatsAsync()).GetProperty("jitteredRequests").GetInt64() == 1);
        Assert.Equal(delay.TotalMilliseconds, stats.GetProperty("maxJitterMilliseconds").GetDouble());
        return stats;
    }
}
