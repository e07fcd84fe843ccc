using System;
using System.Collections.Generic;
using System.Text.Json;
using CloudRebue.Core.Time;

namespace CloudRebue.Core.Receipts
{
    /// <summary>
    /// Turns a POST body into receipts: one JSON object, or an array of them. Any fault in any
    /// element refuses the whole body with 400, so a body is either taken whole or not at all:
    /// invalid JSON or UTF-8, a missing field, or a field holding a control character.
    /// </summary>
    internal static class ReceiptParser
    {
        private static readonly JsonDocumentOptions DocumentOptions = new JsonDocumentOptions { MaxDepth = 16 };

        /// <summary>Parses the body; throws <see cref="ReceiptRequestException"/> (400) when it is not a valid receipt body.</summary>
        public static IReadOnlyList<DeliveryReceipt> Parse(ArraySegment<byte> body, DateTimeOffset receivedAt, string? remoteAddress)
        {
            body = SkipUtf8ByteOrderMark(body);
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(body.AsMemory(), DocumentOptions);
            }
            catch (JsonException ex)
            {
                throw new ReceiptRequestException(400, "The body is not valid JSON: " + ex.Message, ex);
            }

            using (document)
            {
                JsonElement root = document.RootElement;
                switch (root.ValueKind)
                {
                    case JsonValueKind.Object:
                        return new[] { ReadReceipt(root, string.Empty, receivedAt, remoteAddress) };
                    case JsonValueKind.Array:
                        int count = root.GetArrayLength();
                        if (count == 0)
                        {
                            throw new ReceiptRequestException(400, "The body is an empty array: it holds no receipt.");
                        }

                        var receipts = new List<DeliveryReceipt>(count);
                        int index = 0;
                        foreach (JsonElement element in root.EnumerateArray())
                        {
                            index++;
                            string where = $"Receipt {index} of {count}: ";
                            if (element.ValueKind != JsonValueKind.Object)
                            {
                                throw new ReceiptRequestException(400, where + "expected a JSON object, found " + Describe(element.ValueKind) + ".");
                            }

                            receipts.Add(ReadReceipt(element, where, receivedAt, remoteAddress));
                        }

                        return receipts;
                    default:
                        throw new ReceiptRequestException(400, "Expected a receipt object or an array of them, found " + Describe(root.ValueKind) + ".");
                }
            }
        }

        private static DeliveryReceipt ReadReceipt(JsonElement receipt, string where, DateTimeOffset receivedAt, string? remoteAddress)
        {
            try
            {
                return ReadFields(receipt, where, receivedAt, remoteAddress);
            }
            catch (InvalidOperationException ex)
            {
                // System.Text.Json checks the text only when it is read: bytes that are not UTF-8, or
                // an escape for half a surrogate pair, land here. The client's fault, so 400, not 500.
                throw new ReceiptRequestException(400, where + "a field holds text that is not valid UTF-8 (or an unpaired \\u surrogate escape).", ex);
            }
        }

        private static DeliveryReceipt ReadFields(JsonElement receipt, string where, DateTimeOffset receivedAt, string? remoteAddress)
        {
            string phone = ReadText(receipt, "phone", where) ?? throw Missing(where, "phone");
            string uniqueId = ReadText(receipt, "uniqueId", where) ?? throw Missing(where, "uniqueId");
            string status = ReadText(receipt, "deliveryStatus", where) ?? throw Missing(where, "deliveryStatus");
            string? correlator = ReadText(receipt, "correlator", where);
            string? timeText = ReadText(receipt, "deliveryTime", where);

            DateTimeOffset? deliveryTime = null;
            if (timeText != null)
            {
                if (!ProviderTime.TryParse(timeText, out DateTimeOffset parsed))
                {
                    throw new ReceiptRequestException(400, where + "deliveryTime '" + Shorten(timeText) + "' is not a time in the form yyyy-MM-dd HH:mm:ss.");
                }

                deliveryTime = parsed;
            }

            return new DeliveryReceipt(phone, correlator, uniqueId, status, deliveryTime, receivedAt, remoteAddress);
        }

        // A field as text: strings as they are, numbers by their JSON spelling (the provider sends the
        // correlator either way). Null, absent or blank is null; any other kind is a client error.
        private static string? ReadText(JsonElement receipt, string name, string where)
        {
            if (!TryGetProperty(receipt, name, out JsonElement value))
            {
                return null;
            }

            switch (value.ValueKind)
            {
                case JsonValueKind.Null:
                    return null;
                case JsonValueKind.String:
                    string text = value.GetString()!.Trim();
                    if (PrintableText.HasUnprintable(text))
                    {
                        // No receipt field has a use for one, and printed it could forge a line of output.
                        throw new ReceiptRequestException(400, where + name + " holds a control character: '" + PrintableText.Escape(Shorten(text)) + "'.");
                    }

                    return text.Length == 0 ? null : text;
                case JsonValueKind.Number:
                    return value.GetRawText();
                default:
                    throw new ReceiptRequestException(400, where + name + " must be a string or a number, found " + Describe(value.ValueKind) + ".");
            }
        }

        // Property names are matched without regard to case: brands of this API differ in small ways.
        private static bool TryGetProperty(JsonElement receipt, string name, out JsonElement value)
        {
            if (receipt.TryGetProperty(name, out value))
            {
                return true;
            }

            foreach (JsonProperty property in receipt.EnumerateObject())
            {
                if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    value = property.Value;
                    return true;
                }
            }

            return false;
        }

        private static ReceiptRequestException Missing(string where, string name) =>
            new ReceiptRequestException(400, where + name + " is missing or empty.");

        private static string Describe(JsonValueKind kind) => kind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            JsonValueKind.Null => "null",
            _ => "nothing",
        };

        // The client's own text goes back in the 400 body: keep it short.
        private static string Shorten(string text) => text.Length <= 40 ? text : text.Substring(0, 40) + "...";

        private static ArraySegment<byte> SkipUtf8ByteOrderMark(ArraySegment<byte> body)
        {
            if (body.Count >= 3 && body.Array![body.Offset] == 0xEF && body.Array[body.Offset + 1] == 0xBB && body.Array[body.Offset + 2] == 0xBF)
            {
                return new ArraySegment<byte>(body.Array, body.Offset + 3, body.Count - 3);
            }

            return body;
        }
    }
}
