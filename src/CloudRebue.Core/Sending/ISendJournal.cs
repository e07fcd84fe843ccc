using System.Collections.Generic;

namespace CloudRebue.Core.Sending
{
    /// <summary>Where the engine records each batch before it goes out and each result when it is known.</summary>
    internal interface ISendJournal
    {
        void RecordPending(IReadOnlyList<OutgoingMessage> batch);

        void RecordFinal(IReadOnlyList<SendResult> results);
    }

    /// <summary>No journal: the default when -JournalPath is not given.</summary>
    internal sealed class NullSendJournal : ISendJournal
    {
        public static readonly NullSendJournal Instance = new NullSendJournal();

        public void RecordPending(IReadOnlyList<OutgoingMessage> batch)
        {
        }

        public void RecordFinal(IReadOnlyList<SendResult> results)
        {
        }
    }
}
