using System;

namespace CloudRebue.Core.Receipts
{
    /// <summary>One delivery receipt the provider posted: what happened to one message for one recipient.</summary>
    public sealed class DeliveryReceipt
    {
        /// <summary>The status the provider uses for a message that reached the handset.</summary>
        public const string DeliveredStatus = "DeliveredToTerminal";

        internal DeliveryReceipt(
            string phone,
            string? correlator,
            string uniqueId,
            string deliveryStatus,
            DateTimeOffset? deliveryTime,
            DateTimeOffset receivedAt,
            string? remoteAddress)
        {
            Phone = phone;
            Correlator = correlator;
            UniqueId = uniqueId;
            DeliveryStatus = deliveryStatus;
            DeliveryTime = deliveryTime;
            ReceivedAt = receivedAt;
            RemoteAddress = remoteAddress;
        }

        /// <summary>The recipient, as the provider reports it (254XXXXXXXXX).</summary>
        public string Phone { get; }

        /// <summary>The sender's own id for the message, always as text (the provider sends a number or a string).</summary>
        public string? Correlator { get; }

        /// <summary>The provider's id for the message.</summary>
        public string UniqueId { get; }

        /// <summary>The provider's status text, kept verbatim; the list of values is not documented.</summary>
        public string DeliveryStatus { get; }

        /// <summary>True only for DeliveredToTerminal; any other status is a failure or still pending.</summary>
        public bool Delivered => string.Equals(DeliveryStatus, DeliveredStatus, StringComparison.OrdinalIgnoreCase);

        /// <summary>Delivered, Failed (a known failure) or Pending (a known pending status, or one not known: see DeliveryStatus).</summary>
        public DeliveryState State => DeliveryStates.Classify(DeliveryStatus);

        /// <summary>When the provider says the status was reached, read as East Africa Time (UTC+03:00); null when not given.</summary>
        public DateTimeOffset? DeliveryTime { get; }

        /// <summary>When this listener received the receipt (UTC).</summary>
        public DateTimeOffset ReceivedAt { get; }

        /// <summary>The address of the peer that posted it (a reverse proxy, when there is one in front).</summary>
        public string? RemoteAddress { get; }

        /// <summary>The sender id of the message this receipt reports on, when a send journal knows it; else null.</summary>
        public string? Sender { get; private set; }

        /// <summary>The text of the message this receipt reports on, when a send journal knows it; else null.</summary>
        public string? Message { get; private set; }

        /// <summary>The input row the message was sent from, when a send journal knows it; else null.</summary>
        public object? InputObject { get; private set; }

        /// <inheritdoc />
        public override string ToString() => $"{DeliveryStatus} {Phone} ({UniqueId})";

        /// <summary>A copy carrying another input row (the cmdlet turns the journal's text row back into an object).</summary>
        public DeliveryReceipt WithInputObject(object? inputObject)
        {
            var copy = (DeliveryReceipt)MemberwiseClone();
            copy.InputObject = inputObject;
            return copy;
        }

        /// <summary>
        /// Joins this receipt, in place, to the message it reports on. Only <see cref="ReceiptJoin"/> calls it, on
        /// the consumer's thread, before anyone else sees the receipt; nothing is changed when nothing is known.
        /// </summary>
        internal void Join(SentMessage? sent)
        {
            if (sent == null)
            {
                return;
            }

            Sender = sent.Sender;
            Message = sent.Message;
            InputObject = sent.InputObject;
        }
    }
}
