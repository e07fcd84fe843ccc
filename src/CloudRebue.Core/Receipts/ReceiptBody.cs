using System;
using System.Collections.Generic;
using System.Text.Json;

namespace CloudRebue.Core.Receipts
{
    /// <summary>
    /// Receipts from a body that arrived some other way than the listener (an Azure Automation webhook, an Azure
    /// Function): the listener's own parser and its rules, and the same join to a send journal.
    /// </summary>
    internal static class ReceiptBody
    {
        /// <summary>
        /// Parses one body (a receipt object or an array of them) and joins each receipt to the message it reports on
        /// through <paramref name="join"/>, the same consumer-side join the listener uses (null: no journal).
        /// Throws <see cref="ReceiptRequestException"/> when the body is not a valid receipt body: the same
        /// bodies the listener answers 400.
        /// </summary>
        public static IReadOnlyList<DeliveryReceipt> Parse(byte[] body, DateTimeOffset receivedAt, ReceiptJoin? join)
        {
            if (body is null)
            {
                throw new ArgumentNullException(nameof(body));
            }

            if (body.Length == 0)
            {
                throw new ReceiptRequestException(400, "The body is empty: it holds no receipt.");
            }

            IReadOnlyList<DeliveryReceipt> receipts = ReceiptParser.Parse(new ArraySegment<byte>(body), receivedAt, remoteAddress: null);
            if (join != null)
            {
                foreach (DeliveryReceipt receipt in receipts)
                {
                    join.Join(receipt);
                }
            }

            return receipts;
        }
    
        /// <summary>
        /// The RequestBody of an Azure Automation webhook that arrived as JSON text (PowerShell 7 runbooks get
        /// <c>$WebhookData</c> as a string: <c>{"WebhookName":..,"RequestBody":"..","RequestHeader":{..}}</c>);
        /// null when the text is not such a wrapper (then it is the receipt body itself).
        /// </summary>
        public static string? WebhookRequestBody(string text)
        {
            if (text is null || text.TrimStart().Length == 0 || text.TrimStart()[0] != '{')
            {
                return null;
            }

            try
            {
                using JsonDocument document = JsonDocument.Parse(text);
                foreach (JsonProperty property in document.RootElement.EnumerateObject())
                {
                    if (string.Equals(property.Name, "RequestBody", StringComparison.OrdinalIgnoreCase))
                    {
                        return property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText();
                    }
                }
            }
            catch (JsonException)
            {
                // Not JSON: the parser will say so when the text is read as a receipt body.
            }

            return null;
        }
    }
}
