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
        var clock = new FakeTimeProvider();
        var transport = new ScriptedTransport((n, batch) => n == 1
            ? SendAttempt.Failed(ApiFailureKind.RateLimited, "429", 429, TimeSpan.FromSeconds(retryAfterSeconds))
            : ScriptedTransport.AcceptAll(batch));
        var options = new SendEngineOptions { RetryAfterCap = TimeSpan.FromSeconds(30) };
        using var engine = new SmsSendEngine(transport, options, null, clock);
        engine.Add(TestMessages.Message(1));
        engine.Complete();

        await WaitUntil(() => transport.Calls == 1);
        clock.Advance(TimeSpan.FromSeconds(expectedWaitSeconds) - TimeSpan.FromMilliseconds(10));
        await Task.Delay(50);
        Assert.Equal(1, transport.Calls);

        clock.Advance(TimeSpan.FromMilliseconds(10));
        await WaitUntil(() => transport.Calls == 2);
        await WaitUntil(() => engine.IsFinished || engine.TryTakeResult(out _));
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
