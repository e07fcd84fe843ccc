using System;
using System.Text.Json;

namespace CloudRebue.Core.Api
{
    /// <summary>
    /// Writes the message fields whose names or presence depend on the brand, for every request writer that has
    /// them (send-sms now; voice-sms takes the same receipt URL and <c>time_to_send</c>).
    /// </summary>
    internal static class BrandFields
    {
        /// <summary>The receipt URL under each name the brand reads; nothing when there is none.</summary>
        public static void WriteReceiptUrl(Utf8JsonWriter writer, BrandProfile brand, string? url)
        {
            if (string.IsNullOrEmpty(url))
            {
                return;
            }

            foreach (string name in brand.ReceiptUrlFields)
            {
                writer.WriteString(name, url);
            }
        }

        /// <summary>
        /// <c>time_to_send</c> when the message is scheduled. The last guard: a scheduled message never goes to a
        /// brand that does not document the field (the cmdlets refuse earlier with a proper error).
        /// </summary>
        public static void WriteSchedule(Utf8JsonWriter writer, BrandProfile brand, DateTimeOffset? sendAt)
        {
            if (sendAt == null)
            {
                return;
            }

            if (!brand.SupportsScheduling)
            {
                throw new InvalidOperationException($"A scheduled message reached the request writer of a {brand.Brand} connection, which does not document time_to_send; it was not sent.");
            }

            writer.WriteString("time_to_send", SendSchedule.Format(sendAt.Value));
        }
    }
}
