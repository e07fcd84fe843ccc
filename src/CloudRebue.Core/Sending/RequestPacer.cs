using System;
using System.Threading;
using System.Threading.Tasks;

namespace CloudRebue.Core.Sending
{
    /// <summary>
    /// Lets at most <c>limit</c> requests start in any sliding window: an exact window over the start
    /// times of the last <c>limit</c> requests (a ring buffer), not fixed buckets, so no 1-second span
    /// anywhere in a run can hold more. Every attempt passes through it, retries included.
    /// </summary>
    public sealed class RequestPacer
    {
        private readonly TimeProvider _time;
        private readonly long[] _starts;
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
        private int _oldest;
        private int _count;

        /// <param name="limit">Requests allowed per window.</param>
        /// <param name="window">The window: the API's second plus a margin for network jitter between our start and the server's clock.</param>
        public RequestPacer(int limit, TimeSpan window, TimeProvider timeProvider)
        {
            if (limit < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(limit), "At least one request per window.");
            }

            Limit = limit;
            Window = window;
            _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
            _starts = new long[limit];
        }

        public int Limit { get; }

        public TimeSpan Window { get; }

        /// <summary>Waits until one more request may start without breaking the limit; returns the start it recorded (a <see cref="TimeProvider.GetTimestamp"/> value).</summary>
        public async Task<long> WaitAsync(CancellationToken cancellationToken)
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                while (true)
                {
                    long now = _time.GetTimestamp();
                    if (_count < Limit)
                    {
                        _starts[(_oldest + _count) % Limit] = now;
                        _count++;
                        return now;
                    }

                    TimeSpan since = _time.GetElapsedTime(_starts[_oldest], now);
                    if (since >= Window)
                    {
                        // The oldest start has left the window: its slot becomes the newest.
                        _starts[_oldest] = now;
                        _oldest = (_oldest + 1) % Limit;
                        return now;
                    }

                    await _time.Delay(Window - since, cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                _gate.Release();
            }
        }
    }
}
