using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Threading;

namespace CloudRebue.Core.Receipts
{
    /// <summary>
    /// One-line notes about refused or failed requests, for the cmdlet's verbose stream, with every
    /// control character escaped (a client's text is in them). Bounded:
    /// when nobody reads them, the newest are dropped rather than memory growing under a flood.
    /// </summary>
    internal sealed class ListenerNotices
    {
        private readonly ConcurrentQueue<string> _notes = new ConcurrentQueue<string>();
        private readonly int _capacity;
        private int _count;

        public ListenerNotices(int capacity) => _capacity = capacity;

        public void Add(string note)
        {
            if (Interlocked.Increment(ref _count) > _capacity)
            {
                Interlocked.Decrement(ref _count);
                return;
            }

            _notes.Enqueue(PrintableText.Escape(note)!);
        }

        public bool TryTake([NotNullWhen(true)] out string? note)
        {
            if (_notes.TryDequeue(out note))
            {
                Interlocked.Decrement(ref _count);
                return true;
            }

            return false;
        }
    }
}
