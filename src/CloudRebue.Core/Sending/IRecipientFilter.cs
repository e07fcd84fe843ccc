using System;

namespace CloudRebue.Core.Sending
{
    /// <summary>
    /// A check that may answer a recipient instead of sending it (the journal of an earlier run skips what
    /// it queued). A <see cref="SendRun"/> asks its filters in order, after the row was validated and
    /// before the message is previewed or sent; the first answer wins.
    /// </summary>
    internal interface IRecipientFilter
    {
        /// <summary>Null when the message should go out; otherwise the result to report instead.</summary>
        /// <param name="message">The validated message.</param>
        /// <param name="now">The run's clock, to stamp the result with.</param>
        SendResult? Check(OutgoingMessage message, DateTimeOffset now);
    }
}
