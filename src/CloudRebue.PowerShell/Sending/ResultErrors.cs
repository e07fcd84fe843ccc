using CloudRebue.Core.Sending;

namespace CloudRebue.PowerShell.Sending
{
    /// <summary>
    /// Which results also go to the error stream, and which of those only once per run. A Skipped result's id
    /// (Duplicate, Excluded) is a reason, not an error: an alert under -ErrorAction Stop must not stop because
    /// an opted-out number was left out. A problem of the whole file or run (no phone column, the budget or the
    /// balance reached) is written once; every recipient still carries it in its result.
    /// </summary>
    internal static class ResultErrors
    {
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
                    return result.ErrorId + "|row " + result.Row;
                default:
                    return null;
            }
        }
    }
}
