using Xunit;

namespace CloudRebue.Simulator.Tests;

public class ControlEndpointTests
{
    [Fact]
    public async Task StatsHaveTheAgreedShape()
    {
        await using var sim = await TestSimulator.StartAsync();
        await sim.SendSmsJsonAsync(Json.Batch(3));
        var stats = await sim.StatsAsync();
        foreach (string name in new[] { "requests", "sendRequests", "acceptedMessages", "duplicates", "maxRequestsInAnyWindow", "maxItemsInRequest", "receiptsSent", "receiptsFailed", "jitteredRequests", "jitterMilliseconds", "maxJitterMilliseconds", "gcCount", "gcPauseMilliseconds" })
        {
            Assert.True(stats.TryGetProperty(name, out _), $"stats lack '{name}'");
        }

        Assert.Equal(1, stats.GetProperty("requests").GetProperty("200").GetInt64());
        Assert.Equal(1, stats.GetProperty("sendRequests").GetInt64());
        Assert.Equal(3, stats.GetProperty("acceptedMessages").GetInt64());
        Assert.Equal(1, stats.GetProperty("maxRequestsInAnyWindow").GetInt32());
        Assert.Equal(3, stats.GetProperty("maxItemsInRequest").GetInt32());
        Assert.True(stats.GetProperty("gcCount").GetInt32() >= 0);
        Assert.True(stats.GetProperty("gcPauseMilliseconds").GetDouble() >= 0);
    }

    [Fact]
    public async Task ControlRequestsAreNotCountedAsApiRequests()
    {
        await using var sim = await TestSimulator.StartAsync();
        await sim.StatsAsync();
        await sim.MessagesAsync();
        var stats = await sim.StatsAsync();
        Assert.Empty(stats.GetProperty("requests").EnumerateObject());
    }

    [Fact]
    public async Task BalanceRequestsAreCountedButAreNotSendRequests()
    {
        await using var sim = await TestSimulator.StartAsync();
        (await sim.GetAsync("/api/v1/account/balance")).Dispose();
        var stats = await sim.StatsAsync();
        Assert.Equal(1, stats.GetProperty("requests").GetProperty("200").GetInt64());
        Assert.Equal(0, stats.GetProperty("sendRequests").GetInt64());
    }

    [Fact]
    public async Task ResetClearsStatsMessagesAndBalanceButKeepsTheConfiguration()
    {
        await using var sim = await TestSimulator.StartAsync(["--rate-limit", "3", "--balance", "500"]);
        await sim.SendSmsJsonAsync(Json.Batch(3));
        await sim.SendSmsJsonAsync(Json.Batch(3));

        using var reset = await sim.Client.PostAsync("/_sim/reset", null);
        Assert.Equal(204, (int)reset.StatusCode);

        var stats = await sim.StatsAsync();
        Assert.Equal(0, stats.GetProperty("acceptedMessages").GetInt64());
        Assert.Equal(0, stats.GetProperty("sendRequests").GetInt64());
        Assert.Equal(0, stats.GetProperty("maxRequestsInAnyWindow").GetInt32());
        Assert.Empty(stats.GetProperty("requests").EnumerateObject());
        Assert.Empty((await sim.MessagesAsync()).EnumerateArray());
        var balance = await Json.ReadAsync(await sim.GetAsync("/api/v1/account/balance"), 200);
        Assert.Equal("500", balance.GetProperty("data").GetProperty("account_units").GetString());

        // The limit of 3 still holds, and the window was emptied: 3 more fit at the same instant.
        Assert.Equal(3, (await sim.ConfigureAsync("{}")).GetProperty("rateLimit").GetInt32());
        for (int i = 0; i < 3; i++) Assert.Equal(200, (int)(await sim.SendSmsAsync(Json.Message())).StatusCode);
        Assert.Equal(429, (int)(await sim.SendSmsAsync(Json.Message())).StatusCode);
    }

