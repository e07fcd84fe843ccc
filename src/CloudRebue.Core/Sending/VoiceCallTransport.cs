using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using CloudRebue.Core.Api;

namespace CloudRebue.Core.Sending
{
    /// <summary>
    /// Sends a send run's "batches" as voice calls, so Send-RebueVoiceSms gets the run's pacing (voice shares the
    /// 120 requests/s limit), safe retries, Unknown and journal unchanged. The run must use batches of one
    /// (<see cref="BatchSize"/>): one call object per request, the safe choice where the docs are silent.
    /// </summary>
    internal sealed class VoiceCallTransport : ISmsBatchTransport
    {
        /// <summary>Calls per request.</summary>
        public const int BatchSize = 1;

        private readonly CloudRebueClient _client;
        private readonly VoiceCallSettings _settings;

        public VoiceCallTransport(CloudRebueClient client, VoiceCallSettings settings)
        {
            _client = client ?? throw new ArgumentNullException(nameof(client));
            _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        }

        /// <inheritdoc />
        public Task<SendAttempt> SendBatchAsync(IReadOnlyList<OutgoingMessage> messages, Action? requestWritten, CancellationToken cancellationToken)
        {
            if (messages is null || messages.Count != BatchSize)
            {
                throw new ArgumentException($"A voice call request carries exactly {BatchSize} call; run the send with BatchSize {BatchSize}.", nameof(messages));
            }

            return _client.SendVoiceCallAsync(messages[0], _settings, requestWritten, cancellationToken);
        }
    }
}
