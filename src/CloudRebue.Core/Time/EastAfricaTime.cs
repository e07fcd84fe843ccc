using System;
using System.Globalization;

namespace CloudRebue.Core.Time
{
    /// <summary>
    /// The provider writes times as <c>yyyy-MM-dd HH:mm:ss</c> without a zone; they are East Africa Time
    /// (UTC+03:00, no daylight saving), so we read them with that offset rather than the machine's zone.
    /// </summary>
    public static class EastAfricaTime
    {
        public static readonly TimeSpan Offset = TimeSpan.FromHours(3);

        private static readonly string[] Formats = { "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF" };

        /// <summary>Reads a provider time; null when absent or not in a known shape (never throws on input from the network).</summary>
        public static DateTimeOffset? TryParse(string? text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            if (DateTime.TryParseExact(text!.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime local))
            {
                return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Offset);
            }

            // A full ISO 8601 time with its own offset is taken as written.
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTimeOffset withZone) && text.IndexOfAny(new[] { 'Z', '+' }) > 0)
            {
                return withZone;
            }

            return null;
        }
    }
}
