using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Runtime.CompilerServices;

namespace CloudRebue.Core.Api
{
    /// <summary>
    /// Writes a batch as the JSON array <c>send-sms</c> takes, straight to UTF-8 with no reflection; the brand
    /// names the receipt URL field and allows <c>time_to_send</c> (<see cref="BrandFields"/>).
    /// </summary>
    internal static class SendRequestWriter
    {
        private static readonly JsonWriterOptions Options = new JsonWriterOptions { Indented = false, SkipValidation = true };

        [MethodImpl(HotPath.Compiled)]
        public static byte[] Write(IReadOnlyList<ISmsRequestItem> messages, BrandProfile brand)
        {
            using var stream = new MemoryStream(128 + (messages.Count * 160));
            using (var writer = new Utf8JsonWriter(stream, Options))
            {
                writer.WriteStartArray();
                foreach (ISmsRequestItem m in messages)
                {
                    writer.WriteStartObject();
                    writer.WriteString("sender", m.Sender);
                    writer.WriteString("message", m.Message);
                    writer.WriteString("phone", m.Phone);
                    writer.WriteString("correlator", m.Correlator);
                    if (!string.IsNullOrEmpty(m.LinkId))
                    {
                        writer.WriteString("link_id", m.LinkId);
                    }

                    BrandFields.WriteReceiptUrl(writer, brand, m.Endpoint);
                    BrandFields.WriteSchedule(writer, brand, m.SendAt);

                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            return stream.ToArray();
        }
    }
}
