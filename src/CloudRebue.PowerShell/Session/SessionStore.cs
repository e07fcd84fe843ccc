using System.Threading;
using CloudRebue.Core.Api;

namespace CloudRebue.PowerShell.Session
{
    /// <summary>
    /// The current connection, visible to the whole process (like Az's context) so it reaches
    /// ForEach-Object -Parallel runspaces and thread jobs without being passed around.
    /// </summary>
    internal static class SessionStore
    {
        private static CloudRebueConnection? _current;

        public static CloudRebueConnection? Current => Volatile.Read(ref _current);

        /// <summary>
        /// Makes <paramref name="connection"/> current. The one it replaces is not disposed: the caller may hold
        /// it for -Connection (a second account), or another runspace may be sending through it right now.
        /// Once nothing refers to it the garbage collector reclaims its idle connections.
        /// </summary>
        public static void Set(CloudRebueConnection connection) => Volatile.Write(ref _current, connection);

        /// <summary>Forgets the current connection and disposes it; returns it, or null when there was none.</summary>
        public static CloudRebueConnection? Clear()
        {
            CloudRebueConnection? previous = Interlocked.Exchange(ref _current, null);
            previous?.Dispose();
            return previous;
        }
    }
}
