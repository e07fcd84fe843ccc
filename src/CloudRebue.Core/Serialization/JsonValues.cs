using System.Globalization;
using System.Text.Json;

namespace CloudRebue.Core.Serialization
{
    /// <summary>
    /// Tolerant readers for the API's loosely typed JSON: the same field comes as a string from one brand
    /// and as a number from another (correlator, sms_units, account_units).
    /// </summary>
    internal static class JsonValues
    {
        public static string? Text(JsonElement parent, string name)
        {
            if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out JsonElement value))
            {
                return null;
            }

            switch (value.ValueKind)
            {
                case JsonValueKind.String:
                    return value.GetString();
                case JsonValueKind.Number:
                    return value.GetRawText();
                case JsonValueKind.True:
                    return "true";
                case JsonValueKind.False:
                    return "false";
                default:
                    return null;
            }
        }

        public static decimal? Number(JsonElement parent, string name) => NumberFromText(Text(parent, name));

        public static bool? Flag(JsonElement parent, string name) => FlagFromText(Text(parent, name));

        /// <summary>A number written as a JSON number or as a string: "6974", 6974, "12.50".</summary>
        public static decimal? NumberFromText(string? text) =>
            decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out decimal number) ? number : (decimal?)null;

        /// <summary>A flag written as true/false (JSON or string, any case) or as 1/0.</summary>
        public static bool? FlagFromText(string? text)
        {
            if (text == null)
            {
                return null;
            }

            if (bool.TryParse(text, out bool flag))
            {
                return flag;
            }

            return text == "1" ? true : text == "0" ? false : (bool?)null;
        }

        public static JsonElement? Object(JsonElement parent, string name) =>
            parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Object
                ? value
                : (JsonElement?)null;
    }
}
