using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace CloudRebue.Tests.Shared;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also tells a test when a timer has been scheduled on it. Advancing
/// a fake clock before the code under test has scheduled its timer moves time past a timer that does not
/// exist yet: the timer is then due after the advance and never fires. So a test first waits for the timer
/// it means to fire (<see cref="WaitForTimerAsync"/>), then advances.
/// </summary>
public sealed class FakeClock : FakeTimeProvider
{
    private readonly object _gate = new();
    private readonly List<TimeSpan> _scheduled = new();

    /// <summary>Every due time a timer was created or changed with, in order (infinite ones left out).</summary>
    public IReadOnlyList<TimeSpan> Scheduled
    {
        get
        {
            lock (_gate)
            {
                return _scheduled.ToArray();
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ITimer timer = base.CreateTimer(callback, state, dueTime, period);
        Record(dueTime);
        return new ObservedTimer(timer, this);
    }

    /// <summary>
    /// Completes once a timer matching <paramref name="match"/> has been scheduled (counting those already
    /// scheduled). The real-time <paramref name="timeout"/> only bounds a failing test; nothing waits for it.
    /// </summary>
    public async Task WaitForTimerAsync(Func<TimeSpan, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_scheduled.Exists(d => match(d)))
                {
                    return;
                }

                changed = _changed.Task;
            }

            TimeSpan left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || await Task.WhenAny(changed, Task.Delay(left)) != changed)
            {
                throw new TimeoutException($"No timer was scheduled that matches; scheduled: {string.Join(", ", Scheduled)}.");
            }
        }
    }

    /// <summary>Waits for a timer due exactly <paramref name="due"/> after it was scheduled.</summary>
    public Task WaitForTimerAsync(TimeSpan due, TimeSpan? timeout = null) => WaitForTimerAsync(d => d == due, timeout);

    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void Record(TimeSpan dueTime)
    {
        if (dueTime == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        TaskCompletionSource signal;
        lock (_gate)
        {
            _scheduled.Add(dueTime);
            signal = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        signal.TrySetResult();
    }

    private sealed class ObservedTimer : ITimer
    {
        private readonly ITimer _inner;
        private readonly FakeClock _clock;

        public ObservedTimer(ITimer inner, FakeClock clock)
        {
            _inner = inner;
            _clock = clock;
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            bool changed = _inner.Change(dueTime, period);
            _clock.Record(dueTime);
            return changed;
        }

        public void Dispose() => _inner.Dispose();

        public ValueTask DisposeAsync() => _inner.DisposeAsync();
    }
}
