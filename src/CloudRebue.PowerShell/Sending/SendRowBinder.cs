using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using CloudRebue.Core.Sending;
using System.Runtime.CompilerServices;
using CloudRebue.Core;

namespace CloudRebue.PowerShell.Sending
{
    /// <summary>
    /// Turns one pipeline record into the rows a send run reads: a value bound from the command line or
    /// a column wins, then the row's own columns by the names people use (<see cref="InputColumns"/>),
    /// then the connection's default sender. A -Phone array gives each number its own row.
    /// </summary>
    internal sealed class SendRowBinder
    {
        private readonly string? _defaultSender;
        private readonly RowTemplate? _template;

        /// <param name="defaultSender">The connection's sender, for rows that name none.</param>
        /// <param name="template">-Template, filled from the same reading of each row's columns.</param>
        public SendRowBinder(string? defaultSender, RowTemplate? template = null)
        {
            _defaultSender = defaultSender;
            _template = template;
        }

        /// <summary>Rows numbered so far (1-based positions in the input).</summary>
        public long Count { get; private set; }

        /// <param name="inputObject">The pipeline object; a plain string or number is taken as the phone.</param>
        /// <param name="phones">-Phone as bound.</param>
        /// <param name="given">The other parameters as bound (null where not given).</param>
        [MethodImpl(HotPath.Compiled)]
        public IEnumerable<SendRow> Bind(PSObject? inputObject, string[]? phones, SendRow given)
        {
            object? source = inputObject?.BaseObject is string || inputObject?.BaseObject is ValueType ? null : inputObject;
            RowColumns columns = InputColumns.Of(source);
            if (phones != null && phones.Length > 1)
            {
                return phones.Select(phone => Row(phone, source, columns, given)).ToList();
            }

            return new[] { Row(PhoneText(inputObject, phones, columns), source, columns, given) };
        }

        [MethodImpl(HotPath.Compiled)]
        private SendRow Row(string? phone, object? source, RowColumns columns, SendRow given)
        {
            var row = new SendRow
            {
                Phone = phone,
                Message = given.Message ?? columns.Find(InputColumns.Message),
                Sender = FirstNonBlank(given.Sender, columns.Find(InputColumns.Sender), _defaultSender),
                Correlator = given.Correlator ?? columns.Find(InputColumns.Correlator),
                LinkId = given.LinkId ?? columns.Find(InputColumns.LinkId),
                Endpoint = given.Endpoint ?? columns.Find(InputColumns.Endpoint),
                SendAt = given.SendAt,
                InputObject = source,
                Row = ++Count,
            };

            if (string.IsNullOrWhiteSpace(phone) && source != null && columns.Find(InputColumns.Phone) == null)
            {
                row.ProblemId = SendErrorIds.NoPhoneColumn;
                row.Problem = NoPhoneColumn(row.Row, columns);
            }

            _template?.Apply(row, columns);
            return row;
        }

        // A row with none of the phone columns: say which columns it has (the usual causes are a header
        // Send-RebueSms does not know and a file read with the wrong delimiter).
        private static string NoPhoneColumn(long row, RowColumns columns)
        {
            IReadOnlyList<string> names = columns.Names;
            string found = names.Count == 0 ? "none" : string.Join(", ", names.Take(20).Select(n => "'" + n + "'"));
            string hint = InputHints.NoPhoneColumn(names);
            return $"Row {row} has no phone number column (its columns: {found}).{hint}";
        }

        // -Phone binds from a column or the command line; a bare string or number piped in is the phone itself;
        // a row whose phone column PowerShell could not bind ("Mobile No", a hashtable key) is read by name.
        private static string? PhoneText(PSObject? inputObject, string[]? phones, RowColumns columns)
        {
            if (phones != null && phones.Length > 0)
            {
                return phones[0];
            }

            object? value = inputObject?.BaseObject;
            return value is string || value is ValueType
                ? Convert.ToString(value, CultureInfo.InvariantCulture)
                : columns.Find(InputColumns.Phone);
        }

        private static string? FirstNonBlank(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
    }
}
