using System;
using CloudRebue.Core.Receipts;

namespace CloudRebue.Core.Journal
{
    /// <summary>One recipient of a send journal and what its receipts said: a line of the delivery report.</summary>
    public sealed class DeliveryReportEntry
    {
        internal DeliveryReportEntry(JournalEntry sent, DeliveryReceipt? receipt)
        {
            Phone = sent.Phone;
            Correlator = sent.Correlator;
            UniqueId = sent.UniqueId ?? receipt?.UniqueId;
            SendState = sent.State;
            Delivery = receipt == null ? DeliveryProgress.NoReceipt
                : receipt.State == DeliveryState.Delivered ? DeliveryProgress.Delivered
                : receipt.State == DeliveryState.Failed ? DeliveryProgress.Failed
                : DeliveryProgress.Pending;
            DeliveryStatus = receipt?.DeliveryStatus;
            DeliveryTime = receipt?.DeliveryTime;
            Sender = sent.Sender;
            Message = sent.Message;
            InputObject = sent.Input;
        }

        public string Phone { get; }

        public string Correlator { get; }

        public string? UniqueId { get; }

        /// <summary>What the send recorded: Queued (accepted), or Unknown (may or may not have been accepted).</summary>
        public JournalState SendState { get; }

        public DeliveryProgress Delivery { get; }

        /// <summary>The provider's status text of the receipt that decided <see cref="Delivery"/>, verbatim.</summary>
        public string? DeliveryStatus { get; }

        public DateTimeOffset? DeliveryTime { get; }

        public string? Sender { get; }

        public string? Message { get; }

        /// <summary>The input row (the cmdlet turns the journal's text row back into an object).</summary>
        public object? InputObject { get; set; }

        /// <summary>True when the message reached the handset.</summary>
        public bool Delivered => Delivery == DeliveryProgress.Delivered;

        /// <inheritdoc />
        public override string ToString() => $"{Phone}: {Delivery}";
    }
}
