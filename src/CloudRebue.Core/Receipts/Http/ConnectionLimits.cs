using System;
using System.Diagnostics;

namespace CloudRebue.Core.Receipts.Http
{
    /// <summary>What one connection may cost: buffer sizes, and how long the client may take at each step.</summary>
    internal sealed class ConnectionLimits
    {
        /// <summary>How long a refused request's connection is drained before closing, so the client reads its answer instead of a reset.</summary>
        public static readonly TimeSpan LingerTime = TimeSpan.FromSeconds(1);

        public int MaxHeaderBytes { get; set; } = 8192;

        /// <summary>How long a new connection is spared when room is made under the cap (see <see cref="ConnectionTracker"/>).</summary>
        public TimeSpan EvictionGrace { get; set; } = TimeSpan.FromMilliseconds(250);

        public int MaxBodyBytes { get; set; }

        /// <summary>Waiting for the first byte of a request (a new connection, or between keep-alive requests).</summary>
        public TimeSpan IdleTimeout { get; set; }

        /// <summary>From the first byte of a request to the end of its head.</summary>
        public TimeSpan HeaderTimeout { get; set; }

        /// <summary>From the end of the head to the end of the body; also bounds writing an answer the client does not read.</summary>
        public TimeSpan BodyTimeout { get; set; }

        /// <summary>How often deadlines are checked: a quarter of the shortest timeout, between 10 ms and 500 ms.</summary>
        public TimeSpan SweepInterval
        {
            get
            {
                long shortest = Math.Min(IdleTimeout.Ticks, Math.Min(HeaderTimeout.Ticks, BodyTimeout.Ticks));
                long quarter = Math.Max(TimeSpan.FromMilliseconds(10).Ticks, Math.Min(TimeSpan.FromMilliseconds(500).Ticks, shortest / 4));
                return TimeSpan.FromTicks(quarter);
            }
        }

        /// <summary>The Stopwatch timestamp <paramref name="timeout"/> from now.</summary>
        public static long DeadlineAfter(TimeSpan timeout) =>
            Stopwatch.GetTimestamp() + (long)Math.Min(timeout.TotalSeconds * Stopwatch.Frequency, long.MaxValue / 4);
    }
}
