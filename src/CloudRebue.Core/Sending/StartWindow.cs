using System;

namespace CloudRebue.Core.Sending
{
    /// <summary>
    /// An exact sliding window over the times the server may have seen the last <c>limit</c> requests.
    /// Each slot holds an upper bound of that time: unknown until the request is on the wire, then the
    /// write time plus a jitter margin, and at most the time its answer came back (certain). A
    /// new start takes a slot whose bound has left the window; a slot only leaves when no later start
    /// could count it, so no span of <c>span</c> holds more than <c>limit</c> arrivals within their bounds.
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

        /// <summary>The generation of the latest <see cref="Take"/>: tickets at or below it started before now.</summary>
        public long LatestGeneration => _nextGeneration;

        /// <summary>How long until one more start fits (zero when it fits now); null while every slot's bound is unknown.</summary>
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

        /// <summary>Takes a slot; with <paramref name="bound"/> null its bound stays unknown until <see cref="Written"/> or <see cref="Answered"/>.</summary>
        public (int Slot, long Generation) Take(long? bound)
        {
            int slot = _used < Limit ? _used++ : EarliestSlot();
            long generation = ++_nextGeneration;
            _bounds[slot] = bound ?? Unknown;
            _generations[slot] = generation;
            return (slot, generation);
        }

        /// <summary>The request is on the wire by <paramref name="bound"/> plus jitter: the later of two writes counts (a retried connection writes again).</summary>
        public void Written(int slot, long generation, long bound)
        {
            if (_generations[slot] == generation && (_bounds[slot] == Unknown || bound > _bounds[slot]))
            {
                _bounds[slot] = bound;
            }
        }

        /// <summary>The answer is in: the server saw the request by <paramref name="now"/> for certain, so the bound is at most that.</summary>
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
