namespace CloudRebue.Core.Journal
{
    /// <summary>
    /// The journal's line format (version 2): one JSON object per line, appended and never rewritten or
    /// truncated. The first line names the format and whom the journal belongs to (base URL and a
    /// non-secret account identity; never the token). Each Send-RebueSms that opens the journal starts
    /// with a <c>run</c> line. What many recipients share is written once and referred to: a <c>text</c>
    /// line (sender, message, link id, endpoint, scheduled time) per distinct text and a <c>row</c> line per input row with
    /// its properties. A batch is one <c>p</c> line (pending, before its request) and one <c>f</c> line per
    /// state when its outcome is known, each with its time and one array per field (correlators, phones,
    /// text and row numbers; unique ids and errors), about 100 bytes per recipient together. Text and row
    /// numbers count from 1 again in each run.
    /// </summary>
    internal static class JournalFormat
    {
        public const string Name = "CloudRebue.SendJournal";
        public const int Version = 2;

        // The header line.
        public const string Header = "journal";
        public const string HeaderVersion = "version";
        public const string Created = "created";
        public const string BaseUri = "baseUri";
        public const string Account = "account";

        // Every other line: its kind.
        public const string Kind = "e";
        public const string Run = "run";
        public const string TextKind = "text";
        public const string RowKind = "row";
        public const string Pending = "p";
        public const string Final = "f";

        // Fields of the shared lines.
        public const string At = "at";
        public const string Sender = "sender";
        public const string Message = "message";
        public const string LinkId = "link_id";
        public const string Endpoint = "endpoint";
        public const string SendAt = "send_at";
        public const string Input = "input";

        // Fields of the batch lines, arrays with one entry per recipient: one letter each.
        public const string Correlator = "c";
        public const string Phone = "p";
        public const string Text = "t";
        public const string Row = "r";
        public const string State = "s";
        public const string UniqueId = "u";
        public const string Error = "x";
    }
}
