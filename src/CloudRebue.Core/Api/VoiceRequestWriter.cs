using System.IO;
using System.Text.Json;

namespace CloudRebue.Core.Api
{
    /// <summary>
    /// Writes one call as the single JSON object <c>voice-sms</c> documents. The sender of the message is the
    /// call's originator. Never an array: the docs do not say the API takes several calls in one request.
    /// The receipt URL goes under the name(s) the connection's brand reads, and time_to_send is written where the
    /// brand documents it, as for send-sms.
    /// </summary>
    internal static class VoiceRequestWriter
    {
        public static byte[] Write(ISmsRequestItem call, VoiceCallSettings settings, BrandProfile brand)
        {
            using var stream = new MemoryStream(256);
            using (var writer = new Utf8JsonWriter(stream))
            {
                writer.WriteStartObject();
                writer.WriteString("originator", call.Sender);
                writer.WriteString("message", call.Message);
                writer.WriteString("phone", call.Phone);
                if (settings.Voice != null)
                {
                    writer.WriteNumber("voice", settings.Voice.Value);
                }

                if (settings.Repeat != null)
                {
                    writer.WriteNumber("repeat", settings.Repeat.Value);
                }

                writer.WriteString("correlator", call.Correlator);
                BrandFields.WriteReceiptUrl(writer, brand, call.Endpoint);
                BrandFields.WriteSchedule(writer, brand, call.SendAt);

                writer.WriteEndObject();
            }

            return stream.ToArray();
        }
    }
}
