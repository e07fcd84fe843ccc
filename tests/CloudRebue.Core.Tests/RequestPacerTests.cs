using CloudRebue.Core.Sending;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CloudRebue.Core.Tests;

public class RequestPacerTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    // A request answered the moment it starts: only the window by our own clock holds it back.
    private static async Task<long> StartAnsweredAsync(RequestPacer pacer, CancellationToken token = default)
    {
        RequestPacer.Slot slot = await pacer.AcquireAsync(token);
        slot.Complete();
        return slot.StartedAt;
    }

    [Fact]
    public async Task NoWindowOfOneSecondEverHoldsMoreThanTheLimit()
    {
        var clock = new FakeTimeProvider();
        var pacer = new RequestPacer(120, Window, Window, clock);
        var starts = new List<TimeSpan>();
        long origin = clock.GetTimestamp();
        var tasks = Enumerable.Range(0, 600).Select(async _ =>
        {
            long started = await StartAnsweredAsync(pacer);
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
        var pacer = new RequestPacer(10, Window, Window, clock);
        for (int i = 0; i < 10; i++)
        {
            Task<long> start = StartAnsweredAsync(pacer);
            Assert.True(start.IsCompletedSuccessfully, "the first 10 start at once");
        }

        Task<long> eleventh = StartAnsweredAsync(pacer);
        Assert.False(eleventh.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(999));
        await Task.Delay(20);
        Assert.False(eleventh.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await eleventh.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task ASlotStaysTakenForTheAnswerWindowAfterALateAnswer()
    {
        // The server may have seen the request as late as its answer: the next request on the slot
        // starts a full second after that, not a second after our start.
        var clock = new FakeTimeProvider();
        var pacer = new RequestPacer(1, Window + TimeSpan.FromMilliseconds(25), Window, clock);
        long origin = clock.GetTimestamp();
        RequestPacer.Slot first = await pacer.AcquireAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromMilliseconds(300));
        first.Complete();

        Task<RequestPacer.Slot> second = pacer.AcquireAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromMilliseconds(999));
        await Task.Delay(20);
        Assert.False(second.IsCompleted, "1.299 s after the start, 0.999 s after the answer");
        clock.Advance(TimeSpan.FromMilliseconds(1));
        RequestPacer.Slot slot = await second.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(TimeSpan.FromMilliseconds(1300), clock.GetElapsedTime(origin, slot.StartedAt));
    }

    [Fact]
    public async Task AQuickAnswerLeavesTheWindowByStartInForce()
    {
        var clock = new FakeTimeProvider();
        var pacer = new RequestPacer(1, Window + TimeSpan.FromMilliseconds(25), Window, clock);
        long origin = clock.GetTimestamp();
        RequestPacer.Slot first = await pacer.AcquireAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromMilliseconds(10));
        first.Complete();
        first.Complete(); // only the first call counts

        Task<RequestPacer.Slot> second = pacer.AcquireAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromMilliseconds(1014));
        await Task.Delay(20);
        Assert.False(second.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        RequestPacer.Slot slot = await second.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(TimeSpan.FromMilliseconds(1025), clock.GetElapsedTime(origin, slot.StartedAt));
    }

    [Fact]
    public async Task WithEverySlotInFlightAWaiterWaitsForAnAnswer()
    {
        var clock = new FakeTimeProvider();
        var pacer = new RequestPacer(2, Window, Window, clock);
        RequestPacer.Slot a = await pacer.AcquireAsync(CancellationToken.None);
        RequestPacer.Slot b = await pacer.AcquireAsync(CancellationToken.None);
        Task<RequestPacer.Slot> third = pacer.AcquireAsync(CancellationToken.None);

        clock.Advance(TimeSpan.FromSeconds(5));
        await Task.Delay(20);
        Assert.False(third.IsCompleted, "both requests are still out");

        b.Complete();
        await Task.Delay(20);
        Assert.False(third.IsCompleted, "b was answered just now");
        clock.Advance(Window);
        await third.WaitAsync(TimeSpan.FromSeconds(5));
        a.Complete();
    }

    [Fact]
    public async Task CancellationStopsAWaiter()
    {
        var clock = new FakeTimeProvider();
        var pacer = new RequestPacer(1, Window, Window, clock);
        await StartAnsweredAsync(pacer);
        using var cts = new CancellationTokenSource();
        Task waiting = StartAnsweredAsync(pacer, cts.Token);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);

        // The pacer is still usable afterwards.
        clock.Advance(Window);
        await StartAnsweredAsync(pacer).WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task CancellationStopsAWaiterWhileEverySlotIsInFlight()
    {
        var clock = new FakeTimeProvider();
        var pacer = new RequestPacer(1, Window, Window, clock);
        RequestPacer.Slot only = await pacer.AcquireAsync(CancellationToken.None);
        using var cts = new CancellationTokenSource();
        Task waiting = pacer.AcquireAsync(cts.Token);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);

        only.Complete();
        clock.Advance(Window);
        await StartAnsweredAsync(pacer).WaitAsync(TimeSpan.FromSeconds(5));
    }
}
