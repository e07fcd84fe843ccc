using System;
using System.Collections.Generic;
using System.Linq;
using CloudRebue.Core.Receipts;

namespace CloudRebue.Core.Journal
{
    /// <summary>
    /// Which recipients of a send have a final receipt. Awaited are the recipients the journal records as Queued:
    /// the API accepted them, so a receipt will come. Unknown recipients (no readable answer) are reported but not
    /// awaited: they may never have been sent. A run is complete when no request of the journal is still in flight
    /// (Pending), at least one recipient is Queued, and every Queued one has a final receipt (Delivered or Failed).
    /// A final receipt is never replaced by a later pending one. Not thread-safe: one caller (the pipeline thread).
    /// </summary>
    public sealed class DeliveryTracker
    {
        // Each receipt with its arrival number: of two candidates for one recipient, a final one beats a pending
        // one, and between equals the later wins (a receipt may carry the correlator, the uniqueId, or both).
        private readonly Dictionary<string, (DeliveryReceipt Receipt, long Seq)> _byCorrelator = new Dictionary<string, (DeliveryReceipt, long)>(StringComparer.Ordinal);
        private readonly Dictionary<string, (DeliveryReceipt Receipt, long Seq)> _byUniqueId = new Dictionary<string, (DeliveryReceipt, long)>(StringComparer.Ordinal);
        private long _seq;

        /// <summary>Remembers what <paramref name="receipt"/> says about its recipient.</summary>
        public void Record(DeliveryReceipt receipt)
        {
            if (receipt is null)
            {
                throw new ArgumentNullException(nameof(receipt));
            }

            var recorded = (receipt, ++_seq);
            if (!string.IsNullOrEmpty(receipt.Correlator))
            {
                Keep(_byCorrelator, receipt.Correlator!, recorded);
            }

            Keep(_byUniqueId, receipt.UniqueId, recorded);
        }

        /// <summary>True when every awaited recipient of <paramref name="journal"/> has a final receipt (see the class).</summary>
        public bool IsComplete(IEnumerable<JournalEntry> journal)
        {
            bool anyQueued = false;
            foreach (JournalEntry entry in journal)
            {
                if (entry.State == JournalState.Pending)
                {
                    return false;
                }

                if (entry.State == JournalState.Queued)
                {
                    anyQueued = true;
                    DeliveryReceipt? receipt = Find(entry);
                    if (receipt == null || !DeliveryStates.IsFinal(receipt.State))
                    {
                        return false;
                    }
                }
            }

            return anyQueued;
        }

        /// <summary>One line per Queued or Unknown recipient, in journal row order, with what its receipts said.</summary>
        public IReadOnlyList<DeliveryReportEntry> Report(IEnumerable<JournalEntry> journal) =>
            journal.Where(e => e.State == JournalState.Queued || e.State == JournalState.Unknown)
                .OrderBy(e => e.At).ThenBy(e => e.Row)
                .Select(e => new DeliveryReportEntry(e, Find(e)))
                .ToList();

        /// <summary>How many Queued recipients still lack a final receipt.</summary>
        public int Outstanding(IEnumerable<JournalEntry> journal) =>
            journal.Count(e => e.State == JournalState.Queued && !(Find(e) is DeliveryReceipt r && DeliveryStates.IsFinal(r.State)));

        private DeliveryReceipt? Find(JournalEntry entry)
        {
            (DeliveryReceipt Receipt, long Seq)? byCorrelator = _byCorrelator.TryGetValue(entry.Correlator, out var c) ? c : ((DeliveryReceipt, long)?)null;
            (DeliveryReceipt Receipt, long Seq)? byId = !string.IsNullOrEmpty(entry.UniqueId) && _byUniqueId.TryGetValue(entry.UniqueId!, out var u) ? u : ((DeliveryReceipt, long)?)null;
            if (byCorrelator == null || byId == null)
            {
                return (byCorrelator ?? byId)?.Receipt;
            }

            return Better(byCorrelator.Value, byId.Value) ? byCorrelator.Value.Receipt : byId.Value.Receipt;
        }

        private static bool Better((DeliveryReceipt Receipt, long Seq) a, (DeliveryReceipt Receipt, long Seq) b)
        {
            bool aFinal = DeliveryStates.IsFinal(a.Receipt.State), bFinal = DeliveryStates.IsFinal(b.Receipt.State);
            return aFinal != bFinal ? aFinal : a.Seq >= b.Seq;
        }

        private static void Keep(Dictionary<string, (DeliveryReceipt Receipt, long Seq)> known, string key, (DeliveryReceipt Receipt, long Seq) recorded)
        {
            if (!known.TryGetValue(key, out var before) || Better(recorded, before))
            {
                known[key] = recorded; // a late DeliveredToNetwork must not undo DeliveredToTerminal
            }
        }
    }
}
