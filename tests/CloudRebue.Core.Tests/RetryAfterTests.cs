using CloudRebue.Core.Api;
using CloudRebue.Core.Sending;
using CloudRebue.Core.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CloudRebue.Core.Tests;

/// <summary>A 429's Retry-After is honoured, and capped, on a fake clock: no real waiting.</summary>
public class RetryAfterTests
{
    [Theory]
    [InlineData(5, 5)]
    [InlineData(120, 30)]
    public async Task WaitsRetryAfterUpToTheCap(int retryAfterSeconds, int expectedWaitSeconds)
    {
        var clock = new TimerCountingClock();
        var transport = new ScriptedTransport((n, batch) => n == 1
            ? SendAttempt.Failed(ApiFailureKind.RateLimited, "429", 429, TimeSpan.FromSeconds(retryAfterSeconds))
            : ScriptedTransport.AcceptAll(batch));
        var options = new SendEngineOptions { RetryAfterCap = TimeSpan.FromSeconds(30) };
        using var engine = new SmsSendEngine(transport, options, null, clock);
        engine.Add(TestMessages.Message(1));
        engine.Complete();

        await WaitUntil(() => transport.Calls == 1);

        // The retry's delay is a timer on the fake clock: advance only once it is scheduled, or the
        // advance happens before the delay starts and the retry waits a whole delay more.
        await WaitUntil(() => clock.Timers >= 1);
        clock.Advance(TimeSpan.FromSeconds(expectedWaitSeconds) - TimeSpan.FromMilliseconds(10));
        await Task.Delay(50);
        Assert.Equal(1, transport.Calls);

        clock.Advance(TimeSpan.FromMilliseconds(10));
        await WaitUntil(() => transport.Calls == 2);
        await WaitUntil(() => engine.IsFinished || engine.TryTakeResult(out _));
    }

    /// <summary>A fake clock that counts the timers made on it.</summary>
    private sealed class TimerCountingClock : FakeTimeProvider
    {
        private int _timers;

        public int Timers => Volatile.Read(ref _timers);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            // Counted once the clock has it, so a test that sees the count can advance past it.
            ITimer timer = base.CreateTimer(callback, state, dueTime, period);
            Interlocked.Increment(ref _timers);
            return timer;
        }
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting");
            await Task.Delay(5);
        }
    }
}
