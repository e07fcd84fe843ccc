using System.Collections.Generic;
using System.Management.Automation;
using CloudRebue.Core.Receipts;

namespace CloudRebue.PowerShell.Receipts
{
    /// <summary>The journal keeps a receipt's input row as text properties; this hands it back as an object, like the row was.</summary>
    internal static class ReceiptRows
    {
        public static DeliveryReceipt WithRestoredInput(DeliveryReceipt receipt) =>
            receipt.InputObject is IReadOnlyDictionary<string, string?> ? receipt.WithInputObject(Restore(receipt.InputObject)) : receipt;

        /// <summary>A journal row (text properties) as an object; anything else as it is.</summary>
        public static object? Restore(object? row)
        {
            if (!(row is IReadOnlyDictionary<string, string?> columns))
            {
                return row;
            }

            var restored = new PSObject();
            foreach (KeyValuePair<string, string?> column in columns)
            {
                restored.Properties.Add(new PSNoteProperty(column.Key, column.Value));
            }

            return restored;
        }
    }
}
