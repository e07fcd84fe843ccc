using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CloudRebue.Simulator.Tests;

public class SlidingWindowCounterTests
{
    private readonly FakeTimeProvider _clock = new(TestSimulator.Start);

    private SlidingWindowCounter NewCounter() => new(_clock, TimeSpan.FromSeconds(1));

    [Fact]
    public void AdmitsUpToTheLimitThenRefusesWithTheTimeUntilTheOldestLeaves()
    {
        var window = NewCounter();
        Assert.True(window.TryAdmit(3, out int r1, out _));
        _clock.Advance(TimeSpan.FromMilliseconds(200));
        Assert.True(window.TryAdmit(3, out int r2, out _));
        Assert.True(window.TryAdmit(3, out int r3, out _));
        Assert.Equal([2, 1, 0], new[] { r1, r2, r3 });

        Assert.False(window.TryAdmit(3, out int remaining, out var retryAfter));
        Assert.Equal(0, remaining);
        Assert.Equal(TimeSpan.FromMilliseconds(800), retryAfter);
    }

    [Fact]
    public void SlidesOverArrivalsInsteadOfResettingOnSecondBoundaries()
    {
        var window = NewCounter();
        Admit(window, 4, 2);
        _clock.Advance(TimeSpan.FromMilliseconds(600));
        Admit(window, 4, 2);

        _clock.Advance(TimeSpan.FromMilliseconds(300)); // 0.9 s: all four are still inside
        Assert.False(window.TryAdmit(4, out _, out _));

        _clock.Advance(TimeSpan.FromMilliseconds(100)); // 1.0 s: the first two left, two slots free
        Admit(window, 4, 2);
        Assert.False(window.TryAdmit(4, out _, out var retryAfter));
        Assert.Equal(TimeSpan.FromMilliseconds(600), retryAfter);
    }

    [Fact]
    public void ARefusedArrivalDoesNotCount()
    {
        var window = NewCounter();
        Admit(window, 2, 2);
        _clock.Advance(TimeSpan.FromMilliseconds(500));
        for (int i = 0; i < 10; i++) Assert.False(window.TryAdmit(2, out _, out _));

        _clock.Advance(TimeSpan.FromMilliseconds(500));
        Admit(window, 2, 2);
    }

    [Fact]
    public void RecordCountsEveryArrivalAndRemembersTheBusiestWindow()
    {
        var window = NewCounter();
        for (int i = 0; i < 3; i++) window.Record();
        _clock.Advance(TimeSpan.FromMilliseconds(500));
        for (int i = 0; i < 3; i++) window.Record();
        _clock.Advance(TimeSpan.FromMilliseconds(700)); // 1.2 s: the first three have left
        for (int i = 0; i < 3; i++) window.Record();

        Assert.Equal(6, window.MaxInAnyWindow);
        window.Clear();
        Assert.Equal(0, window.MaxInAnyWindow);
    }

    [Fact]
    public void GrowsPastItsInitialCapacity()
    {
        var window = NewCounter();
        for (int i = 0; i < 1000; i++) Assert.True(window.TryAdmit(1000, out _, out _));
        Assert.False(window.TryAdmit(1000, out _, out _));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(window.TryAdmit(1000, out int remaining, out _));
        Assert.Equal(999, remaining);
    }

    private static void Admit(SlidingWindowCounter window, int limit, int count)
    {
        for (int i = 0; i < count; i++) Assert.True(window.TryAdmit(limit, out _, out _), $"arrival {i + 1} of {count} was refused");
    }
}
