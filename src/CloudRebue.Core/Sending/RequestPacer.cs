using System;
using System.Threading;
using System.Threading.Tasks;

namespace CloudRebue.Core.Sending
{
    /// <summary>
    /// Lets at most <c>limit</c> requests reach the server in any sliding window, retries included. The
    /// server counts a request when it reaches its limiter; we never see that moment, only two that bound
    /// it, and each request holds its slot until a window after the earlier of them:
    /// <list type="bullet">
    /// <item>its answer (certain: the server had the request before it answered, see <see cref="Complete"/>);</item>
    /// <item>the moment its body was on the connection plus a margin (see <see cref="Written"/>). This holds
    /// while the delay from our write to the server's count varies by less than the margin. A delay every
    /// request shares (the distance to the server) does not matter: it moves all of them alike.</item>
    /// </list>
    /// Counting from the decision to send would not do: a new connection (TCP and TLS handshakes), a pause
    /// of our own process or a busy network can hold a request back after that decision. Counting from
    /// the answer alone would be safe against any delay but costs a round trip per slot and window:
    /// measured against the simulator at 50 ms latency, at most 0.94 of the limit. When the server still
    /// answers 429, its delays varied more than the margin: the margin doubles, and past
    /// <see cref="MaxMargin"/> it is dropped so the answers alone decide; a window of answers without a
    /// 429 gives half the extra back.
    /// A second, finer window (an eighth of the limit in an eighth of the window) spreads the starts over
    /// the window instead of one burst. An eighth of a second is far above the coarsest timer (15.6 ms on
    /// Windows), so smoothing costs no throughput there.
    /// </summary>
    internal sealed class RequestPacer
    {
        private const int Smoothing = 8;
        private static readonly TimeSpan AllSlotsInFlight = TimeSpan.FromMilliseconds(5);
        private readonly TimeProvider _time;
        private readonly StartWindow _window;
        private readonly StartWindow? _fine;
        private readonly long _baseMarginTicks;
        private readonly long _maxMarginTicks;
        private long? _marginTicks; // null: the margin outgrew MaxMargin, so answers alone bound requests
        private int _cleanSinceRaise;
        private long _startedBeforeRaise; // tickets up to this generation were paced with the margin before the last raise
        private readonly object _slots = new object();
        private readonly SemaphoreSlim _oneWaiter = new SemaphoreSlim(1, 1);

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

        /// <summary>The largest margin; a 429 beyond it leaves the answers alone to bound requests.</summary>
        public static readonly TimeSpan MaxMargin = TimeSpan.FromMilliseconds(400);

        /// <summary>The margin in force now; null while answers alone bound requests.</summary>
        public TimeSpan? Margin
        {
            get
            {
                lock (_slots)
                {
                    return _marginTicks is long ticks ? TimeSpan.FromSeconds((double)ticks / _time.TimestampFrequency) : (TimeSpan?)null;
                }
            }
        }

        /// <summary>Waits until one more request may start without breaking the limit, and takes a slot for it.</summary>
        public async Task<PacerTicket> WaitAsync(CancellationToken cancellationToken)
        {
            await _oneWaiter.WaitAsync(cancellationToken).ConfigureAwait(false);
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
                _oneWaiter.Release();
            }
        }

        /// <summary>The request is on the wire: the server counts it by now plus the margin (when one is in force).</summary>
        public void Written(PacerTicket ticket)
        {
            lock (_slots)
            {
                if (_marginTicks is long margin)
                {
                    _window.Written(ticket.Slot, ticket.Generation, _time.GetTimestamp() + margin);
                }
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
                AdaptMargin(tooManyRequests, ticket.Generation);
            }
        }

        // A 429 despite our pacing means some requests reached the server's count later than the margin
        // allowed for (its own queueing, a slow network): double the margin; past MaxMargin, drop it and
        // let the answers decide. One hiccup often refuses several requests that were all paced with the
        // old margin: only a 429 for a request started after the last raise raises it again. A full
        // window of answers without a 429 gives back half of the extra (or brings the margin back at
        // MaxMargin), so a passing hiccup costs little throughput.
        private void AdaptMargin(bool tooManyRequests, long generation)
        {
            if (tooManyRequests)
            {
                _cleanSinceRaise = 0;
                if (generation <= _startedBeforeRaise)
                {
                    return;
                }

                if (_marginTicks is long margin)
                {
                    long raised = Math.Max(margin * 2, _baseMarginTicks + (_time.TimestampFrequency / 50));
                    _marginTicks = raised > _maxMarginTicks ? (long?)null : raised;
                }

                _startedBeforeRaise = _window.LatestGeneration;
            }
            else if (_marginTicks != _baseMarginTicks && ++_cleanSinceRaise >= _window.Limit)
            {
                _marginTicks = _marginTicks is long margin ? _baseMarginTicks + ((margin - _baseMarginTicks) / 2) : _maxMarginTicks;
                _cleanSinceRaise = 0;
            }
        }
    }
}
