using System;
using System.Collections.Generic;

namespace CloudRebue.Core.Journal
{
    /// <summary>
    /// One recipient as the journal knows it. Its property names match Send-RebueSms's parameters, so
    /// entries pipe straight back into it.
    /// </summary>
    public sealed class JournalEntry
    {
        public string Correlator { get; set; } = string.Empty;

        public string Phone { get; set; } = string.Empty;

        public string? Sender { get; set; }

        public string? Message { get; set; }

        public string? LinkId { get; set; }

        public string? Endpoint { get; set; }

        /// <summary>The time_to_send it was scheduled for (East Africa Time); null when sent at once.</summary>
        public DateTimeOffset? SendAt { get; set; }

        /// <summary>SHA-256 (first 16 bytes, hex) of sender, text and link id: tells a rerun whether the row changed.</summary>
        public string MessageHash { get; set; } = string.Empty;

        public JournalState State { get; set; }

        public string? UniqueId { get; set; }

        public string? Error { get; set; }

        public long Row { get; set; }

        /// <summary>The input row's properties as text, when the input was an object.</summary>
        public IReadOnlyDictionary<string, string?>? Input { get; set; }

        /// <summary>When the last state was recorded.</summary>
        public DateTimeOffset At { get; set; }

        /// <inheritdoc />
        public override string ToString() => $"{Phone}: {State}";
    }
}
