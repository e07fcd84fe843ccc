using System;
using System.Collections.Generic;

namespace CloudRebue.Core.Api
{
    /// <summary>What one HTTP request of a batch came to: the per-item answers, or why there are none.</summary>
    internal sealed class SendAttempt
    {
        private SendAttempt(IReadOnlyList<SendItemResult>? items, ApiFailureKind? failure, int? statusCode, TimeSpan? retryAfter, string detail)
        {
            Items = items;
            Failure = failure;
            StatusCode = statusCode;
            RetryAfter = retryAfter;
            Detail = detail;
        }

        /// <summary>One entry per message object, in order; null when the request failed as a whole.</summary>
        public IReadOnlyList<SendItemResult>? Items { get; }

        public ApiFailureKind? Failure { get; }

        public int? StatusCode { get; }

        /// <summary>The server's Retry-After, when it sent one.</summary>
        public TimeSpan? RetryAfter { get; }

        /// <summary>A readable account of the failure, safe to show (no token, truncated body).</summary>
        public string Detail { get; }

        /// <summary>
        /// True only where the API cannot have acted on the request, so sending it again cannot
        /// duplicate a message: 429, 503, and a connection that was never established.
        /// </summary>
        public bool IsSafeToRetry =>
            Failure == ApiFailureKind.RateLimited || Failure == ApiFailureKind.Unavailable || Failure == ApiFailureKind.Unreachable;

        /// <summary>True where the API may have acted, so its recipients are reported Unknown and never resent automatically.</summary>
        public bool IsAmbiguous =>
            Failure == ApiFailureKind.Timeout || Failure == ApiFailureKind.ConnectionLost ||
            Failure == ApiFailureKind.ServerError || Failure == ApiFailureKind.UnreadableResponse;

        public static SendAttempt Answered(IReadOnlyList<SendItemResult> items, int statusCode) =>
            new SendAttempt(items, null, statusCode, null, string.Empty);

        public static SendAttempt Failed(ApiFailureKind failure, string detail, int? statusCode = null, TimeSpan? retryAfter = null) =>
            new SendAttempt(null, failure, statusCode, retryAfter, detail);

        /// <inheritdoc />
        public override string ToString() => Failure == null ? $"{Items!.Count} item(s) answered" : $"{Failure}: {Detail}";
    }
}
