using System;
using System.IO;

namespace CloudRebue.Core.Journal
{
    /// <summary>
    /// One writer per journal, on every platform: a lock file beside the journal (<c>&lt;journal&gt;.lock</c>)
    /// held open with <see cref="FileShare.None"/>. Windows refuses a second open of it (a sharing
    /// violation); .NET on Linux and macOS takes an exclusive <c>flock</c> for FileShare.None and refuses a
    /// second holder at once. The journal itself stays open to readers (Get-RebueSendJournal, the receipt
    /// listener), which is why the lock is a separate file. The lock ends with the handle, so a killed
    /// process leaves no stale lock; the file stays (deleting it would let two writers lock two different
    /// files of the same name). The lock is advisory on Unix, and DOTNET_SYSTEM_IO_DISABLEFILELOCKING turns
    /// it off there: documented in about_CloudRebue.
    /// </summary>
    public sealed class JournalLock : IDisposable
    {
        private readonly FileStream _file;

        private JournalLock(FileStream file) => _file = file;

        public static string LockPathOf(string journalPath) => journalPath + ".lock";

        /// <summary>Takes the lock or throws <see cref="JournalLockedException"/> at once; it never waits.</summary>
        public static JournalLock Acquire(string journalPath)
        {
            string lockPath = LockPathOf(journalPath);
            try
            {
                return new JournalLock(new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException ex) when (IsHeldByAnother(ex))
            {
                throw new JournalLockedException(journalPath, lockPath, ex);
            }
        }

        public void Dispose() => _file.Dispose();

        // Windows: ERROR_SHARING_VIOLATION (32), ERROR_LOCK_VIOLATION (33). Unix: flock's EWOULDBLOCK, which
        // .NET reports as the errno itself: 11 on Linux, 35 on macOS.
        private static bool IsHeldByAnother(IOException ex)
        {
            int code = ex.HResult & 0xFFFF;
            return code == 32 || code == 33 || ex.HResult == 11 || ex.HResult == 35;
        }
    }
}
