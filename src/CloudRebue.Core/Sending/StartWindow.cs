using System;

namespace CloudRebue.Core.Sending
{
    /// <summary>
    /// An exact sliding window over the times the server may have seen the last <c>limit</c> requests.
    /// Each slot holds an upper bound of that time: the start plus the jitter margin, or, while the
    /// request is a warm-up one, "not known yet" until its answer comes back. A new start takes a slot
    /// whose bound has left the window; slots only leave when no later start could ever count them, so
    /// no span of <c>span</c> can hold more than <c>limit</c> arrivals whose bounds were right.
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

        /// <summary>How long until one more start fits (zero when it fits now); null while every slot waits for an answer.</summary>
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

        /// <summary>Takes a slot for a start at <paramref name="now"/>; returns the slot and, when <paramref name="untilAnswered"/>, the generation to complete it with.</summary>
        public (int Slot, long Generation) Record(long now, long bound, bool untilAnswered)
        {
            int slot = _used < Limit ? _used++ : EarliestSlot();
            long generation = untilAnswered ? ++_nextGeneration : 0;
            _bounds[slot] = untilAnswered ? Unknown : bound;
            _generations[slot] = generation;
            return (slot, generation);
        }

        /// <summary>The answer is in: the server saw the request by <paramref name="now"/> at the latest.</summary>
        public void Complete(int slot, long generation, long now)
        {
            if (generation != 0 && _generations[slot] == generation && _bounds[slot] == Unknown)
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
