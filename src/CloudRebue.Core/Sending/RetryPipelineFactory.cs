using System;
using System.Threading;
using System.Threading.Tasks;
using CloudRebue.Core.Api;
using Polly;
using Polly.Retry;

namespace CloudRebue.Core.Sending
{
    /// <summary>
    /// The retry policy of a batch request, in Polly: retry only what the API cannot have acted on
    /// (<see cref="SendAttempt.IsSafeToRetry"/>), honour Retry-After up to a cap, else back off
    /// exponentially with jitter. Ambiguous outcomes are never retried: that would risk a duplicate SMS.
    /// </summary>
    internal static class RetryPipelineFactory
    {
        /// <param name="options">The retry count, delays and Retry-After cap.</param>
        /// <param name="time">The clock the delays run on.</param>
        /// <param name="onRetry">Told of each retry: what the failed attempt said, its number (1-based) and the wait before the next.</param>
        public static ResiliencePipeline<SendAttempt> Create(SendEngineOptions options, TimeProvider time, Action<SendAttempt?, int, TimeSpan> onRetry)
        {
            var retry = new RetryStrategyOptions<SendAttempt>
            {
                ShouldHandle = args => new ValueTask<bool>(args.Outcome.Result?.IsSafeToRetry == true),
                MaxRetryAttempts = Math.Max(1, options.MaxRetries),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.RetryMaxDelay,
                DelayGenerator = args =>
                {
                    TimeSpan? retryAfter = args.Outcome.Result?.RetryAfter;
                    if (retryAfter == null)
                    {
                        return new ValueTask<TimeSpan?>((TimeSpan?)null); // Polly's exponential backoff with jitter
                    }

                    TimeSpan wait = retryAfter.Value > options.RetryAfterCap ? options.RetryAfterCap : retryAfter.Value;
                    return new ValueTask<TimeSpan?>(wait);
                },
                OnRetry = args =>
                {
                    onRetry(args.Outcome.Result, args.AttemptNumber + 1, args.RetryDelay);
                    return default;
                },
            };

            if (options.MaxRetries == 0)
            {
                return ResiliencePipeline<SendAttempt>.Empty;
            }

            return new ResiliencePipelineBuilder<SendAttempt> { TimeProvider = time }.AddRetry(retry).Build();
        }
    }
}
