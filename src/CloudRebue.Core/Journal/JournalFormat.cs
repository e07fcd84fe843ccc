namespace CloudRebue.Core.Journal
{
    /// <summary>
    /// The journal's line format: one JSON object per line, appended and never rewritten. The first line
    /// names the format; then a <c>pending</c> line per recipient before its request, and a <c>final</c>
    /// line per recipient when its outcome is known. The token is never written.
    /// </summary>
    internal static class JournalFormat
    {
        public const string Name = "CloudRebue.SendJournal";
        public const int Version = 1;

        public const string Kind = "e";
        public const string Pending = "pending";
        public const string Final = "final";
        public const string Header = "journal";

        public const string At = "at";
        public const string Correlator = "correlator";
        public const string Phone = "phone";
        public const string Hash = "hash";
        public const string Sender = "sender";
        public const string Message = "message";
        public const string LinkId = "link_id";
        public const string Endpoint = "endpoint";
        public const string Row = "row";
        public const string Input = "input";
        public const string State = "state";
        public const string UniqueId = "uniqueId";
        public const string Error = "error";
    }
}
