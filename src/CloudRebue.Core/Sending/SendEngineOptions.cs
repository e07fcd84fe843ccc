using System;
using CloudRebue.Core.Api;

namespace CloudRebue.Core.Sending
{
    /// <summary>How the engine batches, paces and retries.</summary>
    public sealed class SendEngineOptions
    {
        /// <summary>The API's documented maximum of message objects per request.</summary>
        public const int MaxBatchSize = 100;

        /// <summary>The API's documented limit of requests per second.</summary>
        public const int MaxRequestsPerSecond = 120;

        /// <summary>The most requests in flight: as many as the API client keeps connections.</summary>
        public const int MaxThrottleLimit = CloudRebueClientOptions.DefaultMaxConnections;

        /// <summary>Requests in flight unless told otherwise (-ThrottleLimit).</summary>
        public const int DefaultThrottleLimit = 32;

        public int BatchSize { get; set; } = MaxBatchSize;

        /// <summary>Requests in flight at once. At 120 requests/s each request may take up to ThrottleLimit/120 s without slowing the run.</summary>
        public int ThrottleLimit { get; set; } = DefaultThrottleLimit;

        public int RequestsPerSecond { get; set; } = MaxRequestsPerSecond;

        /// <summary>
        /// How much later than its neighbours a request may reach the server's count and still be paced
        /// right (see <see cref="RequestPacer"/>); 429s raise it for the rest of the run.
        /// </summary>
        public TimeSpan PacingMargin { get; set; } = TimeSpan.FromMilliseconds(25);

        /// <summary>Retries of one request after a 429, a 503, or a connection that could not be made.</summary>
        public int MaxRetries { get; set; } = 6;

        public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

        public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(15);

        /// <summary>The longest Retry-After we honour; a longer one is cut to this (documented in about_CloudRebue).</summary>
        public TimeSpan RetryAfterCap { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>Set only for a simulator on this machine (see LoopbackPaceOverride): lets the benchmark measure the client above the API's limit.</summary>
        internal bool AboveApiLimitForLoopback { get; set; }

        /// <summary>
        /// Batches built and waiting to start before input is held back, so memory stays flat. Few: the
        /// pipeline builds a batch far faster than a request takes, and a batch that waits long enough
        /// to outlive a gen0 collection costs a copy of every row it holds.
        /// </summary>
        public int MaxQueuedBatches => Math.Min(Math.Max(2, ThrottleLimit * 2), 4);

        /// <summary>Started batches that may wait for the pacer's slot at once (the pacer hands out one slot at a time).</summary>
        internal const int MaxBatchesAwaitingSlot = 2;

        internal void Validate()
        {
            if (BatchSize < 1 || BatchSize > MaxBatchSize)
            {
                throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, $"A batch holds 1 to {MaxBatchSize} messages.");
            }

            if (RequestsPerSecond < 1 || (RequestsPerSecond > MaxRequestsPerSecond && !AboveApiLimitForLoopback))
            {
                throw new ArgumentOutOfRangeException(nameof(RequestsPerSecond), RequestsPerSecond, $"The API allows at most {MaxRequestsPerSecond} requests per second.");
            }

            if (PacingMargin < TimeSpan.Zero)
            {
                // A negative margin would count a request before it was even written.
                throw new ArgumentOutOfRangeException(nameof(PacingMargin), PacingMargin, "The pacing margin cannot be negative.");
            }

            if (ThrottleLimit < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(ThrottleLimit), ThrottleLimit, "At least one request in flight.");
            }
        }
    }
}
