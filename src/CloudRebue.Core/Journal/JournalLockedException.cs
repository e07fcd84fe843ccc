using System;
using System.IO;

namespace CloudRebue.Core.Journal
{
    /// <summary>Another Send-RebueSms holds the journal: two writers would send the same recipients twice.</summary>
    public sealed class JournalLockedException : IOException
    {
        public JournalLockedException(string path, string lockPath, Exception inner)
            : base($"The send journal '{path}' is in use by another Send-RebueSms (it holds '{lockPath}'). Two sends on one journal would send the same recipients twice, so this one did not start. Wait for the other send to finish, or give this send its own -JournalPath.", inner)
        {
            Path = path;
        }

        public string Path { get; }
    }
}
