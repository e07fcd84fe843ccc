using CloudRebue.Core.Sending;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CloudRebue.Core.Tests;

public class RequestPacerTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task NoWindowOfOneSecondEverHoldsMoreThanTheLimit()
    {
        var clock = new FakeTimeProvider();
        var pacer = new RequestPacer(120, Window, clock);
        var starts = new List<TimeSpan>();
        long origin = clock.GetTimestamp();
        var tasks = Enumerable.Range(0, 600).Select(async _ =>
        {
            long started = await pacer.WaitAsync(CancellationToken.None);
            lock (starts)
            {
                starts.Add(clock.GetElapsedTime(origin, started));
            }
        }).ToList();

        // Move time forward in uneven steps until everyone has started.
        var step = TimeSpan.FromMilliseconds(7);
        for (int i = 0; i < 2000 && tasks.Any(t => !t.IsCompleted); i++)
        {
            clock.Advance(step);
            await Task.Yield();
            await Task.Delay(1);
        }

        await Task.WhenAll(tasks);
        Assert.Equal(600, starts.Count);
        var sorted = starts.OrderBy(t => t).ToList();
        // Five windows of 120 cannot finish before 4 s; how soon after is timing of this test's own
        // clock steps, so the no-over-throttling bound lives in DoesNotHoldBackMoreThanNeeded instead.
        Assert.True(sorted[^1] >= TimeSpan.FromSeconds(4));
        for (int i = 0; i + 120 < sorted.Count; i++)
        {
            // The 121st start after any start is at least a full window later.
            Assert.True(sorted[i + 120] - sorted[i] >= Window, $"starts {i} and {i + 120} are {(sorted[i + 120] - sorted[i]).TotalMilliseconds} ms apart");
        }
    }

    [Fact]
    public async Task DoesNotHoldBackMoreThanNeeded()
    {
        var clock = new FakeTimeProvider();
        var pacer = new RequestPacer(10, Window, clock);
        for (int i = 0; i < 10; i++)
        {
            Assert.True(pacer.WaitAsync(CancellationToken.None).IsCompletedSuccessfully, "the first 10 start at once");
        }

        Task eleventh = pacer.WaitAsync(CancellationToken.None);
        Assert.False(eleventh.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(999));
        await Task.Delay(20);
        Assert.False(eleventh.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await eleventh.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task CancellationStopsAWaiter()
    {
        var clock = new FakeTimeProvider();
        var pacer = new RequestPacer(1, Window, clock);
        await pacer.WaitAsync(CancellationToken.None);
        using var cts = new CancellationTokenSource();
        Task waiting = pacer.WaitAsync(cts.Token);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);

        // The pacer is still usable afterwards.
        clock.Advance(Window);
        await pacer.WaitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
    }
}
