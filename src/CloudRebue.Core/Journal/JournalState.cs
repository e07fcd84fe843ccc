namespace CloudRebue.Core.Journal
{
    /// <summary>The last known state of a recipient in a send journal.</summary>
    public enum JournalState
    {
        /// <summary>Its request was about to go out; the run stopped before the answer was recorded.</summary>
        Pending,

        Queued,

        Failed,

        Unknown,
    }
}
