using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace CloudRebue.Core.Sending
{
    /// <summary>
    /// Lets at most <c>limit</c> requests start in any sliding window, counted two ways at once:
    /// <list type="bullet">
    /// <item>by our own clock: no window of <c>window</c> (the API's second plus a margin) holds more
    /// than <c>limit</c> request starts;</item>
    /// <item>as the server can see it: a request may use a slot only <c>answerWindow</c> (the API's
    /// second) after the answer to the request that used the slot before it came back. The server saw
    /// that request before it answered, and sees this one after we start it, so the two are at least
    /// a second apart on the server's clock however late either was delivered or timestamped.</item>
    /// </list>
    /// The first rule alone is not enough on a busy machine: the benchmark measured start times that
    /// never broke it while the simulator, starved of CPU, saw up to 152 arrivals in one second and
    /// answered 429 (tests/Benchmarks/README.md, figure 1). Every attempt passes through the pacer,
    /// retries included.
    /// </summary>
    public sealed class RequestPacer
    {
        /// <summary>The API's documented window: 120 requests per second.</summary>
        public static readonly TimeSpan ApiWindow = TimeSpan.FromSeconds(1);

        private readonly TimeProvider _time;
        private readonly long _window;
        private readonly long _answerWindow;
        private readonly Queue<long> _freeAt = new Queue<long>(); // one entry per idle slot: when it may start a request again
        private readonly SemaphoreSlim _idle;                      // counts the entries of _freeAt
        private readonly SemaphoreSlim _turn = new SemaphoreSlim(1, 1);

        /// <param name="limit">Requests allowed per window.</param>
        /// <param name="window">The window by our clock: the API's second plus a margin for jitter between our start and the server's clock.</param>
        /// <param name="answerWindow">How long after its request's answer a slot stays taken: the API's second.</param>
        /// <param name="timeProvider">The clock.</param>
        public RequestPacer(int limit, TimeSpan window, TimeSpan answerWindow, TimeProvider timeProvider)
        {
            if (limit < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(limit), "At least one request per window.");
            }

            Limit = limit;
            Window = window;
            AnswerWindow = answerWindow;
            _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
            _window = ToTicks(window);
            _answerWindow = ToTicks(answerWindow);
            for (int i = 0; i < limit; i++)
            {
                _freeAt.Enqueue(long.MinValue);
            }

            _idle = new SemaphoreSlim(limit, limit);
        }

        public int Limit { get; }

        public TimeSpan Window { get; }

        public TimeSpan AnswerWindow { get; }

        /// <summary>
        /// Waits until one more request may start without breaking the limit and takes a slot for it.
        /// Complete the slot when the request's answer (or failure) is in: until then it stays taken.
        /// </summary>
        public async Task<Slot> AcquireAsync(CancellationToken cancellationToken)
        {
            await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                // Every slot may be out on a request still in flight (a low limit with many in flight).
                await _idle.WaitAsync(cancellationToken).ConfigureAwait(false);
                long freeAt;
                lock (_freeAt)
                {
                    freeAt = _freeAt.Dequeue();
                }

                try
                {
                    long now;
                    while ((now = _time.GetTimestamp()) < freeAt)
                    {
                        await _time.Delay(_time.GetElapsedTime(now, freeAt), cancellationToken).ConfigureAwait(false);
                    }

                    return new Slot(this, now);
                }
                catch (OperationCanceledException)
                {
                    Return(freeAt);
                    throw;
                }
            }
            finally
            {
                _turn.Release();
            }
        }

        private void Complete(long startedAt, long answeredAt)
        {
            long byStart = startedAt + _window;
            long byAnswer = answeredAt + _answerWindow;
            Return(byStart > byAnswer ? byStart : byAnswer);
        }

        private void Return(long freeAt)
        {
            // Slots come back in answer order; a later one may be free a few milliseconds sooner than the
            // one ahead of it (a quick answer to an earlier start). Waiting for the head is never unsafe.
            lock (_freeAt)
            {
                _freeAt.Enqueue(freeAt);
            }

            _idle.Release();
        }

        private long ToTicks(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);

        /// <summary>One request's place in the window, from its start until its answer is in.</summary>
        public sealed class Slot
        {
            private readonly RequestPacer _pacer;
            private int _completed;

            internal Slot(RequestPacer pacer, long startedAt)
            {
                _pacer = pacer;
                StartedAt = startedAt;
            }

            /// <summary>When the request may start, a <see cref="TimeProvider.GetTimestamp"/> value.</summary>
            public long StartedAt { get; }

            /// <summary>The answer (or the failure) is in: the slot may be used again a window after its start and after now. Only the first call counts.</summary>
            public void Complete()
            {
                if (Interlocked.Exchange(ref _completed, 1) == 0)
                {
                    _pacer.Complete(StartedAt, _pacer._time.GetTimestamp());
                }
            }
        }
    }
}
