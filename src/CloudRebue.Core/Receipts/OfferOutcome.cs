namespace CloudRebue.Core.Receipts
{
    /// <summary>What the queue did with one request's receipts.</summary>
    internal enum OfferStatus
    {
        /// <summary>Every new receipt was queued (duplicates, if any, were acknowledged and dropped): answer 200.</summary>
        Accepted,

        /// <summary>No room for all of them, or the -Count budget is spent: nothing queued, answer 503 so the provider retries.</summary>
        NoRoom,

        /// <summary>More new receipts than the whole queue holds: they can never fit, answer 413 so the provider does not retry for ever.</summary>
        TooMany,

        /// <summary>The listener is stopping: nothing queued, answer 503.</summary>
        Closed,
    }

    /// <summary>The status of an offer and how many receipts it added or recognised as duplicates.</summary>
    internal readonly struct OfferOutcome
    {
        public OfferOutcome(OfferStatus status, int added, int duplicates)
        {
            Status = status;
            Added = added;
            Duplicates = duplicates;
        }

        public OfferStatus Status { get; }

        public int Added { get; }

        public int Duplicates { get; }
    }
}
