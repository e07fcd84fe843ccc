using System;

namespace CloudRebue.Core.Receipts
{
    /// <summary>
    /// Joins each receipt to the message it reports on, on the consumer's thread as the receipt is taken:
    /// after the queue has dropped duplicates, so each kept receipt is joined once, and never on a request
    /// thread, so a journal that has to be read again never holds up an answer to the provider.
    /// A correlator that throws (a journal that cannot be read, an assembly that did not load) does not
    /// stop the listener: the receipt goes on without its message, the join stops, and
    /// <see cref="Problem"/> says why. Meant for one consumer thread: the listener's taker, or
    /// <see cref="ReceiptBody"/> for bodies that came another way (ConvertFrom-RebueReceipt).
    /// </summary>
    internal sealed class ReceiptJoin
    {
        private readonly IReceiptCorrelator _correlator;
        private string? _failure;

        public ReceiptJoin(IReceiptCorrelator correlator)
        {
            _correlator = correlator ?? throw new ArgumentNullException(nameof(correlator));
        }

        /// <summary>Why receipts are no longer joined (the correlator threw, or its journal could not be read); null while they are.</summary>
        public string? Problem => _failure ?? _correlator.Problem;

        /// <summary>Sets the receipt's Sender, Message and InputObject when the correlator knows its message.</summary>
        public void Join(DeliveryReceipt receipt)
        {
            if (_failure != null)
            {
                return;
            }

            SentMessage? sent;
            try
            {
                sent = _correlator.FindSent(receipt.Correlator, receipt.UniqueId);
            }
            catch (Exception ex)
            {
                // Probably fails for every receipt: say it once and stop asking, like a journal that cannot be read.
                _failure = ex.GetType().FullName + ": " + ex.Message;
                return;
            }

            receipt.Join(sent);
        }
    }
}
