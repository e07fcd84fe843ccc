using System;
using System.Globalization;

namespace CloudRebue.Core.Api
{
    /// <summary>
    /// What Connect-CloudRebue warns about a token's expiry: an expired token, or one that expires within
    /// <see cref="Notice"/> (30 days), early enough to make a new one before scripts start failing with 401.
    /// </summary>
    public static class TokenExpiryWarning
    {
        /// <summary>How close an expiry must be to warn about it.</summary>
        public static readonly TimeSpan Notice = TimeSpan.FromDays(30);

        /// <summary>The warning for a token that expires at <paramref name="expiresAt"/>, or null when there is nothing to say.</summary>
        /// <param name="expiresAt">The token's expiry; null when unknown (not a JWT).</param>
        /// <param name="tokenHint">The token's safe hint (<c>****6789</c>), never the token.</param>
        /// <param name="now">The current time.</param>
        public static string? Describe(DateTimeOffset? expiresAt, string tokenHint, DateTimeOffset now)
        {
            if (expiresAt == null)
            {
                return null;
            }

            string when = expiresAt.Value.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";
            const string Renew = "Create a new token in the dashboard's API Keys tab and connect with it (Connect-CloudRebue -Token (Read-Host -AsSecureString 'CloudRebue token') -SaveSecret).";
            TimeSpan left = expiresAt.Value - now;
            if (left <= TimeSpan.Zero)
            {
                return $"The CloudRebue token ({tokenHint}) expired on {when}: the API will refuse it (401). {Renew}";
            }

            if (left <= Notice)
            {
                int days = (int)Math.Floor(left.TotalDays);
                string inDays = days == 0 ? "in less than a day" : days == 1 ? "in 1 day" : $"in {days} days";
                return $"The CloudRebue token ({tokenHint}) expires on {when}, {inDays}. {Renew}";
            }

            return null;
        }
    }
}
