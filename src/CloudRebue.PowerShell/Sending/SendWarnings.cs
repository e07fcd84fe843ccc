using System.Text.RegularExpressions;

namespace CloudRebue.PowerShell.Sending
{
    /// <summary>The warnings Send-RebueSms writes when its input is probably not what the user meant.</summary>
    internal static class SendWarnings
    {
        public const string NoInput = "Send-RebueSms received no input, so nothing was sent. Check that the file or command feeding it produced rows (for example: (Import-Csv .\\customers.csv).Count).";

        public const string ResendUnknownWithoutJournal = "-ResendUnknown has no effect without -JournalPath: only a journal knows what an earlier run left Unknown.";

        // Portal habit: "Dear {Name}" looks like a mail-merge field, but the text is sent exactly as typed.
        public static string? Placeholder(string text)
        {
            Match field = Regex.Match(text, @"\{[^{}\r\n]{1,64}\}");
            return field.Success
                ? $"-Message contains {field.Value}, which is sent exactly as typed: -Message is never filled from columns. To fill {field.Value} from each row, use -Template instead of -Message (write a literal brace as {{{{ or }}}})."
                : null;
        }

        public static string JournalSkips(long skipped, string? journalPath) =>
            $"{skipped:N0} recipient(s) were not sent because the journal '{journalPath}' shows an earlier run queued them (Status Skipped). A journal belongs to one campaign: to send the same text again, for example a repeated alert, use a new -JournalPath or none.";
    }
}
