using System.Collections.Generic;
using System.Globalization;

namespace CloudRebue.Core.Sending
{
    /// <summary>What a run would send, counted without sending: the -WhatIf report.</summary>
    internal sealed class SendPlan
    {
        private readonly HashSet<string> _senders = new HashSet<string>();

        public SendPlan(int batchSize) => BatchSize = batchSize;

        public int BatchSize { get; }

        public long Recipients { get; private set; }

        public long Units { get; private set; }

        public long Invalid { get; private set; }

        public long Batches => (Recipients + BatchSize - 1) / BatchSize;

        public void Add(OutgoingMessage message)
        {
            Recipients++;
            Units += message.Units;
            if (_senders.Count < 10)
            {
                _senders.Add(message.Sender);
            }
        }

        public void AddInvalid() => Invalid++;

        /// <inheritdoc />
        public override string ToString()
        {
            var culture = CultureInfo.InvariantCulture;
            string senders = _senders.Count == 0 ? string.Empty : " as " + string.Join(", ", _senders);
            string invalid = Invalid == 0 ? string.Empty : string.Format(culture, "; {0:N0} invalid recipient(s) would not be sent", Invalid);
            return string.Format(culture, "{0:N0} recipient(s) in {1:N0} request(s), {2:N0} SMS unit(s){3}{4}", Recipients, Batches, Units, senders, invalid);
        }
    }
}
