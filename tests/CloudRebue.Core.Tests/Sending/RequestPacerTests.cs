using CloudRebue.Core.Sending;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CloudRebue.Core.Tests.Sending;

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
            pacer.Written(ticket);
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
            pacer.Written(await start);
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
    public async Task ARequestCountsFromWhenItWasWrittenNotWhenItWasAllowed()
    {
        var clock = new FakeTimeProvider();
        var pacer = new RequestPacer(1, Window, clock);
        PacerTicket first = await pacer.WaitAsync(CancellationToken.None);
        Task<PacerTicket> second = pacer.WaitAsync(CancellationToken.None);

        // A new connection (or a pause of ours) holds the first request back for 300 ms.
        clock.Advance(TimeSpan.FromMilliseconds(300));
        pacer.Written(first);
        clock.Advance(TimeSpan.FromMilliseconds(999));
        await Task.Delay(30);
        Assert.False(second.IsCompleted, "counting from the start would have let it go at 1000 ms");

        clock.Advance(TimeSpan.FromMilliseconds(1));
        PacerTicket granted = await second.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(TimeSpan.FromMilliseconds(1300), clock.GetElapsedTime(first.StartedAt, granted.StartedAt));
    }

    [Fact]
    public async Task ARequestNeverWrittenCountsUntilItsAnswer()
    {
        var clock = new FakeTimeProvider();
        var pacer = new RequestPacer(1, Window, clock);
        PacerTicket first = await pacer.WaitAsync(CancellationToken.None);
        await AssertHeldUntilAnswered(clock, pacer, first);
    }

    [Theory]
    [InlineData(300, 50, 1050)]  // answered before the write plus margin: the answer is the (certain) bound
    [InlineData(25, 500, 1025)]  // a slow answer: the write plus margin stays the bound
    public async Task EachRequestCountsFromTheEarlierOfItsAnswerAndItsWritePlusMargin(int marginMs, int answeredAfterMs, int nextStartMs)
    {
        var clock = new FakeTimeProvider();
        var pacer = new RequestPacer(1, Window, clock, Ms(marginMs));
        PacerTicket first = await pacer.WaitAsync(CancellationToken.None);
        pacer.Written(first);
        clock.Advance(Ms(answeredAfterMs));
        pacer.Complete(first);
        PacerTicket granted = await AssertHeld(clock, pacer.WaitAsync(CancellationToken.None), stillWaitingAfter: Ms(nextStartMs - answeredAfterMs - 1), grantedAfter: Ms(nextStartMs - answeredAfterMs));
        Assert.Equal(Ms(nextStartMs), clock.GetElapsedTime(first.StartedAt, granted.StartedAt));
    }

    [Fact]
    public async Task TheMarginDelaysTheNextWindow()
    {
        var clock = new FakeTimeProvider();
        var pacer = new RequestPacer(1, Window, clock, TimeSpan.FromMilliseconds(25));
        pacer.Written(await pacer.WaitAsync(CancellationToken.None));
        await AssertHeld(clock, pacer.WaitAsync(CancellationToken.None), stillWaitingAfter: Ms(1010), grantedAfter: Ms(1030));
    }

    [Fact]
    public async Task A429RaisesTheMarginAndACleanWindowGivesItBack()
    {
        var clock = new FakeTimeProvider();
        var pacer = new RequestPacer(16, Window, clock, TimeSpan.FromMilliseconds(25));
        async Task Send(bool tooMany)
        {
            PacerTicket t = await NextStart(pacer, clock);
            pacer.Written(t);
            pacer.Complete(t, tooMany);
        }

        // Doubling from 25 ms: 50, 100, 200, 400; the next 429 drops the margin, the answers decide.
        var margins = new List<TimeSpan?>();
        for (int i = 0; i < 6; i++)
        {
            await Send(true);
            margins.Add(pacer.Margin);
        }

        Assert.Equal(new TimeSpan?[] { Ms(50), Ms(100), Ms(200), Ms(400), null, null }, margins);

        // A window (16 answers) without a 429 brings the margin back at its largest, the next halves the extra.
        for (int i = 0; i < 16; i++)
        {
            await Send(false);
        }

        Assert.Equal(RequestPacer.MaxMargin, pacer.Margin);
        for (int i = 0; i < 16; i++)
        {
            await Send(false);
        }

        Assert.Equal(Ms(25 + ((400 - 25) / 2.0)), pacer.Margin);
    }

    [Fact]
    public async Task OneHiccupRaisesTheMarginOnceHoweverManyRequestsItRefused()
    {
        var clock = new FakeTimeProvider();
        var pacer = new RequestPacer(16, Window, clock, Ms(25));
        var inFlight = new List<PacerTicket>();
        for (int i = 0; i < 4; i++)
        {
            PacerTicket t = await NextStart(pacer, clock);
            pacer.Written(t);
            inFlight.Add(t);
        }

        // All four were paced with the 25 ms margin; the server refuses them all.
        foreach (PacerTicket t in inFlight)
        {
            pacer.Complete(t, tooManyRequests: true);
        }

        Assert.Equal(Ms(50), pacer.Margin);

        // A request paced with the raised margin that is still refused raises it again.
        PacerTicket after = await NextStart(pacer, clock);
        pacer.Written(after);
        pacer.Complete(after, tooManyRequests: true);
        Assert.Equal(Ms(100), pacer.Margin);
    }

    [Fact]
    public async Task WithoutAMarginAWrittenRequestHoldsItsSlotUntilItsAnswer()
    {
        var clock = new FakeTimeProvider();
        var pacer = new RequestPacer(1, Window, clock, Ms(25));
        for (int i = 0; i < 5; i++)
        {
            // 429s raise the margin past its largest: 50, 100, 200, 400, none.
            PacerTicket refused = await NextStart(pacer, clock);
            pacer.Written(refused);
            pacer.Complete(refused, tooManyRequests: true);
        }

        Assert.Null(pacer.Margin);
        PacerTicket slow = await NextStart(pacer, clock);
        pacer.Written(slow);
        await AssertHeldUntilAnswered(clock, pacer, slow);
    }

    private static TimeSpan Ms(double milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    // The only slot is taken by a request whose bound is not known: the next start waits for its answer and a window.
    private static async Task AssertHeldUntilAnswered(FakeTimeProvider clock, RequestPacer pacer, PacerTicket inFlight)
    {
        Task<PacerTicket> next = pacer.WaitAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(3));
        await Task.Delay(30);
        Assert.False(next.IsCompleted, "a request in flight with no known bound holds its slot");

        pacer.Complete(inFlight);
        clock.Advance(Window);
        await next.WaitAsync(TimeSpan.FromSeconds(5));
    }

    // Moves the fake clock: the start is still held after the first span and granted by the second.
    private static async Task<PacerTicket> AssertHeld(FakeTimeProvider clock, Task<PacerTicket> next, TimeSpan stillWaitingAfter, TimeSpan grantedAfter)
    {
        clock.Advance(stillWaitingAfter);
        await Task.Delay(30);
        Assert.False(next.IsCompleted, $"granted before {stillWaitingAfter.TotalMilliseconds} ms");
        clock.Advance(grantedAfter - stillWaitingAfter);
        return await next.WaitAsync(TimeSpan.FromSeconds(5));
    }

    // Moves the fake clock on until the pacer grants the next start.
    private static async Task<PacerTicket> NextStart(RequestPacer pacer, FakeTimeProvider clock)
    {
        Task<PacerTicket> start = pacer.WaitAsync(CancellationToken.None);
        for (int i = 0; i < 1000 && !start.IsCompleted; i++)
        {
            clock.Advance(Ms(10));
            await Task.Delay(1);
        }

        return await start.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task CancellationStopsAWaiter()
    {
        var clock = new FakeTimeProvider();
        var pacer = new RequestPacer(1, Window, clock);
        pacer.Written(await pacer.WaitAsync(CancellationToken.None));
        using var cts = new CancellationTokenSource();
        Task waiting = pacer.WaitAsync(cts.Token);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);

        // The pacer is still usable afterwards.
        clock.Advance(Window);
        await pacer.WaitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
    }
}
