using System;
using System.Text.Json;

namespace CloudRebue.Core.Api
{
    /// <summary>
    /// The payload of a JWT token as JSON, read without any secret and without checking the signature: the
    /// module only reads claims that describe the token (its account, its expiry), never to trust it.
    /// Used by <see cref="AccountIdentity"/> (sub, iss) and <see cref="JwtExpiry"/> (exp).
    /// </summary>
    internal static class JwtPayload
    {
        /// <summary>The payload object, or null when the token is not three dot-separated parts whose middle is base64url JSON of an object. The caller disposes it.</summary>
        public static JsonDocument? Parse(string token)
        {
            string[] parts = token.Split('.');
            if (parts.Length != 3 || parts[1].Length == 0 || parts[1].Length % 4 == 1)
            {
                return null;
            }

            string padded = parts[1].Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - (padded.Length % 4)) % 4);
            try
            {
                JsonDocument document = JsonDocument.Parse(Convert.FromBase64String(padded));
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    return document;
                }

                document.Dispose();
                return null;
            }
            catch (Exception ex) when (ex is FormatException || ex is JsonException)
            {
                return null;
            }
        }
    }
}
