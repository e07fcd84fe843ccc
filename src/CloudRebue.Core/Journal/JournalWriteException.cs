using System;

namespace CloudRebue.Core.Journal
{
    /// <summary>
    /// Recording a line in the journal failed (a full disk, a removed drive): the run must stop, because
    /// sending what cannot be recorded would let a rerun send it again.
    /// </summary>
    public sealed class JournalWriteException : Exception
    {
        public JournalWriteException(string path, Exception inner)
            : base($"Writing the send journal '{path}' failed: {inner.Message} The send stopped: recipients not yet sent are reported NotSent; recipients already sent keep the status the API gave them in these results, but the journal may not have recorded it, so a rerun with this journal holds them back as in flight. Free space (or fix the path), check those recipients against these results, then run again with the same -JournalPath.", inner)
        {
            Path = path;
        }

        public string Path { get; }
    }
}
