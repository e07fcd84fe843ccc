namespace CloudRebue.Core.Journal
{
    /// <summary>Where one sent recipient stands, from the receipts seen so far.</summary>
    public enum DeliveryProgress
    {
        /// <summary>A receipt said DeliveredToTerminal.</summary>
        Delivered,

        /// <summary>A receipt named a known failure: the message will not arrive.</summary>
        Failed,

        /// <summary>Only pending (or unknown) statuses so far; DeliveryStatus keeps the provider's words.</summary>
        Pending,

        /// <summary>No receipt yet.</summary>
        NoReceipt,
    }
}