    [Fact]
    public async Task TheConfigurationCanBeReadAndChangedAtRuntime()
    {
        await using var sim = await TestSimulator.StartAsync(["--fault", "503:every=10"]);
        var before = await Json.ReadAsync(await sim.Client.GetAsync("/_sim/config"), 200);
        Assert.Equal(120, before.GetProperty("rateLimit").GetInt32());
        Assert.Equal("503", before.GetProperty("faults")[0].GetProperty("kind").GetString());
        Assert.Equal(10, before.GetProperty("faults")[0].GetProperty("every").GetInt32());

        var after = await sim.ConfigureAsync("""
            {"rateLimit":5,"latencyMs":0,"jitterP99Ms":20,"receiptDelayMs":10,"receiptFailureRate":0.5,
             "faults":[{"kind":"429","every":2,"retryAfter":4},{"kind":"slow","probability":0.25,"delayMs":100}]}
            """);
        Assert.Equal(5, after.GetProperty("rateLimit").GetInt32());
        Assert.Equal(20, after.GetProperty("jitterP99Ms").GetInt32());
        Assert.Equal(10, after.GetProperty("receiptDelayMs").GetInt32());
        Assert.Equal(0.5, after.GetProperty("receiptFailureRate").GetDouble());
        var faults = after.GetProperty("faults").EnumerateArray().ToArray();
        Assert.Equal(["429", "slow"], faults.Select(f => f.GetProperty("kind").GetString()));
        Assert.Equal(4, faults[0].GetProperty("retryAfter").GetInt32());
        Assert.Equal(0.25, faults[1].GetProperty("probability").GetDouble());
        Assert.Equal(100, faults[1].GetProperty("delayMs").GetInt32());
    }

    [Fact]
    public async Task APartialConfigurationKeepsWhatItDoesNotMention()
    {
        await using var sim = await TestSimulator.StartAsync(["--rate-limit", "7", "--fault", "503:every=3"]);
        var after = await sim.ConfigureAsync("""{"latencyMs":0,"receiptDelayMs":1}""");
        Assert.Equal(7, after.GetProperty("rateLimit").GetInt32());
        Assert.Single(after.GetProperty("faults").EnumerateArray());
    }

    [Fact]
    public async Task NewFaultsApplyAtOnceAndRestartTheCount()
    {
        await using var sim = await TestSimulator.StartAsync();
        for (int i = 0; i < 3; i++) await sim.SendSmsJsonAsync(Json.Message());

        await sim.ConfigureAsync("""{"faults":[{"kind":"503","every":2}]}""");
        Assert.Equal(200, (int)(await sim.SendSmsAsync(Json.Message())).StatusCode);
        Assert.Equal(503, (int)(await sim.SendSmsAsync(Json.Message())).StatusCode);

        await sim.ConfigureAsync("""{"faults":[]}""");
        for (int i = 0; i < 4; i++) Assert.Equal(200, (int)(await sim.SendSmsAsync(Json.Message())).StatusCode);
    }

    [Fact]
    public async Task AFaultWithoutATriggerFiresEveryTime()
    {
        await using var sim = await TestSimulator.StartAsync();
        await sim.ConfigureAsync("""{"faults":[{"kind":"partial","count":1}]}""");
        var answer = await sim.SendSmsJsonAsync(Json.Batch(2));
        Assert.Equal([true, false], answer.EnumerateArray().Select(e => e.GetProperty("status").GetBoolean()));
    }

    [Fact]
    public async Task BalanceAndItsFormatCanBeSetAtRuntime()
    {
        await using var sim = await TestSimulator.StartAsync();
        await sim.ConfigureAsync("""{"balance":42,"balanceFormat":"kes"}""");
        var data = (await Json.ReadAsync(await sim.GetAsync("/api/v1/account/balance"), 200)).GetProperty("data");
        Assert.Equal("42.00", data.GetProperty("balance_kes").GetString());
    }

    [Theory]
    [InlineData("""{"faults":[{"kind":"teapot","every":1}]}""")]
    [InlineData("""{"faults":[{"kind":"503","every":0}]}""")]
    [InlineData("""{"faults":[{"kind":"503","every":2,"probability":0.5}]}""")]
    [InlineData("""{"rateLimit":-1}""")]
    [InlineData("""{"jitterP99Ms":-1}""")]
    [InlineData("""{"jitterP99Ms":60001}""")]
    [InlineData("""{"receiptFailureRate":1.5}""")]
    [InlineData("""{"balanceFormat":"usd"}""")]
    [InlineData("""{"rateLimit":"many"}""")]
    [InlineData("""{"rateLimit":""")]
    public async Task AnInvalidConfigurationIs400AndChangesNothing(string json)
    {
        await using var sim = await TestSimulator.StartAsync();
        var error = await sim.ConfigureAsync(json, expectedStatus: 400);
        Assert.False(string.IsNullOrEmpty(error.GetProperty("error").GetString()));
        var config = await Json.ReadAsync(await sim.Client.GetAsync("/_sim/config"), 200);
        Assert.Equal(120, config.GetProperty("rateLimit").GetInt32());
        Assert.Empty(config.GetProperty("faults").EnumerateArray());
    }
}
