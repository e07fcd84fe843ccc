using System;

namespace CloudRebue.Core.Api
{
    /// <summary>
    /// A call to the API failed. The message says what happened and what to do; it never contains the
    /// token (request headers are never copied into it).
    /// </summary>
    public sealed class CloudRebueApiException : Exception
    {
        public CloudRebueApiException(ApiFailureKind kind, string message, int? statusCode = null, Exception? innerException = null)
            : base(message, innerException)
        {
            Kind = kind;
            StatusCode = statusCode;
        }

        public ApiFailureKind Kind { get; }

        public int? StatusCode { get; }
    }
}
