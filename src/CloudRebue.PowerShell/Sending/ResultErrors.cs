using System.Text.RegularExpressions;
using CloudRebue.Core.Sending;

namespace CloudRebue.PowerShell.Sending
{
    /// <summary>
    /// Which results also go to the error stream, and which of those only once per run. A Skipped result's id
    /// (Duplicate, Excluded) is a reason, not an error: an alert under -ErrorAction Stop must not stop because
    /// an opted-out number was left out. A problem of the whole file or run (no phone column, a template field
    /// the rows lack, the budget or the balance reached) is written once; every recipient still carries it in
    /// its result.
    /// </summary>
    internal static class ResultErrors
    {
        private static readonly Regex RowPrefix = new Regex(@"^Row \d+:? ", RegexOptions.CultureInvariant);

        public static bool IsError(SendResult result) => result.ErrorId != null && result.Status != SendStatus.Skipped;

        /// <summary>The key under which the error is written once per run; null to write it every time.</summary>
        public static string? OnceKey(SendResult result)
        {
            switch (result.ErrorId)
            {
                case SendErrorIds.NoPhoneColumn:
                case SendErrorIds.MaxUnitsReached:
                case SendErrorIds.InsufficientBalance:
                    return result.ErrorId;
                case SendErrorIds.OverUnitCap:
                    // Once per row: each row's text has its own length.
                    return result.ErrorId + "|" + result.Row;
                case SendErrorIds.TemplateFieldMissing:
                    // Once per field and kind (no such column, an empty cell): the words after "Row N".
                    return result.ErrorId + "|" + RowPrefix.Replace(result.Error ?? string.Empty, string.Empty);
                default:
                    return null;
            }
        }
    }
}
