using System;
using System.Collections.Generic;
using CloudRebue.Core.Hashing;
using System.Runtime.CompilerServices;

namespace CloudRebue.Core.Sending
{
    /// <summary>
    /// Makes a correlator for a recipient whose input has none. It is derived from what is sent (phone,
    /// sender, message, link id) and how many times that same message to that same phone occurred
    /// before in this run, so sending the same input again gives the same correlators (a rerun can be
    /// recognised) while two identical rows still get two different ones. Memory: one 8-byte key per
    /// distinct recipient and text, about 30 MB for a million rows; documented in about_CloudRebue.
    /// </summary>
    internal sealed class CorrelatorGenerator
    {
        private readonly Dictionary<ulong, int> _occurrences = new Dictionary<ulong, int>();
        private readonly object _gate = new object();

        [MethodImpl(HotPath.Compiled)]
        public string Next(string phone, string sender, string message, string? linkId)
        {
            ulong contentKey = Hash(phone, sender, message, linkId ?? string.Empty, null);
            int occurrence;
            lock (_gate)
            {
                _occurrences.TryGetValue(contentKey, out occurrence);
                _occurrences[contentKey] = occurrence + 1;
            }

            ulong key = occurrence == 0 ? contentKey : Hash(phone, sender, message, linkId ?? string.Empty, occurrence);
            return "cr" + key.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
        }

        [MethodImpl(HotPath.Compiled)]
        private static ulong Hash(string phone, string sender, string message, string linkId, int? occurrence)
        {
            // SHA-256 is in every framework we target; 64 bits of it make collisions across a run negligible.
            string text = phone + "\u001f" + sender + "\u001f" + linkId + "\u001f" + message + (occurrence == null ? string.Empty : "\u001f#" + occurrence.Value);
            return BitConverter.ToUInt64(Sha256.Of(text), 0);
        }
    }
}
