namespace CloudRebue.Core.Receipts
{
    /// <summary>What was sent, as a send journal remembers it: joined onto the receipt that reports on it.</summary>
    internal sealed class SentMessage
    {
        /// <summary>Creates the record of one sent message.</summary>
        public SentMessage(string? sender, string? message, object? inputObject)
        {
            Sender = sender;
            Message = message;
            InputObject = inputObject;
        }

        /// <summary>The sender id the message went out with.</summary>
        public string? Sender { get; }

        /// <summary>The message text.</summary>
        public string? Message { get; }

        /// <summary>The input row the message was sent from.</summary>
        public object? InputObject { get; }
    }
}
