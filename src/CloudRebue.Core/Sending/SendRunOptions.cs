using System;
using System.Collections.Generic;

namespace CloudRebue.Core.Sending
{
    /// <summary>What a <see cref="SendRun"/> does with the rows it is given, beyond batching and pacing.</summary>
    internal sealed class SendRunOptions
    {
        /// <summary>How the engine batches, paces and retries.</summary>
        public SendEngineOptions Engine { get; set; } = new SendEngineOptions();

        /// <summary>-WhatIf: each recipient is answered WouldSend and counted in <see cref="SendRun.Plan"/>; nothing is sent.</summary>
        public bool Preview { get; set; }

        /// <summary>Asked once, at the first message that would cost money; false declines the whole run.</summary>
        public Func<bool>? Confirm { get; set; }

        /// <summary>Where each batch is recorded before it goes out and each result when it is known.</summary>
        public ISendJournal? Journal { get; set; }

        /// <summary>Checks that may answer a recipient instead of sending it, asked in order.</summary>
        public IList<IRecipientFilter> Filters { get; } = new List<IRecipientFilter>();

        /// <summary>The longest sleep between checks while input is held back (tests shorten or lengthen it).</summary>
        internal TimeSpan HoldBackWait { get; set; } = TimeSpan.FromMilliseconds(100);

        /// <summary>The longest sleep between checks while <see cref="SendRun.Finish"/> waits for answers.</summary>
        internal TimeSpan FinishWait { get; set; } = TimeSpan.FromMilliseconds(250);
    }
}
