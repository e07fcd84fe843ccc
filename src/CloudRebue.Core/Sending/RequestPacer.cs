using System;
using System.Threading;
using System.Threading.Tasks;

namespace CloudRebue.Core.Sending
{
    /// <summary>
    /// Lets at most <c>limit</c> requests reach the server in any sliding window. We cannot see when the
    /// server receives a request, so each is counted at an upper bound of its arrival, the smaller of:
    /// the moment its answer came back (certain: the server had it before answering, see
    /// <see cref="Complete"/>), and the moment its body was written to the connection plus a margin for
    /// jitter (probable, see <see cref="Written"/>). Until one of those, its slot counts as "in the
    /// window". Counting from the decision to send would not do: new connections (TCP and TLS handshakes),
    /// garbage collection or a busy machine can hold a request back after that decision, and the server
    /// would then count it with the next window's requests. When the server still answers 429, the
    /// margin was too small for its jitter: it doubles, so the certain bound (the answer) takes over, and
    /// shrinks back after a window without one. Every attempt passes through the pacer, retries included.
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
        private readonly long _baseMarginTicks;
        private readonly long _maxMarginTicks;
        private long _marginTicks;
        private int _cleanSinceRaise;
        private readonly object _slots = new object();
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);

        /// <param name="limit">Requests allowed per window.</param>
        /// <param name="window">The server's window (one second for the CloudRebue API).</param>
        /// <param name="timeProvider">The clock.</param>
        /// <param name="margin">Added to the moment a request was written, to bound when the server saw it.</param>
        public RequestPacer(int limit, TimeSpan window, TimeProvider timeProvider, TimeSpan margin = default)
        {
            if (limit < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(limit), "At least one request per window.");
            }

            _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
            _window = new StartWindow(limit, window);
            _baseMarginTicks = (long)(margin.TotalSeconds * _time.TimestampFrequency);
            _maxMarginTicks = (long)(MaxMargin.TotalSeconds * _time.TimestampFrequency);
            _marginTicks = _baseMarginTicks;
            if (limit >= Smoothing * 2)
            {
                _fine = new StartWindow((limit + Smoothing - 1) / Smoothing, TimeSpan.FromTicks(window.Ticks / Smoothing));
            }
        }

        /// <summary>The largest margin a run of 429s can raise it to.</summary>
        public static readonly TimeSpan MaxMargin = TimeSpan.FromMilliseconds(400);

        public int Limit => _window.Limit;

        /// <summary>The margin in force now.</summary>
        public TimeSpan Margin
        {
            get
            {
                lock (_slots)
                {
                    return TimeSpan.FromSeconds((double)_marginTicks / _time.TimestampFrequency);
                }
            }
        }

        public TimeSpan Window => _window.Span;

        /// <summary>Waits until one more request may start without breaking the limit, and takes a slot for it.</summary>
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

        /// <summary>The request is on the wire: the server sees it by now plus the margin.</summary>
        public void Written(PacerTicket ticket)
        {
            lock (_slots)
            {
                _window.Written(ticket.Slot, ticket.Generation, _time.GetTimestamp() + _marginTicks);
            }
        }

        /// <summary>The answer (or failure) is in; call it for every ticket: the server saw the request by now, if at all.</summary>
        /// <param name="ticket">The start.</param>
        /// <param name="tooManyRequests">True when the server answered 429: it counted more than we did.</param>
        public void Complete(PacerTicket ticket, bool tooManyRequests = false)
        {
            lock (_slots)
            {
                _window.Answered(ticket.Slot, ticket.Generation, _time.GetTimestamp());
                AdaptMargin(tooManyRequests);
            }
        }

        // A 429 despite our pacing means the server saw some requests later than our margin allowed
        // for (its own queueing, a slow network): double the margin, up to MaxMargin. A full window of
        // answers without one gives back half of the extra, so a passing hiccup costs little throughput.
        private void AdaptMargin(bool tooManyRequests)
        {
            if (tooManyRequests)
            {
                long raised = Math.Max(_marginTicks * 2, _baseMarginTicks + (_time.TimestampFrequency / 50));
                _marginTicks = Math.Min(raised, _maxMarginTicks);
                _cleanSinceRaise = 0;
            }
            else if (_marginTicks > _baseMarginTicks && ++_cleanSinceRaise >= _window.Limit)
            {
                _marginTicks = _baseMarginTicks + ((_marginTicks - _baseMarginTicks) / 2);
                _cleanSinceRaise = 0;
            }
        }
    }
}
