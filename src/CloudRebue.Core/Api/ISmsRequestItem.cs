namespace CloudRebue.Core.Api
{
    /// <summary>
    /// One message object of a <c>send-sms</c> request, as the API takes it. The API knows nothing of send
    /// runs: the engine's OutgoingMessage implements this, so a batch goes to the client without copying.
    /// </summary>
    internal interface ISmsRequestItem
    {
        /// <summary>The recipient as <c>254XXXXXXXXX</c>.</summary>
        string Phone { get; }

        /// <summary>The text.</summary>
        string Message { get; }

        /// <summary>The sender ID.</summary>
        string Sender { get; }

        /// <summary>Our id for the message, echoed in its result and delivery receipt.</summary>
        string Correlator { get; }

        /// <summary>The link id of an originating message, or null.</summary>
        string? LinkId { get; }

        /// <summary>The URL that receives the delivery receipt, or null.</summary>
        string? Endpoint { get; }

        /// <summary>When the provider is asked to send it (<c>time_to_send</c>), or null to send at once.</summary>
        System.DateTimeOffset? SendAt { get; }
    }
}
