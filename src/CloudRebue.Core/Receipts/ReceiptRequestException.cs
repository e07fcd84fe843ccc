using System;

namespace CloudRebue.Core.Receipts
{
    /// <summary>
    /// A request the listener refuses, with the HTTP status it answers. The message is sent to the
    /// client as the response body, so it never contains the secret path.
    /// </summary>
    internal sealed class ReceiptRequestException : Exception
    {
        /// <summary>Creates the exception for one refused request.</summary>
        public ReceiptRequestException(int statusCode, string message)
            : base(message)
        {
            StatusCode = statusCode;
        }

        /// <summary>Creates the exception for one refused request, keeping what caused it.</summary>
        public ReceiptRequestException(int statusCode, string message, Exception innerException)
            : base(message, innerException)
        {
            StatusCode = statusCode;
        }

        /// <summary>The HTTP status code the client receives.</summary>
        public int StatusCode { get; }

        /// <summary>True when the connection failed (client gone, or too slow), rather than the request being refused on its merits.</summary>
        internal bool ConnectionFailed { get; private set; }

        internal static ReceiptRequestException OfConnection(int statusCode, string message, Exception innerException) =>
            new ReceiptRequestException(statusCode, message, innerException) { ConnectionFailed = true };
    }
}
