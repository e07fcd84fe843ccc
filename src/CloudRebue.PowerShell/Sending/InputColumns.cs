using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Runtime.CompilerServices;
using System.Threading;
using CloudRebue.Core;

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
        // Bounded, so input with ever new column names (hashtables built per row) cannot grow it without end.
        private const int MaxKnownKeys = 4096;
        private static readonly ConcurrentDictionary<string, string> KeysByName = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        private static int _knownKeys; // ConcurrentDictionary.Count takes every lock: counted here instead

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

        /// <summary>The row's columns, read once (see <see cref="RowColumns"/>).</summary>
        public static RowColumns Of(object? row) => new RowColumns(row);

        /// <summary>The names Send-RebueSms reads a phone number from, for the same error.</summary>
        public static string PhoneNamesForPeople => "Phone, To, PhoneNumber, Mobile, MSISDN, Number, Recipient, Mobile No, Phone No, Tel, Cell";

        // Columns by their loose key; the first of two columns with the same key wins. Runs once per row.
        [MethodImpl(HotPath.Compiled)]
        internal static Dictionary<string, object?> Table(object row)
        {
            var columns = new Dictionary<string, object?>(StringComparer.Ordinal);
            VisitColumns(row, columns, (table, name, value) => Add(table, name, value));
            return columns;
        }

        /// <summary>The row's column names as it spells them, for an error that says what was found.</summary>
        internal static IReadOnlyList<string> Names(object row)
        {
            var names = new List<string>();
            VisitColumns(row, names, (list, name, _) => list.Add(name));
            return names;
        }

        // Every column of the row with its value: a hashtable's keys, or an object's properties (one whose
        // getter throws is not a column). The state argument keeps the callers' lambdas free of captures,
        // so nothing is allocated for them per row.
        [MethodImpl(HotPath.Compiled)]
        private static void VisitColumns<TState>(object row, TState state, Action<TState, string, object?> visit)
        {
            object target = row is PSObject wrapped ? wrapped.BaseObject : row;
            if (target is IDictionary dictionary)
            {
                foreach (DictionaryEntry entry in dictionary)
                {
                    visit(state, Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty, entry.Value);
                }
            }
            else if (!(target is string || target is ValueType))
            {
                foreach (PSPropertyInfo property in PSObject.AsPSObject(row).Properties)
                {
                    if (TryValue(property, out object? value))
                    {
                        visit(state, property.Name, value);
                    }
                }
            }
        }

        private static void Add(Dictionary<string, object?> columns, string name, object? value)
        {
            string key = Key(name);
            if (!columns.ContainsKey(key))
            {
                columns[key] = value;
            }
        }

        private static bool TryValue(PSPropertyInfo property, out object? value)
        {
            try
            {
                value = property.Value;
                return true;
            }
            catch (GetValueException)
            {
                value = null;
                return false;
            }
        }

        [MethodImpl(HotPath.Compiled)]
        internal static string Key(string name)
        {
            // Rows repeat the same few column names: each is folded once.
            if (KeysByName.TryGetValue(name, out string? known))
            {
                return known;
            }

            string key = Fold(name);
            if (Volatile.Read(ref _knownKeys) < MaxKnownKeys && KeysByName.TryAdd(name, key))
            {
                Interlocked.Increment(ref _knownKeys);
            }

            return key;
        }

        private static string Fold(string name)
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

        [MethodImpl(HotPath.Compiled)]
        internal static string? Text(object value)
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
