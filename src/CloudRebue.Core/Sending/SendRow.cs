namespace CloudRebue.Core.Sending
{
    /// <summary>One input row as bound from the pipeline or the command line, before any checking.</summary>
    internal sealed class SendRow
    {
        public string? Phone { get; set; }

        public string? Message { get; set; }

        public string? Sender { get; set; }

        public string? Correlator { get; set; }

        public string? LinkId { get; set; }

        public string? Endpoint { get; set; }

        /// <summary>The checked -SendAt of the run (a whole minute), or null to send at once.</summary>
        public System.DateTimeOffset? SendAt { get; set; }

        public object? InputObject { get; set; }

        /// <summary>1-based position in the input.</summary>
        public long Row { get; set; }

        /// <summary>
        /// Set by whoever bound the row when it cannot be read at all (it has no phone column): the row is
        /// answered Invalid with this ErrorId and <see cref="Problem"/>, and nothing else is checked.
        /// </summary>
        public string? ProblemId { get; set; }

        /// <summary>What is wrong with the row and what to do, for <see cref="ProblemId"/>.</summary>
        public string? Problem { get; set; }
    }
}
