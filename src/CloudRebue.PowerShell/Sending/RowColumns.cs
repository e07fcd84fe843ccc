using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using CloudRebue.Core;

namespace CloudRebue.PowerShell.Sending
{
    /// <summary>
    /// One row's columns by their loose key (<see cref="InputColumns"/>), read from the row the first time
    /// a field is asked for and then kept: a row's sender, correlator, link id, endpoint and template
    /// fields all come from one pass over its properties. Enumerating a PSObject's properties is the
    /// dearest thing done per row (PowerShell merges its adapted, type-table and instance members each
    /// time), so it must not be done once per field.
    /// </summary>
    internal sealed class RowColumns
    {
        private readonly object? _row;
        private Dictionary<string, object?>? _table;

        public RowColumns(object? row) => _row = row;

        /// <summary>The value of the first column (in the order of <paramref name="names"/>) the row has, as text.</summary>
        [MethodImpl(HotPath.Compiled)]
        public string? Find(IReadOnlyList<string> names)
        {
            if (_row == null)
            {
                return null;
            }

            Dictionary<string, object?> table = Table;
            foreach (string name in names)
            {
                if (table.TryGetValue(name, out object? value) && value != null)
                {
                    return InputColumns.Text(value);
                }
            }

            return null;
        }

        /// <summary>The value of the column with this name, matched the same loose way (for -Template fields); null when there is none.</summary>
        public string? Field(string name) =>
            _row != null && Table.TryGetValue(InputColumns.Key(name), out object? value) && value != null ? InputColumns.Text(value) : null;

        /// <summary>The row's column names as it spells them, for an error that says what was found.</summary>
        public IReadOnlyList<string> Names => _row == null ? Array.Empty<string>() : InputColumns.Names(_row);

        private Dictionary<string, object?> Table => _table ??= InputColumns.Table(_row!);
    }
}
