using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using CloudRebue.Core.Serialization;
using System.Runtime.CompilerServices;

namespace CloudRebue.Core.Api
{
    /// <summary>
    /// Reads the <c>send-sms</c> answer: an array with one entry per message object, in order. Anything
    /// else (not JSON, not an array, a different count) is unreadable, because we could not say which
    /// recipient an entry belongs to.
    /// </summary>
    /// <remarks>
    /// One forward pass with <see cref="Utf8JsonReader"/>. A 100-entry answer is about 40 KB; building a
    /// JsonDocument of it and then looking every field up by name cost more CPU than everything else the
    /// client does for the request (see tests/Benchmarks/README.md, figure 3). Values are read exactly as
    /// <see cref="JsonValues"/> reads them: a string or a number, and the last of repeated names wins.
    /// </remarks>
    internal static class SendResponseParser
    {
        private static readonly byte[] Status = Encoding.UTF8.GetBytes("status");
        private static readonly byte[] Message = Encoding.UTF8.GetBytes("message");
        private static readonly byte[] Data = Encoding.UTF8.GetBytes("data");
        private static readonly byte[] Correlator = Encoding.UTF8.GetBytes("correlator");
        private static readonly byte[] UniqueId = Encoding.UTF8.GetBytes("uniqueId");
        private static readonly byte[] Phone = Encoding.UTF8.GetBytes("phone");
        private static readonly byte[] Operator = Encoding.UTF8.GetBytes("operator");
        private static readonly byte[] SmsUnits = Encoding.UTF8.GetBytes("sms_units");
        private static readonly byte[] BatchId = Encoding.UTF8.GetBytes("batch_id");

        public static IReadOnlyList<SendItemResult>? TryParse(byte[] body, int expectedCount)
        {
            try
            {
                var reader = new Utf8JsonReader(body);
                if (!reader.Read())
                {
                    return null;
                }

                List<SendItemResult>? items = null;
                if (reader.TokenType == JsonTokenType.StartObject && expectedCount == 1)
                {
                    items = new List<SendItemResult>(1) { ReadItem(ref reader) };
                }
                else if (reader.TokenType == JsonTokenType.StartArray)
                {
                    items = ReadArray(ref reader, expectedCount);
                }

                // Anything after the root value makes the body malformed, as it does for JsonDocument.
                return items == null || reader.Read() ? null : items;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        // The reader is on StartArray; null as soon as an entry is not an object or there are too many.
        [MethodImpl(HotPath.Compiled)]
        private static List<SendItemResult>? ReadArray(ref Utf8JsonReader reader, int expectedCount)
        {
            var items = new List<SendItemResult>(expectedCount);
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.StartObject || items.Count == expectedCount)
                {
                    return null;
                }

                items.Add(ReadItem(ref reader));
            }

            return items.Count == expectedCount ? items : null;
        }

        // The reader is on the entry's StartObject; leaves it on the matching EndObject.
        [MethodImpl(HotPath.Compiled)]
        private static SendItemResult ReadItem(ref Utf8JsonReader reader)
        {
            string? status = null;
            string? message = null;
            var data = default(DataFields);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals(Status))
                {
                    status = ReadText(ref reader);
                }
                else if (reader.ValueTextEquals(Message))
                {
                    message = ReadText(ref reader);
                }
                else if (reader.ValueTextEquals(Data))
                {
                    data = ReadData(ref reader);
                }
                else
                {
                    SkipValue(ref reader);
                }
            }

            decimal? units = JsonValues.NumberFromText(data.SmsUnits);
            return new SendItemResult(
                JsonValues.FlagFromText(status) ?? false,
                message,
                data.Correlator,
                data.UniqueId,
                data.Phone,
                data.Operator,
                units == null ? (int?)null : (int)units.Value,
                data.BatchId);
        }

        // The reader is on the "data" name. A value that is not an object carries no fields, as JsonValues.Object has it.
        [MethodImpl(HotPath.Compiled)]
        private static DataFields ReadData(ref Utf8JsonReader reader)
        {
            var data = default(DataFields);
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                return data;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals(Correlator))
                {
                    data.Correlator = ReadText(ref reader);
                }
                else if (reader.ValueTextEquals(UniqueId))
                {
                    data.UniqueId = ReadText(ref reader);
                }
                else if (reader.ValueTextEquals(Phone))
                {
                    data.Phone = ReadText(ref reader);
                }
                else if (reader.ValueTextEquals(Operator))
                {
                    data.Operator = ReadText(ref reader);
                }
                else if (reader.ValueTextEquals(SmsUnits))
                {
                    data.SmsUnits = ReadText(ref reader);
                }
                else if (reader.ValueTextEquals(BatchId))
                {
                    data.BatchId = ReadText(ref reader);
                }
                else
                {
                    SkipValue(ref reader);
                }
            }

            return data;
        }

        // The reader is on a property name: moves past its value, whatever it is.
        private static void SkipValue(ref Utf8JsonReader reader)
        {
            reader.Read();
            reader.Skip();
        }

        // The reader is on a property name: its value as JsonValues.Text gives it (null for an object, array or null).
        [MethodImpl(HotPath.Compiled)]
        private static string? ReadText(ref Utf8JsonReader reader)
        {
            reader.Read();
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    return reader.GetString();
                case JsonTokenType.Number:
                    return Ascii(reader.ValueSpan); // a number token is never escaped: its raw text, as GetRawText
                case JsonTokenType.True:
                    return "true";
                case JsonTokenType.False:
                    return "false";
                default:
                    reader.Skip();
                    return null;
            }
        }

        private static string Ascii(ReadOnlySpan<byte> bytes)
        {
            var chars = new char[bytes.Length];
            for (int i = 0; i < bytes.Length; i++)
            {
                chars[i] = (char)bytes[i];
            }

            return new string(chars);
        }

        private struct DataFields
        {
            public string? Correlator;
            public string? UniqueId;
            public string? Phone;
            public string? Operator;
            public string? SmsUnits;
            public string? BatchId;
        }
    }
}
