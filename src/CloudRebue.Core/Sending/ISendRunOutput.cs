namespace CloudRebue.Core.Sending
{
    /// <summary>
    /// Where a <see cref="SendRun"/> hands what it has to say. Every call comes on the thread that called
    /// <see cref="SendRun.Add(SendRow)"/> or <see cref="SendRun.Finish"/> (the pipeline thread), never from a
    /// batch's thread, so an implementation may write to the PowerShell pipeline directly.
    /// </summary>
    internal interface ISendRunOutput
    {
        /// <summary>One recipient's result; every recipient of the input gets exactly one.</summary>
        void Write(SendResult result);

        /// <summary>A line about something the run did (a retry, its totals), for -Verbose.</summary>
        void Notice(string text);

        /// <summary>The run is waiting for answers: a moment to show progress.</summary>
        void Waiting();
    }
}
