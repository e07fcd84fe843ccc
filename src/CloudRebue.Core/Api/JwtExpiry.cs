using System;
using System.Text;
using System.Text.Json;

namespace CloudRebue.Core.Api
{
    /// <summary>
    /// Reads the expiry (<c>exp</c>, Unix seconds) from the payload of a JWT token. Reading it needs no
    /// secret and checks no signature: it only tells the user when the token will stop working, it proves
    /// nothing about the token (reference/API.md, "Tokens"). Anything that is not a JWT with a numeric
    /// <c>exp</c> has no known expiry. Nothing here ever puts the token or its payload into a message.
    /// </summary>
    internal static class JwtExpiry
    {
        // Unix seconds DateTimeOffset can hold (year 9999); a larger exp means "never" in practice.
        private const long MaxUnixSeconds = 253402300799;

        /// <summary>The expiry in UTC, or null when the token is not a JWT or its payload has no usable exp.</summary>
        public static DateTimeOffset? Read(string token)
        {
            string[] parts = token.Split('.');
            if (parts.Length != 3 || parts[1].Length == 0)
            {
                return null;
            }

            byte[]? payload = DecodeBase64Url(parts[1]);
            if (payload == null)
            {
                return null;
            }

            try
            {
                using JsonDocument document = JsonDocument.Parse(payload);
                if (document.RootElement.ValueKind != JsonValueKind.Object
                    || !document.RootElement.TryGetProperty("exp", out JsonElement exp)
                    || exp.ValueKind != JsonValueKind.Number
                    || !exp.TryGetDouble(out double seconds)
                    || double.IsNaN(seconds) || seconds < 0)
                {
                    return null;
                }

                // RFC 7519 allows a fraction; whole seconds are enough to warn about expiry.
                long whole = seconds >= MaxUnixSeconds ? MaxUnixSeconds : (long)Math.Floor(seconds);
                return DateTimeOffset.FromUnixTimeSeconds(whole);
            }
            catch (JsonException)
            {
                return null;
            }
        }

        private static byte[]? DecodeBase64Url(string segment)
        {
            var text = new StringBuilder(segment.Length + 3);
            foreach (char c in segment)
            {
                text.Append(c == '-' ? '+' : c == '_' ? '/' : c);
            }

            switch (segment.Length % 4)
            {
                case 2: text.Append("=="); break;
                case 3: text.Append('='); break;
                case 1: return null;
            }

            try
            {
                return Convert.FromBase64String(text.ToString());
            }
            catch (FormatException)
            {
                return null;
            }
        }
    }
}
