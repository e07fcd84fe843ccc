namespace CloudRebue.Core.Api
{
    /// <summary>The API's answer for one message object of a batch (one entry of the response array).</summary>
    internal sealed class SendItemResult
    {
        public SendItemResult(bool accepted, string? message, string? correlator, string? uniqueId, string? phone, string? @operator, int? smsUnits, string? batchId)
        {
            Accepted = accepted;
            Message = message;
            Correlator = correlator;
            UniqueId = uniqueId;
            Phone = phone;
            Operator = @operator;
            SmsUnits = smsUnits;
            BatchId = batchId;
        }

        /// <summary>The entry's <c>status</c>: the only reliable signal (wording differs between brands).</summary>
        public bool Accepted { get; }

        public string? Message { get; }

        public string? Correlator { get; }

        public string? UniqueId { get; }

        public string? Phone { get; }

        public string? Operator { get; }

        public int? SmsUnits { get; }

        public string? BatchId { get; }

        /// <summary>True when every text field is the very same string instance (nothing was scrubbed).</summary>
        internal bool SameTextAs(SendItemResult other) =>
            ReferenceEquals(Message, other.Message) && ReferenceEquals(Correlator, other.Correlator) && ReferenceEquals(UniqueId, other.UniqueId) &&
            ReferenceEquals(Phone, other.Phone) && ReferenceEquals(Operator, other.Operator) && ReferenceEquals(BatchId, other.BatchId);
    }
}
