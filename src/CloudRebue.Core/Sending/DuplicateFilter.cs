using System;
using System.Collections.Generic;
using CloudRebue.Core.Hashing;
using System.Runtime.CompilerServices;

namespace CloudRebue.Core.Sending
{
    /// <summary>
    /// Sends the same text to the same number once per run: a number typed three times in one cell, or a
    /// customer on two rows of a list, gets one SMS. "The same" is the normalised phone with the same sender,
    /// text and link id, so a personalised text that differs is not a repeat. Memory: one 8-byte key and the
    /// first row per distinct recipient and text (about 40 bytes; 40 MB for a million rows).
    /// </summary>
    internal sealed class DuplicateFilter
    {
        private readonly Dictionary<ulong, long> _firstRow = new Dictionary<ulong, long>();

        /// <summary>Repeats skipped so far.</summary>
        public long Skipped { get; private set; }

        /// <summary>Null for the first occurrence (now remembered); a Skipped result for a repeat.</summary>
        [MethodImpl(HotPath.Compiled)]
        public SendResult? Check(OutgoingMessage message, DateTimeOffset now)
        {
            ulong key = RecipientKey64.Of(message.Phone, message.Sender, message.LinkId ?? string.Empty, message.Message);
            if (!_firstRow.TryGetValue(key, out long first))
            {
                _firstRow.Add(key, message.Row);
                return null;
            }

            Skipped++;
            SendResult repeat = SendResult.For(message, SendStatus.Skipped, now);
            repeat.ErrorId = SendErrorIds.Duplicate;
            string where = first == message.Row ? "earlier in the same row" : "row " + first;
            repeat.Error = $"Row {message.Row}: the same text already goes to {message.Phone} in this run ({where}), so it was not sent twice. Add -AllowDuplicate to send repeats.";
            return repeat;
        }
    }
}
