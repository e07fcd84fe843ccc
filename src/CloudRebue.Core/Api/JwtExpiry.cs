using System;
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
            using JsonDocument? payload = JwtPayload.Parse(token);
            if (payload == null
                || !payload.RootElement.TryGetProperty("exp", out JsonElement exp)
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
    }
}
