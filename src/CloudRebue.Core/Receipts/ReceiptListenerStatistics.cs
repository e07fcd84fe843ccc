using System.Threading;

namespace CloudRebue.Core.Receipts
{
    /// <summary>Live counters of what the listener has done; safe to read from any thread.</summary>
    public sealed class ReceiptListenerStatistics
    {
        // The statuses the listener answers; anything else is counted under 500.
        private static readonly int[] Statuses = { 200, 400, 404, 405, 408, 413, 500, 503 };
        private readonly long[] _answers = new long[Statuses.Length];
        private long _requests;
        private long _accepted;
        private long _duplicates;
        private long _faults;

        /// <summary>Requests handed to the listener.</summary>
        public long Requests => Interlocked.Read(ref _requests);

        /// <summary>Receipts acknowledged and queued (each is emitted once).</summary>
        public long Accepted => Interlocked.Read(ref _accepted);

        /// <summary>Receipts acknowledged but not queued again because the same one was accepted before.</summary>
        public long Duplicates => Interlocked.Read(ref _duplicates);

        /// <summary>Requests that failed for a reason other than a refusal: a client gone mid-body or mid-answer, or a bug.</summary>
        public long Faults => Interlocked.Read(ref _faults);

        /// <summary>Requests answered with anything other than 200.</summary>
        public long Rejected
        {
            get
            {
                long sum = 0;
                for (int i = 1; i < _answers.Length; i++)
                {
                    sum += Interlocked.Read(ref _answers[i]);
                }

                return sum;
            }
        }

        /// <summary>Requests answered (or meant to be answered) with this status code.</summary>
        public long Answered(int statusCode) => Interlocked.Read(ref _answers[IndexOf(statusCode)]);

        /// <inheritdoc />
        public override string ToString() =>
            $"{Requests} requests, {Accepted} receipts accepted, {Duplicates} duplicates, {Rejected} rejected, {Faults} faults";

        internal void CountRequest() => Interlocked.Increment(ref _requests);

        internal void CountAnswer(int statusCode) => Interlocked.Increment(ref _answers[IndexOf(statusCode)]);

        internal void CountAccepted(int added, int duplicates)
        {
            Interlocked.Add(ref _accepted, added);
            Interlocked.Add(ref _duplicates, duplicates);
        }

        internal void CountFault() => Interlocked.Increment(ref _faults);

        private static int IndexOf(int statusCode)
        {
            int index = System.Array.IndexOf(Statuses, statusCode);
            return index >= 0 ? index : System.Array.IndexOf(Statuses, 500);
        }
    }
}
