using System;
using CloudRebue.Core.Api;

namespace CloudRebue.Core.Sending
{
    /// <summary>One message to one recipient, normalised and ready to go into a batch.</summary>
    internal sealed class OutgoingMessage : ISmsRequestItem
    {
        public OutgoingMessage(string phone, string message, string sender, string correlator, string? linkId, string? endpoint, object? inputObject, long row)
        {
            Phone = phone;
            Message = message;
            Sender = sender;
            Correlator = correlator;
            LinkId = linkId;
            Endpoint = endpoint;
            InputObject = inputObject;
            Row = row;
        }

        /// <summary>The recipient as <c>254XXXXXXXXX</c>.</summary>
        public string Phone { get; }

        public string Message { get; }

        public string Sender { get; }

        public string Correlator { get; }

        public string? LinkId { get; }

        public string? Endpoint { get; }

        /// <summary>When the provider is asked to send it (time_to_send, a whole minute); null to send at once.</summary>
        public DateTimeOffset? SendAt { get; init; }

        /// <summary>The pipeline object this message came from, handed back on the result.</summary>
        public object? InputObject { get; }

        /// <summary>1-based position of the input row, to name it in errors.</summary>
        public long Row { get; }

        /// <summary>Units this message costs, computed once when needed.</summary>
        public int Units => _units ??= Messages.SmsUnitCalculator.Units(Message);

        private int? _units;
    }
}
