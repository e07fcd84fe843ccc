using System;

namespace CloudRebue.Core.Sending
{
    /// <summary>
    /// An exact sliding window over the last <c>limit</c> requests. Each slot holds an upper bound of
    /// when the server saw its request: unknown while the request is in flight, then the moment its answer
    /// came back (the server had the request before it answered). A new start takes a slot whose bound has
    /// left the window; a slot only leaves when no later start could count it, so no span of <c>span</c>
    /// holds more than <c>limit</c> arrivals, however late any request reached the server.
    /// Not thread-safe: <see cref="RequestPacer"/> serialises access.
    /// </summary>
    internal sealed class StartWindow
    {
        private const long Unknown = long.MaxValue;
        private readonly long[] _bounds;
        private readonly long[] _generations;
        private int _used;
        private long _nextGeneration;

        public StartWindow(int limit, TimeSpan span)
        {
            Limit = Math.Max(1, limit);
            Span = span;
            _bounds = new long[Limit];
            _generations = new long[Limit];
        }

        public int Limit { get; }

        public TimeSpan Span { get; }

        /// <summary>How long until one more start fits (zero when it fits now); null while every slot is in flight.</summary>
        public TimeSpan? WaitBefore(long now, TimeProvider time)
        {
            if (_used < Limit)
            {
                return TimeSpan.Zero;
            }

            int slot = EarliestSlot();
            if (_bounds[slot] == Unknown)
            {
                return null;
            }

            TimeSpan since = time.GetElapsedTime(_bounds[slot], now);
            return since >= Span ? TimeSpan.Zero : Span - since;
        }

        /// <summary>Takes a slot; with <paramref name="bound"/> null its bound stays unknown until <see cref="Answered"/>.</summary>
        public (int Slot, long Generation) Take(long? bound)
        {
            int slot = _used < Limit ? _used++ : EarliestSlot();
            long generation = ++_nextGeneration;
            _bounds[slot] = bound ?? Unknown;
            _generations[slot] = generation;
            return (slot, generation);
        }

        /// <summary>The answer is in: the server saw the request by <paramref name="now"/>.</summary>
        public void Answered(int slot, long generation, long now)
        {
            if (_generations[slot] == generation && now < _bounds[slot])
            {
                _bounds[slot] = now;
            }
        }

        private int EarliestSlot()
        {
            int earliest = 0;
            for (int i = 1; i < _used; i++)
            {
                if (_bounds[i] < _bounds[earliest])
                {
                    earliest = i;
                }
            }

            return earliest;
        }
    }
}
