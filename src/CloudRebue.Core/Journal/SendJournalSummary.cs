using System;
using System.Collections.Generic;

namespace CloudRebue.Core.Journal
{
    /// <summary>What a journal holds, counted by state.</summary>
    public sealed class SendJournalSummary
    {
        public SendJournalSummary(string path, JournalIndex index)
        {
            Path = path;
            var unresolved = new List<JournalEntry>();
            foreach (JournalEntry entry in index.Entries)
            {
                Recipients++;
                switch (entry.State)
                {
                    case JournalState.Queued:
                        Queued++;
                        break;
                    case JournalState.Failed:
                        Failed++;
                        break;
                    case JournalState.Unknown:
                        Unknown++;
                        unresolved.Add(entry);
                        break;
                    default:
                        Pending++;
                        unresolved.Add(entry);
                        break;
                }

                if (LastActivity == null || entry.At > LastActivity)
                {
                    LastActivity = entry.At;
                }
            }

            Unresolved = unresolved;
        }

        public string Path { get; }

        public int Recipients { get; }

        public int Queued { get; }

        public int Failed { get; }

        public int Unknown { get; }

        /// <summary>Recipients whose request was in flight when a run stopped.</summary>
        public int Pending { get; }

        public DateTimeOffset? LastActivity { get; }

        /// <summary>The recipients still Unknown or Pending: check them before sending again.</summary>
        public IReadOnlyList<JournalEntry> Unresolved { get; }

        /// <inheritdoc />
        public override string ToString() => $"{Recipients} recipient(s): {Queued} queued, {Failed} failed, {Unknown} unknown, {Pending} pending";
    }
}
