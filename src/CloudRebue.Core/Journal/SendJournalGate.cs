using System;
using CloudRebue.Core.Sending;

namespace CloudRebue.Core.Journal
{
    /// <summary>
    /// Decides, from an earlier run's journal, whether a recipient goes out again: Queued is skipped,
    /// Failed is resent, Unknown and Pending (a crash mid-request) are resent only when the user says so,
    /// and a correlator the journal knows for a different phone or text is refused.
    /// </summary>
    internal sealed class SendJournalGate : IRecipientFilter
    {
        private readonly JournalIndex _index;
        private readonly bool _resendUnknown;

        public SendJournalGate(JournalIndex index, bool resendUnknown)
        {
            _index = index ?? throw new ArgumentNullException(nameof(index));
            _resendUnknown = resendUnknown;
        }

        /// <inheritdoc />
        public SendResult? Check(OutgoingMessage message, DateTimeOffset now)
        {
            if (!_index.TryGet(message.Correlator, out JournalEntry earlier))
            {
                return null;
            }

            if (earlier.Phone != message.Phone || earlier.MessageHash != MessageHash.Of(message))
            {
                SendResult mismatch = SendResult.For(message, SendStatus.Invalid, now);
                mismatch.ErrorId = SendErrorIds.JournalMismatch;
                mismatch.Error = $"Row {message.Row}: the journal already has correlator '{message.Correlator}' for {(earlier.Phone != message.Phone ? "another phone (" + earlier.Phone + ")" : "a different text or sender")}. Give this row its own correlator, or use a new -JournalPath for a new campaign.";
                return mismatch;
            }

            switch (earlier.State)
            {
                case JournalState.Queued:
                    SendResult skipped = SendResult.For(message, SendStatus.Skipped, now);
                    skipped.UniqueId = earlier.UniqueId;
                    return skipped;
                case JournalState.Failed:
                    return null;
                default:
                    if (_resendUnknown)
                    {
                        return null;
                    }

                    SendResult unknown = SendResult.For(message, SendStatus.Unknown, now);
                    unknown.ErrorId = SendErrorIds.OutcomeUnknown;
                    unknown.Error = $"An earlier run left this message {(earlier.State == JournalState.Pending ? "in flight when it stopped" : "with an unknown outcome")} ({earlier.At:u}); it was not sent again. Check the delivery receipts or the CloudRebue portal, then add -ResendUnknown to send it.";
                    return unknown;
            }
        }
    }
}
