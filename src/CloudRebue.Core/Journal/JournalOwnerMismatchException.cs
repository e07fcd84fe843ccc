using System;

namespace CloudRebue.Core.Journal
{
    /// <summary>The journal was written for another account or API than the one this send uses.</summary>
    public sealed class JournalOwnerMismatchException : Exception
    {
        public JournalOwnerMismatchException(string path, JournalOwner written, JournalOwner current)
            : base($"The send journal '{path}' was written for {written}, but this send uses {current}. " +
                   "What it records as sent says nothing about another account or API, so it is not used. " +
                   "Connect with the token and -BaseUri the journal was written for to resume that send, or give this send its own -JournalPath.")
        {
            Path = path;
        }

        public string Path { get; }
    }
}
