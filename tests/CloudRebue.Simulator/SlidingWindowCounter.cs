namespace CloudRebue.Simulator;

/// <summary>
/// An exact sliding window over arrival timestamps (not fixed buckets): a timestamp t is inside the
/// window that ends at <c>now</c> when <c>now - t &lt; window</c>. Used twice: as the rate limiter
/// (only admitted requests are recorded, as Laravel's limiter does not count a 429) and as the
/// observer behind maxRequestsInAnyWindow (every arrival is recorded).
/// The largest count seen at an arrival is the largest count over any window, because a window
/// holding the most arrivals can always be slid until it ends at one of them.
/// </summary>
internal sealed class SlidingWindowCounter
{
    private readonly TimeProvider _time;
    private readonly long _window;
    private readonly object _gate = new();
    private long[] _ring = new long[256];
    private int _head;
    private int _count;
    private int _max;

    public SlidingWindowCounter(TimeProvider time, TimeSpan window)
    {
        _time = time;
        _window = (long)(window.TotalSeconds * time.TimestampFrequency);
    }

    /// <summary>The most timestamps ever inside one window since the last <see cref="Clear"/>.</summary>
    public int MaxInAnyWindow
    {
        get { lock (_gate) return _max; }
    }

    /// <summary>Records an arrival unconditionally; returns how many are now in the window.</summary>
    public int Record()
    {
        lock (_gate)
        {
            long now = _time.GetTimestamp();
            Evict(now);
            Push(now);
            if (_count > _max) _max = _count;
            return _count;
        }
    }

    /// <summary>
    /// Records the arrival only when fewer than <paramref name="limit"/> are in the window.
    /// On refusal, <paramref name="retryAfter"/> is when the oldest one leaves the window.
    /// </summary>
    public bool TryAdmit(int limit, out int remaining, out TimeSpan retryAfter)
    {
        lock (_gate)
        {
            long now = _time.GetTimestamp();
            Evict(now);
            if (_count >= limit)
            {
                remaining = 0;
                long leavesAt = _ring[_head] + _window;
                retryAfter = TimeSpan.FromSeconds((double)(leavesAt - now) / _time.TimestampFrequency);
                return false;
            }

            Push(now);
            if (_count > _max) _max = _count;
            remaining = limit - _count;
            retryAfter = TimeSpan.Zero;
            return true;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _head = 0;
            _count = 0;
            _max = 0;
        }
    }

    private void Evict(long now)
    {
        // Timestamps are taken under the lock, so the ring is in arrival order.
        while (_count > 0 && now - _ring[_head] >= _window)
        {
            _head = (_head + 1) % _ring.Length;
            _count--;
        }
    }

    private void Push(long timestamp)
    {
        if (_count == _ring.Length)
        {
            var bigger = new long[_ring.Length * 2];
            for (int i = 0; i < _count; i++) bigger[i] = _ring[(_head + i) % _ring.Length];
            _ring = bigger;
            _head = 0;
        }

        _ring[(_head + _count) % _ring.Length] = timestamp;
        _count++;
    }
}
