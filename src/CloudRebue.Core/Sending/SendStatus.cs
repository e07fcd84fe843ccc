namespace CloudRebue.Core.Sending
{
    /// <summary>What became of one recipient.</summary>
    public enum SendStatus
    {
        /// <summary>The API accepted the message (its entry had status true).</summary>
        Queued,

        /// <summary>The API did not queue it: its entry had status false, or the request was refused or never got through. Safe to send again.</summary>
        Failed,

        /// <summary>The input was not sendable (bad phone, empty message or sender). Nothing was sent.</summary>
        Invalid,

        /// <summary>The request may or may not have been acted on (timeout, broken connection, 5xx, unreadable answer). Not resent automatically.</summary>
        Unknown,

        /// <summary>
        /// Not sent on purpose: the send journal shows an earlier run queued it (ErrorId empty), the same text
        /// already went to this number in this run (CloudRebue.Duplicate), or -ExcludePhone lists it
        /// (CloudRebue.Excluded).
        /// </summary>
        Skipped,

        /// <summary>-WhatIf: this recipient would be sent, with the units shown; nothing was sent.</summary>
        WouldSend,

        /// <summary>
        /// Never attempted: a guard of this run stopped before it (-MaxUnits reached, the account's balance would
        /// be exceeded). Nothing was sent, so a rerun with the same journal sends it.
        /// </summary>
        NotSent,
    }
}
