using System;
using System.Collections.Generic;

namespace CloudRebue.Core.Journal
{
    /// <summary>What a journal says about each recipient: the last state per correlator, searchable by unique id too.</summary>
    public sealed class JournalIndex
    {
        private readonly Dictionary<string, JournalEntry> _byCorrelator = new Dictionary<string, JournalEntry>(StringComparer.Ordinal);
        private readonly Dictionary<string, JournalEntry> _byUniqueId = new Dictionary<string, JournalEntry>(StringComparer.Ordinal);

        public static JournalIndex Empty => new JournalIndex();

        public int Count => _byCorrelator.Count;

        public IEnumerable<JournalEntry> Entries => _byCorrelator.Values;

        /// <summary>Whom the journal was written for, from its header; null for a journal that does not exist yet.</summary>
        public JournalOwner? Owner { get; internal set; }

        /// <summary>Warnings met while reading (a torn last line).</summary>
        public List<string> Warnings { get; } = new List<string>();

        public bool TryGet(string correlator, out JournalEntry entry) => _byCorrelator.TryGetValue(correlator, out entry!);

        public bool TryGetByUniqueId(string uniqueId, out JournalEntry entry) => _byUniqueId.TryGetValue(uniqueId, out entry!);

        internal void Apply(JournalEntry entry)
        {
            _byCorrelator[entry.Correlator] = entry;
            if (!string.IsNullOrEmpty(entry.UniqueId))
            {
                _byUniqueId[entry.UniqueId!] = entry;
            }
        }
    }
}
