namespace CloudRebue.Core.Sending
{
    /// <summary>A start granted by <see cref="RequestPacer"/>: report <see cref="RequestPacer.Written"/> and <see cref="RequestPacer.Complete"/> with it.</summary>
    internal readonly struct PacerTicket
    {
        internal PacerTicket(long startedAt, int slot, long generation)
        {
            StartedAt = startedAt;
            Slot = slot;
            Generation = generation;
        }

        /// <summary>When the start was granted (a <see cref="System.TimeProvider.GetTimestamp"/> value); the pacer's tests read it.</summary>
        internal long StartedAt { get; }

        internal int Slot { get; }

        internal long Generation { get; }
    }
}
