using System;
using System.Threading;
using System.Threading.Tasks;

namespace CloudRebue.Core.Sending
{
    /// <summary>
    /// Lets at most <c>limit</c> requests reach the server in any sliding window, retries included. We
    /// cannot see when the server receives a request, only when we start it and when its answer returns,
    /// so each request holds its place in the window until a full window after its answer: the server had
    /// the request before it answered, so two requests that share a place are at least a window apart on
    /// the server's clock, however late either reached it (new connections, a busy network, a server that
    /// stamps requests late under load). Counting from our start times was not enough: measured against
    /// the simulator, starts never broke 120 per second while the server counted up to 152 and answered
    /// 429. The price is that each place is used once per window plus one round trip: with answers in
    /// 50 ms, about 114 requests a second instead of 120.
    /// A second, finer window (an eighth of the limit in an eighth of the window) spreads the starts over
    /// the window instead of one burst. An eighth of a second is far above the coarsest timer (15.6 ms on
    /// Windows), so smoothing costs no throughput there.
    /// </summary>
    public sealed class RequestPacer
    {
        private const int Smoothing = 8;
        private static readonly TimeSpan AllSlotsInFlight = TimeSpan.FromMilliseconds(5);
        private readonly TimeProvider _time;
        private readonly StartWindow _window;
        private readonly StartWindow? _fine;
        private readonly object _slots = new object();
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);

        /// <param name="limit">Requests allowed per window.</param>
        /// <param name="window">The server's window (one second for the CloudRebue API).</param>
        /// <param name="timeProvider">The clock.</param>
        public RequestPacer(int limit, TimeSpan window, TimeProvider timeProvider)
        {
            if (limit < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(limit), "At least one request per window.");
            }

            _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
            _window = new StartWindow(limit, window);
            if (limit >= Smoothing * 2)
            {
                _fine = new StartWindow((limit + Smoothing - 1) / Smoothing, TimeSpan.FromTicks(window.Ticks / Smoothing));
            }
        }

        public int Limit => _window.Limit;

        public TimeSpan Window => _window.Span;

        /// <summary>Waits until one more request may start without breaking the limit, and takes a place for it.</summary>
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
                        TimeSpan main = _window.WaitBefore(now, _time) ?? AllSlotsInFlight;
                        TimeSpan fine = _fine?.WaitBefore(now, _time) ?? TimeSpan.Zero;
                        wait = main > fine ? main : fine;
                        if (wait <= TimeSpan.Zero)
                        {
                            var (slot, generation) = _window.Take(null);
                            _fine?.Take(now);
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

        /// <summary>The answer (or failure) is in; call it for every ticket. Its place counts until a window from now.</summary>
        public void Complete(PacerTicket ticket)
        {
            lock (_slots)
            {
                _window.Answered(ticket.Slot, ticket.Generation, _time.GetTimestamp());
            }
        }
    }
}
