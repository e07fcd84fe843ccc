using System;
using System.Threading;
using System.Threading.Tasks;

namespace CloudRebue.Core.Sending
{
    /// <summary>
    /// Lets at most <c>limit</c> requests reach the server in any sliding window. We cannot see when the
    /// server receives a request, only when we start it and when its answer returns, so each request is
    /// counted at an upper bound of its arrival: its start plus a margin for network jitter. The first
    /// <c>limit</c> requests of a run are counted until their answer instead, because they ride new
    /// connections (TCP and TLS handshakes) and can reach the server much later than they started, then
    /// land in the same server-side second as the next window's requests. Every attempt passes through
    /// the pacer, retries included.
    /// A second, finer window (an eighth of the limit in an eighth of the window) spreads the starts over
    /// the window instead of one burst: a burst opens many connections at once. An eighth of a second is
    /// far above the coarsest timer (15.6 ms on Windows), so smoothing costs no throughput there.
    /// </summary>
    public sealed class RequestPacer
    {
        private const int Smoothing = 8;
        private static readonly TimeSpan AllSlotsAwaitAnswer = TimeSpan.FromMilliseconds(10);
        private readonly TimeProvider _time;
        private readonly StartWindow _window;
        private readonly StartWindow? _fine;
        private readonly TimeSpan _margin;
        private readonly object _slots = new object();
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
        private int _warmUpLeft;

        /// <param name="limit">Requests allowed per window.</param>
        /// <param name="window">The server's window (one second for the CloudRebue API).</param>
        /// <param name="margin">Added to a start to bound when the server saw it.</param>
        /// <param name="warmUpRequests">How many first requests are counted until their answer (0: none).</param>
        public RequestPacer(int limit, TimeSpan window, TimeProvider timeProvider, TimeSpan margin = default, int warmUpRequests = 0)
        {
            if (limit < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(limit), "At least one request per window.");
            }

            _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
            _window = new StartWindow(limit, window);
            _margin = margin;
            _warmUpLeft = warmUpRequests;
            if (limit >= Smoothing * 2)
            {
                _fine = new StartWindow((limit + Smoothing - 1) / Smoothing, TimeSpan.FromTicks(window.Ticks / Smoothing));
            }
        }

        public int Limit => _window.Limit;

        public TimeSpan Window => _window.Span;

        /// <summary>Waits until one more request may start without breaking the limit, and records the start.</summary>
        public async Task<PacerTicket> WaitAsync(CancellationToken cancellationToken)
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                while (true)
                {
                    TimeSpan wait;
                    lock (_slots)
                    {
                        long now = _time.GetTimestamp();
                        TimeSpan? main = _window.WaitBefore(now, _time);
                        TimeSpan? fine = _fine?.WaitBefore(now, _time) ?? TimeSpan.Zero;
                        wait = Max(main ?? AllSlotsAwaitAnswer, fine ?? TimeSpan.Zero);
                        if (wait <= TimeSpan.Zero)
                        {
                            bool untilAnswered = _warmUpLeft > 0;
                            if (untilAnswered)
                            {
                                _warmUpLeft--;
                            }

                            long bound = now + (long)(_margin.TotalSeconds * _time.TimestampFrequency);
                            var (slot, generation) = _window.Record(now, bound, untilAnswered);
                            _fine?.Record(now, now, false);
                            return new PacerTicket(now, slot, generation);
                        }
                    }

                    await _time.Delay(wait, cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                _gate.Release();
            }
        }

        /// <summary>The request's answer (or failure) is in; call it for every ticket, whatever the outcome.</summary>
        public void Complete(PacerTicket ticket)
        {
            lock (_slots)
            {
                _window.Complete(ticket.Slot, ticket.Generation, _time.GetTimestamp());
            }
        }

        private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
    }
}
