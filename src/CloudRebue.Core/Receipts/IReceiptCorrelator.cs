namespace CloudRebue.Core.Receipts
{
    /// <summary>
    /// Finds the message a receipt reports on. The send journal implements it; until then the
    /// listener uses <see cref="NullReceiptCorrelator"/>. Called through <see cref="ReceiptJoin"/> on
    /// the one thread that takes receipts, once for each receipt kept after duplicates are dropped.
    /// </summary>
    internal interface IReceiptCorrelator
    {
        /// <summary>Why messages can no longer be found (a journal that could not be read); null while they can.</summary>
        string? Problem { get; }

        /// <summary>The sent message with this correlator, else the one with this uniqueId; null when neither is known.</summary>
        SentMessage? FindSent(string? correlator, string uniqueId);
    }
}
