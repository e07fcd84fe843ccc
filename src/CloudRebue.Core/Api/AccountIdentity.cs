using System;
using System.Text;
using System.Text.Json;
using CloudRebue.Core.Hashing;
using CloudRebue.Core.Serialization;

namespace CloudRebue.Core.Api
{
    /// <summary>
    /// A name for the account a token belongs to that is safe to write into a send journal: it tells two
    /// accounts apart and gives nothing to sign in with. When the token is a JWT whose payload names the
    /// account (<c>sub</c>, with <c>iss</c>), the identity comes from those claims, so a renewed token of the
    /// same account still matches: <c>sub:</c> and 16 hex digits of SHA-256 over a fixed label, iss and sub.
    /// Otherwise it comes from the token: <c>token:</c> and 16 hex digits of SHA-256 over the same label and
    /// the token. Tokens are long and random, so 64 bits of a hash cannot be turned back into one.
    /// </summary>
    internal static class AccountIdentity
    {
        private const string Label = "CloudRebue.SendJournal.Account\u001f";

        public static string Of(ApiToken token)
        {
            string value = token.Reveal();
            string? claims = SubjectClaims(value);
            return claims != null
                ? "sub:" + Sha256.Hex(Sha256.Of(Label + claims), 8)
                : "token:" + Sha256.Hex(Sha256.Of(Label + value), 8);
        }

        // "iss\u001fsub" from a JWT's payload, or null when the token is not a JWT or names no subject.
        private static string? SubjectClaims(string token)
        {
            using JsonDocument? payload = JwtPayload.Parse(token);
            if (payload == null)
            {
                return null;
            }

            string? subject = JsonValues.Text(payload.RootElement, "sub");
            return string.IsNullOrEmpty(subject) ? null : (JsonValues.Text(payload.RootElement, "iss") ?? string.Empty) + "\u001f" + subject;
        }
    }
}
