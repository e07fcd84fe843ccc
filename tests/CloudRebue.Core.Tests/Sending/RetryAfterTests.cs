using CloudRebue.Core.Api;
using CloudRebue.Core.Sending;
using CloudRebue.Core.Tests.Fakes;
using CloudRebue.Tests.Shared;
using Xunit;

namespace CloudRebue.Core.Tests.Sending;

/// <summary>A 429's Retry-After is honoured, and capped, on a fake clock: no real waiting.</summary>
public class RetryAfterTests
{
    [Theory]
    [InlineData(5, 5)]
    [InlineData(120, 30)]
    public async Task WaitsRetryAfterUpToTheCap(int retryAfterSeconds, int expectedWaitSeconds)
    {
        var clock = new FakeClock();
        var transport = new ScriptedTransport((n, batch) => n == 1
            ? SendAttempt.Failed(ApiFailureKind.RateLimited, "429", 429, TimeSpan.FromSeconds(retryAfterSeconds))
            : ScriptedTransport.AcceptAll(batch));
        var options = new SendEngineOptions { RetryAfterCap = TimeSpan.FromSeconds(30) };
        using var test = new TestRun(transport, options, clock: clock);
        test.Run.Add(TestMessages.Message(1));
        Task finishing = Task.Run(() => test.Run.Finish());

        // The retry's delay is on the clock before time moves: advancing earlier would move past a timer
        // that does not exist yet, and it would then never come due.
        await clock.WaitForTimerAsync(TimeSpan.FromSeconds(expectedWaitSeconds));
        clock.Advance(TimeSpan.FromSeconds(expectedWaitSeconds) - TimeSpan.FromMilliseconds(10));
        Assert.Equal(1, transport.Calls);

        clock.Advance(TimeSpan.FromMilliseconds(10));
        await Eventually.TrueAsync(() => transport.Calls == 2);
        await finishing.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(test.Run.IsFinished);
    }
}
