using System.Collections.Generic;
using System.Text.Json;
using CloudRebue.Core.Sending;

namespace CloudRebue.Core.Api
{
    /// <summary>
    /// Reads the <c>send-sms</c> answer: an array with one entry per message object, in order. Anything
    /// else (not JSON, not an array, a different count) is unreadable, because we could not say which
    /// recipient an entry belongs to.
    /// </summary>
    internal static class SendResponseParser
    {
        public static IReadOnlyList<SendItemResult>? TryParse(byte[] body, int expectedCount)
        {
            try
            {
                using JsonDocument document = JsonDocument.Parse(body);
                JsonElement root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Object && expectedCount == 1)
                {
                    return new[] { ReadItem(root) };
                }

                if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() != expectedCount)
                {
                    return null;
                }

                var items = new List<SendItemResult>(expectedCount);
                foreach (JsonElement entry in root.EnumerateArray())
                {
                    if (entry.ValueKind != JsonValueKind.Object)
                    {
                        return null;
                    }

                    items.Add(ReadItem(entry));
                }

                return items;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        private static SendItemResult ReadItem(JsonElement entry)
        {
            bool accepted = JsonValues.Flag(entry, "status") ?? false;
            string? message = JsonValues.Text(entry, "message");
            JsonElement data = JsonValues.Object(entry, "data") ?? default;
            decimal? units = JsonValues.Number(data, "sms_units");
            return new SendItemResult(
                accepted,
                message,
                JsonValues.Text(data, "correlator"),
                JsonValues.Text(data, "uniqueId"),
                JsonValues.Text(data, "phone"),
                JsonValues.Text(data, "operator"),
                units == null ? (int?)null : (int)units.Value,
                JsonValues.Text(data, "batch_id"));
        }
    }
}
