using CloudRebue.Core.Hashing;
using CloudRebue.Core.Sending;

namespace CloudRebue.Core.Journal
{
    /// <summary>The fingerprint of what a message says, so a rerun can tell an unchanged row from an edited one.</summary>
    internal static class MessageHash
    {
        public static string Of(OutgoingMessage message) => Of(message.Sender, message.Message, message.LinkId);

        public static string Of(string sender, string message, string? linkId) =>
            Sha256.Hex(Sha256.Of(sender + "\u001f" + message + "\u001f" + (linkId ?? string.Empty)), 16);
    }
}
