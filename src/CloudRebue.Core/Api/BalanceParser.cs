using System;
using System.Text.Json;
using CloudRebue.Core.Serialization;
using CloudRebue.Core.Time;

namespace CloudRebue.Core.Api
{
    /// <summary>Reads <c>account/balance</c>: <c>account_units</c>, or <c>balance_kes</c>/<c>balance_minor</c>.</summary>
    internal static class BalanceParser
    {
        private static DateTimeOffset? ReadDate(string? text) =>
            text != null && ProviderTime.TryParse(text, out DateTimeOffset date) ? date : (DateTimeOffset?)null;

        public static BalanceInfo? TryParse(byte[] body)
        {
            try
            {
                using JsonDocument document = JsonDocument.Parse(body);
                JsonElement? data = JsonValues.Object(document.RootElement, "data");
                if (data == null)
                {
                    return null;
                }

                decimal? units = JsonValues.Number(data.Value, "account_units");
                decimal? kes = JsonValues.Number(data.Value, "balance_kes");
                decimal? minor = JsonValues.Number(data.Value, "balance_minor");
                if (units == null && kes == null && minor == null)
                {
                    return null;
                }

                return new BalanceInfo(units, kes, minor == null ? (long?)null : (long)minor.Value, ReadDate(JsonValues.Text(data.Value, "date")));
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }
}
