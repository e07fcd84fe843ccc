using System;

namespace CloudRebue.Core.Sending
{
    /// <summary>The account of one recipient: every recipient of the input gets exactly one.</summary>
    public sealed class SendResult
    {
        public string? Phone { get; set; }

        public SendStatus Status { get; set; }

        public string? Correlator { get; set; }

        public string? UniqueId { get; set; }

        public int? SmsUnits { get; set; }

        public string? Operator { get; set; }

        public string? BatchId { get; set; }

        public string? Sender { get; set; }

        public string? Message { get; set; }

        public string? LinkId { get; set; }

        /// <summary>The receipt URL with its secret last segment masked (see <see cref="EndpointMask"/>).</summary>
        public string? Endpoint { get; set; }

        /// <summary>When the provider was asked to send it (East Africa Time, a whole minute); null when sent at once.</summary>
        public DateTimeOffset? SendAt { get; set; }

        /// <summary>Why it was not queued, with what to do; null when queued.</summary>
        public string? Error { get; set; }

        /// <summary>
        /// The stable id of the error also written to the error stream (for example <c>CloudRebue.InvalidPhone</c>);
        /// on a Skipped result, the reason (<c>CloudRebue.Duplicate</c>, <c>CloudRebue.Excluded</c>), which is not an error.
        /// </summary>
        public string? ErrorId { get; set; }

        /// <summary>1-based position of the input row.</summary>
        public long Row { get; set; }

        /// <summary>The phone text as given in the input, before normalisation.</summary>
        public string? PhoneInput { get; set; }

        /// <summary>When the outcome was known.</summary>
        public DateTimeOffset CompletedAt { get; set; }

        /// <summary>The pipeline object this recipient came from.</summary>
        public object? InputObject { get; set; }

        /// <inheritdoc />
        public override string ToString() => $"{Phone ?? PhoneInput}: {Status}";

        internal static SendResult For(OutgoingMessage message, SendStatus status, DateTimeOffset at) => new SendResult
        {
            Phone = message.Phone,
            Status = status,
            Correlator = message.Correlator,
            Sender = message.Sender,
            Message = message.Message,
            LinkId = message.LinkId,
            Endpoint = EndpointMask.Apply(message.Endpoint),
            SendAt = message.SendAt,
            Row = message.Row,
            InputObject = message.InputObject,
            CompletedAt = at,
        };
    }
}
