using System.Collections.Generic;
using System.Management.Automation;
using CloudRebue.Core.Receipts;

namespace CloudRebue.PowerShell.Receipts
{
    /// <summary>The journal keeps a receipt's input row as text properties; this hands it back as an object, like the row was.</summary>
    internal static class ReceiptRows
    {
        public static DeliveryReceipt WithRestoredInput(DeliveryReceipt receipt)
        {
            if (!(receipt.InputObject is IReadOnlyDictionary<string, string?> row))
            {
                return receipt;
            }

            var restored = new PSObject();
            foreach (KeyValuePair<string, string?> column in row)
            {
                restored.Properties.Add(new PSNoteProperty(column.Key, column.Value));
            }

            return receipt.WithInputObject(restored);
        }
    }
}
