using System;
using System.Collections;
using System.Management.Automation;
using System.Text;
using CloudRebue.Core.Receipts;

namespace CloudRebue.PowerShell.Receipts
{
    /// <summary>
    /// Finds the receipt body in what ConvertFrom-RebueReceipt was given: text, bytes, an Azure Automation
    /// <c>$WebhookData</c> (its RequestBody, whether the object or its JSON text), an Azure Functions request (its
    /// RawBody, else its Body), or receipts already parsed into objects (<see cref="Structured"/>: the cmdlet turns
    /// them back into JSON so the one parser judges every body).
    /// </summary>
    internal sealed class ReceiptBodySource
    {
        private ReceiptBodySource(byte[]? bytes, object? structured, string origin)
        {
            Bytes = bytes;
            Structured = structured;
            Origin = origin;
        }

        public byte[]? Bytes { get; }

        public object? Structured { get; }

        /// <summary>Where the body was found, for messages: "a string", "the webhook's RequestBody", ...</summary>
        public string Origin { get; }

        /// <summary>The body of <paramref name="input"/>, or null when it holds none (a number, a date, ...).</summary>
        public static ReceiptBodySource? Find(object? input) => Find(input, "the input", depth: 0);

        private static ReceiptBodySource? Find(object? input, string origin, int depth)
        {
            object? value = input is PSObject wrapped ? wrapped.BaseObject : input;
            switch (value)
            {
                case null:
                    return null;
                case string text:
                    string? inner = depth == 0 ? ReceiptBody.WebhookRequestBody(text) : null;
                    return inner != null
                        ? new ReceiptBodySource(Encoding.UTF8.GetBytes(inner), null, "the webhook's RequestBody")
                        : new ReceiptBodySource(Encoding.UTF8.GetBytes(text), null, depth == 0 ? "the string" : origin);
                case byte[] bytes:
                    return new ReceiptBodySource(bytes, null, depth == 0 ? "the bytes" : origin);
                case object[] items when items.Length > 0 && Array.TrueForAll(items, i => (i is PSObject w ? w.BaseObject : i) is byte):
                    // PowerShell's array arithmetic turns byte[] + byte[] into object[]: still bytes.
                    return new ReceiptBodySource(Array.ConvertAll(items, i => (byte)(i is PSObject w ? w.BaseObject : i)), null, depth == 0 ? "the bytes" : origin);
            }

            if (depth < 2)
            {
                // Automation's webhook, then a Functions request (RawBody is the text as it came; Body may be parsed).
                foreach (string name in new[] { "RequestBody", "RawBody", "Body" })
                {
                    object? member = Member(input!, value, name);
                    if (member != null && !(member is string s && s.Length == 0))
                    {
                        return Find(member, name == "RequestBody" ? "the webhook's RequestBody" : "the request's " + name, depth + 1);
                    }
                }
            }

            // A receipt (or a list of them) already parsed, e.g. by ConvertFrom-Json or by the Functions host.
            bool structured = value is IDictionary || value is IEnumerable || value is PSObject || (input is PSObject p && p.BaseObject is PSCustomObject);
            return structured ? new ReceiptBodySource(null, input, depth == 0 ? "the object" : origin) : null;
        }

        private static object? Member(object input, object value, string name)
        {
            if (value is IDictionary dictionary)
            {
                foreach (DictionaryEntry entry in dictionary)
                {
                    if (entry.Key is string key && string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
                    {
                        return entry.Value;
                    }
                }

                return null;
            }

            return PSObject.AsPSObject(input).Properties[name]?.Value;
        }
    }
}
