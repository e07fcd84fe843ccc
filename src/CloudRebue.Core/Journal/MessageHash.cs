using System.Security.Cryptography;
using System.Text;
using CloudRebue.Core.Sending;

namespace CloudRebue.Core.Journal
{
    /// <summary>The fingerprint of what a message says, so a rerun can tell an unchanged row from an edited one.</summary>
    public static class MessageHash
    {
        public static string Of(OutgoingMessage message) => Of(message.Sender, message.Message, message.LinkId);

        public static string Of(string sender, string message, string? linkId)
        {
            using var sha = SHA256.Create();
            byte[] digest = sha.ComputeHash(Encoding.UTF8.GetBytes(sender + "\u001f" + message + "\u001f" + (linkId ?? string.Empty)));
            var hex = new StringBuilder(32);
            for (int i = 0; i < 16; i++)
            {
                hex.Append(digest[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }

            return hex.ToString();
        }
    }
}
