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
            PacerTicket ticket = await pacer.WaitAsync(CancellationToken.None);
            pacer.Complete(ticket);
            long started = ticket.StartedAt;
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

        // Smoothing: no eighth of a window holds more than an eighth of the limit.
        for (int i = 0; i + 15 < sorted.Count; i++)
        {
            Assert.True(sorted[i + 15] - sorted[i] >= Window / 8, $"starts {i} and {i + 15} are {(sorted[i + 15] - sorted[i]).TotalMilliseconds} ms apart");
        }
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
            Task<PacerTicket> start = pacer.WaitAsync(CancellationToken.None);
            Assert.True(start.IsCompletedSuccessfully, "the first 10 start at once");
            pacer.Complete(await start);
        }

        Task<PacerTicket> eleventh = pacer.WaitAsync(CancellationToken.None);
        Assert.False(eleventh.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(999));
        await Task.Delay(20);
        Assert.False(eleventh.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await eleventh.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task ARequestDelayedOnTheWayCountsFromItsAnswer()
    {
        var clock = new FakeTimeProvider();
        var pacer = new RequestPacer(1, Window, clock);
        PacerTicket first = await pacer.WaitAsync(CancellationToken.None);
        Task<PacerTicket> second = pacer.WaitAsync(CancellationToken.None);

        // A new connection or a busy server holds the first request back: its answer comes 300 ms later,
        // and the server may have counted it as late as that.
        clock.Advance(TimeSpan.FromMilliseconds(300));
        pacer.Complete(first);
        clock.Advance(TimeSpan.FromMilliseconds(999));
        await Task.Delay(30);
        Assert.False(second.IsCompleted, "counting from the start would have let it go at 1000 ms");

        clock.Advance(TimeSpan.FromMilliseconds(1));
        PacerTicket granted = await second.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(TimeSpan.FromMilliseconds(1300), clock.GetElapsedTime(first.StartedAt, granted.StartedAt));
    }

    [Fact]
    public async Task ARequestInFlightHoldsItsPlace()
    {
        var clock = new FakeTimeProvider();
        var pacer = new RequestPacer(1, Window, clock);
        PacerTicket first = await pacer.WaitAsync(CancellationToken.None);
        Task<PacerTicket> second = pacer.WaitAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(2));
        await Task.Delay(30);
        Assert.False(second.IsCompleted, "a request in flight with no known bound holds its slot");

        pacer.Complete(first);
        clock.Advance(Window);
        await second.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task CancellationStopsAWaiter()
    {
        var clock = new FakeTimeProvider();
        var pacer = new RequestPacer(1, Window, clock);
        pacer.Complete(await pacer.WaitAsync(CancellationToken.None));
        using var cts = new CancellationTokenSource();
        Task waiting = pacer.WaitAsync(cts.Token);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);

        // The pacer is still usable afterwards.
        clock.Advance(Window);
        await pacer.WaitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
    }
}
