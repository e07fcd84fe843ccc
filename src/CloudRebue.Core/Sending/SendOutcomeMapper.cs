using System;
using System.Collections.Generic;
using CloudRebue.Core.Api;
using System.Runtime.CompilerServices;

namespace CloudRebue.Core.Sending
{
    /// <summary>Turns one request's outcome into one result per recipient of its batch.</summary>
    internal static class SendOutcomeMapper
    {
        private const string UnknownAdvice = " Check the delivery receipts or the CloudRebue portal before sending these again; Send-RebueSms does not resend them by itself.";

        [MethodImpl(HotPath.Compiled)]
        public static IReadOnlyList<SendResult> Map(IReadOnlyList<OutgoingMessage> batch, SendAttempt attempt, DateTimeOffset at)
        {
            var results = new List<SendResult>(batch.Count);
            for (int i = 0; i < batch.Count; i++)
            {
                OutgoingMessage message = batch[i];
                if (attempt.Items != null)
                {
                    SendItemResult item = attempt.Items[i];
                    SendResult result = SendResult.For(message, item.Accepted ? SendStatus.Queued : SendStatus.Failed, at);
                    result.UniqueId = item.UniqueId;
                    result.SmsUnits = item.SmsUnits;
                    result.Operator = item.Operator;
                    result.BatchId = item.BatchId;
                    if (!item.Accepted)
                    {
                        result.ErrorId = SendErrorIds.MessageRejected;
                        result.Error = $"The API did not queue the message to {message.Phone}: {(string.IsNullOrEmpty(item.Message) ? "no reason given" : item.Message)}";
                    }

                    results.Add(result);
                }
                else if (attempt.IsAmbiguous)
                {
                    results.Add(Failed(message, SendStatus.Unknown, SendErrorIds.OutcomeUnknown, attempt.Detail + UnknownAdvice, at));
                }
                else
                {
                    string id = attempt.Failure == ApiFailureKind.TokenRejected ? SendErrorIds.TokenRejected : SendErrorIds.SendFailed;
                    string advice = attempt.IsSafeToRetry ? " The API did not act on it, so it is safe to send again." : string.Empty;
                    results.Add(Failed(message, SendStatus.Failed, id, attempt.Detail + advice, at));
                }
            }

            return results;
        }

        public static IReadOnlyList<SendResult> NotSent(IReadOnlyList<OutgoingMessage> batch, string reason, DateTimeOffset at)
        {
            var results = new List<SendResult>(batch.Count);
            foreach (OutgoingMessage message in batch)
            {
                results.Add(Failed(message, SendStatus.Failed, SendErrorIds.NotSent, "Not sent: " + reason, at));
            }

            return results;
        }

        public static IReadOnlyList<SendResult> Unexpected(IReadOnlyList<OutgoingMessage> batch, Exception error, DateTimeOffset at)
        {
            var results = new List<SendResult>(batch.Count);
            foreach (OutgoingMessage message in batch)
            {
                results.Add(Failed(message, SendStatus.Unknown, SendErrorIds.OutcomeUnknown, $"Sending failed unexpectedly ({error.GetType().Name}: {error.Message})." + UnknownAdvice, at));
            }

            return results;
        }

        private static SendResult Failed(OutgoingMessage message, SendStatus status, string errorId, string error, DateTimeOffset at)
        {
            SendResult result = SendResult.For(message, status, at);
            result.ErrorId = errorId;
            result.Error = error;
            return result;
        }
    }
}
