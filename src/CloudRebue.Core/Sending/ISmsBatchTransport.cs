using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using CloudRebue.Core.Api;

namespace CloudRebue.Core.Sending
{
    /// <summary>Sends one batch as one request. <see cref="ApiBatchTransport"/> sends it through the API client; engine tests fake it.</summary>
    internal interface ISmsBatchTransport
    {
        /// <param name="messages">The batch.</param>
        /// <param name="requestWritten">Called when the request has been written to the connection, for pacing; a transport that cannot tell may skip it.</param>
        /// <param name="cancellationToken">Cancels the request.</param>
        Task<SendAttempt> SendBatchAsync(IReadOnlyList<OutgoingMessage> messages, Action? requestWritten, CancellationToken cancellationToken);
    }
}
