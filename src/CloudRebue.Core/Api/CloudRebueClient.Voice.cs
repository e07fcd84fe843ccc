using System;
using System.Threading;
using System.Threading.Tasks;

namespace CloudRebue.Core.Api
{
    /// <summary>The text-to-speech call, beside the client's send-sms.</summary>
    public sealed partial class CloudRebueClient
    {
        /// <summary>
        /// One <c>POST voice-sms</c> with one call object. Classified exactly like a send-sms batch (so the engine's
        /// retries and Unknown apply); throws only when the caller cancels.
        /// </summary>
        internal Task<SendAttempt> SendVoiceCallAsync(ISmsRequestItem call, VoiceCallSettings settings, Action? requestWritten, CancellationToken cancellationToken) =>
            PostMessagesAsync("voice-sms", VoiceRequestWriter.Write(call ?? throw new ArgumentNullException(nameof(call)), settings ?? throw new ArgumentNullException(nameof(settings)), Brand), 1, requestWritten, cancellationToken);
    }
}
