using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;

namespace CloudRebue.PowerShell.Sending
{
    /// <summary>
    /// Finds a row's fields by column name the way people name columns in spreadsheet exports: case,
    /// spaces, dots, underscores and hyphens do not matter ("Mobile No", "PHONE_NUMBER", "Tel."), and a
    /// hashtable's keys count as columns. PowerShell's own binding by property name comes first; this
    /// only fills what it left empty.
    /// </summary>
    internal static class InputColumns
    {
        public static readonly IReadOnlyList<string> Phone = new[]
        {
            "phone", "to", "phonenumber", "mobile", "msisdn", "number", "recipient", "mobileno", "mobilenumber",
            "phoneno", "tel", "telno", "telephone", "telephoneno", "cell", "cellno", "cellphone",
        };

        public static readonly IReadOnlyList<string> Message = new[] { "message", "text", "body", "sms", "messagetext", "smstext" };

        public static readonly IReadOnlyList<string> Sender = new[] { "sender", "senderid", "from" };

        public static readonly IReadOnlyList<string> Correlator = new[] { "correlator", "id", "reference" };

        public static readonly IReadOnlyList<string> LinkId = new[] { "linkid" };

        public static readonly IReadOnlyList<string> Endpoint = new[] { "endpoint", "deliveryendpoint" };

        /// <summary>The value of the first column (in the order of <paramref name="names"/>) the row has, as text.</summary>
        public static string? Find(object? row, IReadOnlyList<string> names)
        {
            if (row == null)
            {
                return null;
            }

            Dictionary<string, object?> columns = Table(row);
            foreach (string name in names)
            {
                if (columns.TryGetValue(name, out object? value) && value != null)
                {
                    return Text(value);
                }
            }

            return null;
        }

        /// <summary>
        /// A lookup of the row's columns by any name, matched the same loose way (for -Template fields): the
        /// columns are read once per row, not once per field. Null when the row has no such column.
        /// </summary>
        public static Func<string, string?> Lookup(object? row)
        {
            Dictionary<string, object?> columns = row == null ? new Dictionary<string, object?>() : Table(row);
            return name => columns.TryGetValue(Key(name), out object? value) && value != null ? Text(value) : null;
        }

        /// <summary>The row's column names, for an error that says what was found.</summary>
        public static IReadOnlyList<string> Names(object? row) => row == null ? Array.Empty<string>() : Columns(row).Select(c => c.Key).ToList();

        /// <summary>The names Send-RebueSms reads a phone number from, for the same error.</summary>
        public static string PhoneNamesForPeople => "Phone, To, PhoneNumber, Mobile, MSISDN, Number, Recipient, Mobile No, Phone No, Tel, Cell";

        // Columns by their loose key; the first of two columns with the same key wins.
        private static Dictionary<string, object?> Table(object row)
        {
            var columns = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (KeyValuePair<string, object?> column in Columns(row))
            {
                string key = Key(column.Key);
                if (!columns.ContainsKey(key))
                {
                    columns[key] = column.Value;
                }
            }

            return columns;
        }

        private static string Key(string name)
        {
            var key = new System.Text.StringBuilder(name.Length);
            foreach (char c in name)
            {
                if (c != ' ' && c != '.' && c != '_' && c != '-' && c != '\u00A0')
                {
                    key.Append(char.ToLowerInvariant(c));
                }
            }

            return key.ToString();
        }

        private static IEnumerable<KeyValuePair<string, object?>> Columns(object row)
        {
            object target = row is PSObject wrapped ? wrapped.BaseObject : row;
            if (target is IDictionary dictionary)
            {
                foreach (DictionaryEntry entry in dictionary)
                {
                    yield return new KeyValuePair<string, object?>(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty, entry.Value);
                }

                yield break;
            }

            if (target is string || target is ValueType)
            {
                yield break;
            }

            foreach (PSPropertyInfo property in PSObject.AsPSObject(row).Properties)
            {
                object? value;
                try
                {
                    value = property.Value;
                }
                catch (GetValueException)
                {
                    continue;
                }

                yield return new KeyValuePair<string, object?>(property.Name, value);
            }
        }

        private static string? Text(object value)
        {
            object inner = value is PSObject wrapped ? wrapped.BaseObject : value;
            if (inner is string text)
            {
                return text;
            }

            if (inner is IEnumerable items)
            {
                return string.Join(",", items.Cast<object?>().Select(i => Convert.ToString(i is PSObject p ? p.BaseObject : i, CultureInfo.InvariantCulture)));
            }

            return Convert.ToString(inner, CultureInfo.InvariantCulture);
        }
    }
}
