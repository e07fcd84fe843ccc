using System;

namespace CloudRebue.Core.Journal
{
    /// <summary>A journal line other than the last could not be read: the file was edited or is not a journal.</summary>
    public sealed class JournalCorruptException : Exception
    {
        public JournalCorruptException(string path, long line, string reason, Exception? inner = null)
            : base(Describe(path, line, reason), inner)
        {
            Path = path;
            Line = line;
        }

        public string Path { get; }

        public long Line { get; }

        /// <summary>Words for a file that is not a journal at all (a results CSV, say): restoring it from a copy would not help.</summary>
        internal const string NotAJournal = "this is not a CloudRebue send journal";

        private static string Describe(string path, long line, string reason) =>
            reason.StartsWith(NotAJournal, StringComparison.Ordinal)
                ? $"'{path}' is not a send journal (line {line}: {reason}). Pass the file Send-RebueSms -JournalPath wrote (JSON lines); an exported CSV of results is not a journal."
                : $"The send journal '{path}' cannot be read at line {line}: {reason}. Restore it from a copy, or start a new journal with another -JournalPath.";
    }
}
