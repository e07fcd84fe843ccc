namespace CloudRebue.Core.Receipts
{
    /// <summary>The correlator used when there is no send journal: knows no message, so Sender, Message and InputObject stay null.</summary>
    internal sealed class NullReceiptCorrelator : IReceiptCorrelator
    {
        /// <summary>The one instance; it holds no state.</summary>
        public static readonly NullReceiptCorrelator Instance = new NullReceiptCorrelator();

        private NullReceiptCorrelator()
        {
        }

        /// <inheritdoc />
        public SentMessage? FindSent(string? correlator, string uniqueId) => null;
    }
}
