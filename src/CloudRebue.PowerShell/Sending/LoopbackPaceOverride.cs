using System;
using System.Globalization;
using System.Net;
using CloudRebue.Core.Sending;

namespace CloudRebue.PowerShell.Sending
{
    /// <summary>
    /// The benchmark's one seam: against a simulator on this machine, the environment variable
    /// CLOUDREBUE_SIMULATOR_REQUESTS_PER_SECOND sets the pace, even above the API's 120 requests/s, so
    /// the client's own overhead can be measured. It is ignored for every address that is not loopback,
    /// so it can never push the real API over its limit.
    /// </summary>
    internal static class LoopbackPaceOverride
    {
        public const string Variable = "CLOUDREBUE_SIMULATOR_REQUESTS_PER_SECOND";

        /// <summary>Raises (or lowers) the engine's pace for a simulator on this machine; returns the pace set, or null.</summary>
        public static int? Apply(SendEngineOptions options, Uri baseUri)
        {
            int? pace = Read(baseUri);
            if (pace != null)
            {
                options.RequestsPerSecond = pace.Value;
                options.AboveApiLimitForLoopback = true;
            }

            return pace;
        }

        public static int? Read(Uri baseUri)
        {
            string? text = Environment.GetEnvironmentVariable(Variable);
            if (string.IsNullOrEmpty(text) || !IsLoopback(baseUri))
            {
                return null;
            }

            return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int pace) && pace > 0 ? pace : (int?)null;
        }

        private static bool IsLoopback(Uri uri) =>
            uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out IPAddress? address) && IPAddress.IsLoopback(address));
    }
}
