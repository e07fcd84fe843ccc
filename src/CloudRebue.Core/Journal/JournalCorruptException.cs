using System;

namespace CloudRebue.Core.Journal
{
    /// <summary>A journal line other than the last could not be read: the file was edited or is not a journal.</summary>
    public sealed class JournalCorruptException : Exception
    {
        public JournalCorruptException(string path, long line, string reason, Exception? inner = null)
            : base($"The send journal '{path}' cannot be read at line {line}: {reason}. Restore it from a copy, or start a new journal with another -JournalPath.", inner)
        {
            Path = path;
            Line = line;
        }

        public string Path { get; }

        public long Line { get; }
    }
}
