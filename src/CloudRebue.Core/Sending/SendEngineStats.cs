using System;

namespace CloudRebue.Core.Sending
{
    /// <summary>A snapshot of a run, for progress and the final summary.</summary>
    internal sealed class SendEngineStats
    {
        internal SendEngineStats(long messagesAdded, long batchesStarted, long requests, long retries, long completed, long queued, TimeSpan elapsed)
        {
            MessagesAdded = messagesAdded;
            BatchesStarted = batchesStarted;
            Requests = requests;
            Retries = retries;
            Completed = completed;
            Queued = queued;
            Elapsed = elapsed;
        }

        public long MessagesAdded { get; }

        public long BatchesStarted { get; }

        /// <summary>HTTP requests started, retries included.</summary>
        public long Requests { get; }

        public long Retries { get; }

        /// <summary>Recipients whose outcome is known.</summary>
        public long Completed { get; }

        public long Queued { get; }

        public TimeSpan Elapsed { get; }

        public double MessagesPerSecond => Elapsed.TotalSeconds > 0 ? Completed / Elapsed.TotalSeconds : 0;
    }
}
