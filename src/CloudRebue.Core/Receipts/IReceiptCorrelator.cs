namespace CloudRebue.Core.Receipts
{
    /// <summary>
    /// Finds the message a receipt reports on. The send journal implements it; until then the
    /// listener uses <see cref="NullReceiptCorrelator"/>. Called on the listener's request threads,
    /// so an implementation must be thread-safe and quick.
    /// </summary>
    internal interface IReceiptCorrelator
    {
        /// <summary>The sent message with this correlator, else the one with this uniqueId; null when neither is known.</summary>
        SentMessage? FindSent(string? correlator, string uniqueId);
    }
}
