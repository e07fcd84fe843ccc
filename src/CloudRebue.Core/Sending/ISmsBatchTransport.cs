using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace CloudRebue.Core.Sending
{
    /// <summary>Sends one batch as one request. The API client implements it; engine tests fake it.</summary>
    public interface ISmsBatchTransport
    {
        Task<SendAttempt> SendBatchAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken);
    }
}
