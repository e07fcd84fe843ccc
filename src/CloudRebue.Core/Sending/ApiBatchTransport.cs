using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using CloudRebue.Core.Api;

namespace CloudRebue.Core.Sending
{
    /// <summary>Sends each batch as one <c>POST send-sms</c> through the account's API client.</summary>
    internal sealed class ApiBatchTransport : ISmsBatchTransport
    {
        private readonly CloudRebueClient _client;

        /// <param name="client">The connected account's client; not disposed here.</param>
        public ApiBatchTransport(CloudRebueClient client) => _client = client ?? throw new ArgumentNullException(nameof(client));

        /// <inheritdoc />
        public Task<SendAttempt> SendBatchAsync(IReadOnlyList<OutgoingMessage> messages, Action? requestWritten, CancellationToken cancellationToken) =>
            _client.SendBatchAsync(messages, requestWritten, cancellationToken);
    }
}
