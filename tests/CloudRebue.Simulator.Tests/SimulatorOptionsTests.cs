using Xunit;

namespace CloudRebue.Simulator.Tests;

public class SimulatorOptionsTests
{
    [Fact]
    public void DefaultsFollowTheBrief()
    {
        var options = SimulatorOptions.Parse(["--token", "t"]);
        Assert.Equal(0, options.Port);
        Assert.Equal("t", options.Token);
        Assert.Equal(100_000, options.Balance);
        Assert.Equal([2], options.SubAccounts);
        Assert.Equal(120, options.Config.RateLimit);
        Assert.Equal(0, options.Config.LatencyMs);
        Assert.Equal(0, options.Config.JitterP99Ms);
        Assert.Equal(200, options.Config.ReceiptDelayMs);
        Assert.Equal(0, options.Config.ReceiptFailureRate);
        Assert.Equal(BalanceFormat.Units, options.Config.BalanceFormat);
        Assert.Empty(options.Config.Faults.Rules);
    }

    [Fact]
    public void ReadsEveryOption()
    {
        var options = SimulatorOptions.Parse([
            "--port", "0", "--token", "abc", "--rate-limit", "50", "--latency-ms", "50", "--jitter-p99-ms", "20",
            "--receipt-delay-ms", "10", "--receipt-failure-rate", "0.1", "--balance", "6974",
            "--balance-format", "kes", "--enforce-balance", "--sub-account", "5", "--sub-account", "6",
            "--fault", "503:every=10", "--fault", "slow:p=0.01,delay-ms=100", "--seed", "9", "--allow-remote-receipts",
        ]);
        Assert.Equal(50, options.Config.RateLimit);
        Assert.Equal(50, options.Config.LatencyMs);
        Assert.Equal(20, options.Config.JitterP99Ms);
        Assert.Equal(10, options.Config.ReceiptDelayMs);
        Assert.Equal(0.1, options.Config.ReceiptFailureRate);
        Assert.Equal(6974, options.Balance);
        Assert.Equal(BalanceFormat.Kes, options.Config.BalanceFormat);
        Assert.True(options.Config.EnforceBalance);
        Assert.Equal([5, 6], options.SubAccounts);
        Assert.Equal([FaultKind.ServiceUnavailable, FaultKind.Slow], options.Config.Faults.Rules.Select(r => r.Kind));
        Assert.Equal(9, options.Seed);
        Assert.True(options.AllowRemoteReceipts);
    }

    [Theory]
    [InlineData("")]
    [InlineData("--port 0")]
    [InlineData("--token")]
    [InlineData("--token t --verbose")]
    [InlineData("--token t --rate-limit -1")]
    [InlineData("--token t --jitter-p99-ms -1")]
    [InlineData("--token t --jitter-p99-ms 60001")]
    [InlineData("--token t --jitter-p99-ms 2.5")]
    [InlineData("--token t --receipt-failure-rate 2")]
    [InlineData("--token t --balance-format usd")]
    [InlineData("--token t --fault teapot")]
    public void RejectsBadCommandLines(string commandLine) =>
        Assert.Throws<FormatException>(() => SimulatorOptions.Parse(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
}
