using System;
using System.Globalization;

namespace CloudRebue.Core.Time
{
    /// <summary>
    /// Reads the provider's timestamps. It writes "yyyy-MM-dd HH:mm:ss" with no offset, meaning East
    /// Africa Time, which is UTC+03:00 all year (Kenya has no daylight saving), so a fixed offset is
    /// exact and needs no time zone database (whose ids differ between Windows and Linux).
    /// </summary>
    internal static class ProviderTime
    {
        /// <summary>East Africa Time.</summary>
        public static readonly TimeSpan EastAfricaOffset = TimeSpan.FromHours(3);

        // The documented form first; the ISO 'T' form and fractions are tolerated because brands differ.
        private static readonly string[] LocalFormats =
        {
            "yyyy-MM-dd HH:mm:ss",
            "yyyy-MM-dd HH:mm:ss.FFFFFFF",
            "yyyy-MM-dd'T'HH:mm:ss",
            "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        };

        // A timestamp that names its own offset (or Z) keeps it.
        private static readonly string[] OffsetFormats =
        {
            "yyyy-MM-dd HH:mm:sszzz",
            "yyyy-MM-dd HH:mm:ss.FFFFFFFzzz",
            "yyyy-MM-dd'T'HH:mm:sszzz",
            "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
            "yyyy-MM-dd HH:mm:ss'Z'",
            "yyyy-MM-dd HH:mm:ss.FFFFFFF'Z'",
            "yyyy-MM-dd'T'HH:mm:ss'Z'",
            "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
        };

        /// <summary>Parses a provider timestamp; false when the text is in none of the known forms.</summary>
        public static bool TryParse(string text, out DateTimeOffset value)
        {
            text = text.Trim();
            if (DateTime.TryParseExact(text, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime local))
            {
                value = new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), EastAfricaOffset);
                return true;
            }

            for (int i = 0; i < OffsetFormats.Length; i++)
            {
                bool zulu = OffsetFormats[i].EndsWith("'Z'", StringComparison.Ordinal);
                DateTimeStyles styles = zulu ? DateTimeStyles.AssumeUniversal : DateTimeStyles.None;
                if (DateTimeOffset.TryParseExact(text, OffsetFormats[i], CultureInfo.InvariantCulture, styles, out value))
                {
                    return true;
                }
            }

            value = default;
            return false;
        }
    }
}
