using System;
using System.Diagnostics;
using CloudRebue.Core.Journal;
using CloudRebue.Core.Receipts;

namespace CloudRebue.PowerShell.Receipts
{
    /// <summary>
    /// Start-RebueReceiptListener -UntilComplete: records each receipt written and says when every recipient the
    /// journal records as Queued has a final one (<see cref="DeliveryTracker"/> has the rule). The journal is looked
    /// at no more often than <see cref="CheckInterval"/>, so a flood of receipts does not re-list it for each one.
    /// </summary>
    internal sealed class DeliveryWait
    {
        public static readonly TimeSpan CheckInterval = TimeSpan.FromMilliseconds(250);

        private readonly JournalFollower _journal;
        private readonly DeliveryTracker _tracker = new DeliveryTracker();
        private readonly Stopwatch _sinceCheck = new Stopwatch();
        private bool _complete;

        public DeliveryWait(JournalFollower journal) => _journal = journal;

        public void Record(DeliveryReceipt receipt) => _tracker.Record(receipt);

        /// <summary>True once complete; looks at the journal again only when the interval has passed (or when forced).</summary>
        public bool IsComplete(bool force = false)
        {
            if (_complete || (!force && _sinceCheck.IsRunning && _sinceCheck.Elapsed < CheckInterval))
            {
                return _complete;
            }

            _complete = _tracker.IsComplete(_journal.Entries());
            _sinceCheck.Restart();
            return _complete;
        }

        /// <summary>Queued recipients still without a final receipt.</summary>
        public int Outstanding() => _tracker.Outstanding(_journal.Entries());
    }
}
