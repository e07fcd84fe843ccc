using System;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using System.Text.Json;

namespace CloudRebue.Core.Api
{
    /// <summary>
    /// Turns HTTP answers and transport exceptions into <see cref="ApiFailureKind"/>. The one question that
    /// matters for money is whether the API can have acted: only a connection that was never established
    /// proves it did not, so every other transport error counts as "may have acted".
    /// </summary>
    internal static class FailureClassifier
    {
        public static ApiFailureKind? FromStatus(int status)
        {
            if (status >= 200 && status < 300)
            {
                return null;
            }

            switch (status)
            {
                case 401:
                    return ApiFailureKind.TokenRejected;
                case 429:
                    return ApiFailureKind.RateLimited;
                case 503:
                    return ApiFailureKind.Unavailable;
            }

            return status >= 500 ? ApiFailureKind.ServerError : ApiFailureKind.Refused;
        }

        /// <summary>Classifies a transport exception; a user's cancellation must be handled before calling this.</summary>
        public static ApiFailureKind FromException(Exception exception)
        {
            if (exception is OperationCanceledException)
            {
                return ApiFailureKind.Timeout;
            }

            for (Exception? e = exception; e != null; e = e.InnerException)
            {
                if (e is SocketException socket && IsConnectError(socket.SocketErrorCode))
                {
                    return ApiFailureKind.Unreachable;
                }

                if (e is WebException web && (web.Status == WebExceptionStatus.ConnectFailure || web.Status == WebExceptionStatus.NameResolutionFailure || web.Status == WebExceptionStatus.ProxyNameResolutionFailure))
                {
                    return ApiFailureKind.Unreachable;
                }

                // A TLS handshake fails before any byte of the request is sent.
                if (e is AuthenticationException)
                {
                    return ApiFailureKind.Unreachable;
                }
            }

            return ApiFailureKind.ConnectionLost;
        }

        private static bool IsConnectError(SocketError error) =>
            error == SocketError.ConnectionRefused || error == SocketError.HostNotFound || error == SocketError.HostUnreachable ||
            error == SocketError.NetworkUnreachable || error == SocketError.NoData || error == SocketError.TryAgain ||
            error == SocketError.AddressNotAvailable || error == SocketError.NetworkDown;

        /// <summary>Retry-After as seconds or as an HTTP date; null when absent or unreadable.</summary>
        public static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
        {
            var header = response.Headers.RetryAfter;
            if (header?.Delta != null)
            {
                return header.Delta.Value < TimeSpan.Zero ? TimeSpan.Zero : header.Delta.Value;
            }

            if (header?.Date != null)
            {
                TimeSpan wait = header.Date.Value - now;
                return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
            }

            return null;
        }

        /// <summary>
        /// The API's own words from an error body: Laravel's <c>message</c> (a string, or an object of field
        /// to messages) and <c>errors</c>. Truncated so a huge body cannot flood an error record, and
        /// <paramref name="clean"/> (the token scrubber) runs before the cut, on the whole text.
        /// </summary>
        public static string ApiMessage(byte[] body, Func<string, string> clean)
        {
            string text = string.Empty;
            try
            {
                using JsonDocument document = JsonDocument.Parse(body);
                JsonElement root = document.RootElement;
                var builder = new StringBuilder();
                if (root.ValueKind == JsonValueKind.Object)
                {
                    AppendMessages(builder, root, "message");
                    AppendMessages(builder, root, "errors");
                }

                text = builder.ToString();
            }
            catch (JsonException)
            {
                text = Encoding.UTF8.GetString(body);
            }

            text = clean(text).Replace("\r", " ").Replace("\n", " ").Trim();
            return text.Length > 300 ? text.Substring(0, 300) + "..." : text;
        }

        private static void AppendMessages(StringBuilder builder, JsonElement root, string name)
        {
            if (!root.TryGetProperty(name, out JsonElement value))
            {
                return;
            }

            if (value.ValueKind == JsonValueKind.String)
            {
                Append(builder, value.GetString());
            }
            else if (value.ValueKind == JsonValueKind.Object)
            {
                foreach (JsonProperty field in value.EnumerateObject())
                {
                    if (field.Value.ValueKind == JsonValueKind.Array)
                    {
                        foreach (JsonElement item in field.Value.EnumerateArray())
                        {
                            Append(builder, field.Name + ": " + item.ToString());
                        }
                    }
                    else
                    {
                        Append(builder, field.Name + ": " + field.Value.ToString());
                    }
                }
            }
        }

        private static void Append(StringBuilder builder, string? text)
        {
            if (string.IsNullOrEmpty(text) || builder.ToString().Contains(text))
            {
                return;
            }

            if (builder.Length > 0)
            {
                builder.Append("; ");
            }

            builder.Append(text);
        }
    }
}
