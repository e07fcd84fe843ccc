using System.Threading;

namespace CloudRebue.Core.Receipts
{
    /// <summary>Live counters of what the listener has done; safe to read from any thread.</summary>
    public sealed class ReceiptListenerStatistics
    {
        // The statuses the listener answers; anything else is counted under 500.
        private static readonly int[] Statuses = { 200, 400, 404, 405, 408, 411, 413, 431, 500, 503 };
        private readonly long[] _answers = new long[Statuses.Length];
        private long _requests;
        private long _accepted;
        private long _duplicates;
        private long _faults;
        private long _failures;
        private long _consecutiveFailures;
        private long _connections;
        private long _timedOut;
        private long _evicted;

        /// <summary>Requests handed to the listener.</summary>
        public long Requests => Interlocked.Read(ref _requests);

        /// <summary>Receipts acknowledged and queued (each is emitted once).</summary>
        public long Accepted => Interlocked.Read(ref _accepted);

        /// <summary>Receipts acknowledged but not queued again because the same one was accepted before.</summary>
        public long Duplicates => Interlocked.Read(ref _duplicates);

        /// <summary>Requests whose connection failed: a client gone mid-body or mid-answer, or too slow.</summary>
        public long Faults => Interlocked.Read(ref _faults);

        /// <summary>Requests the listener itself failed to handle (answered 500): a bug or a broken installation.</summary>
        public long Failures => Interlocked.Read(ref _failures);

        /// <summary>Requests failed in a row since the last one handled; 0 once one succeeds again.</summary>
        public long ConsecutiveFailures => Interlocked.Read(ref _consecutiveFailures);

        /// <summary>Connections accepted.</summary>
        public long Connections => Interlocked.Read(ref _connections);

        /// <summary>Connections closed because the client was idle or slow past a timeout.</summary>
        public long TimedOut => Interlocked.Read(ref _timedOut);

        /// <summary>Connections closed to make room under the connection cap.</summary>
        public long Evicted => Interlocked.Read(ref _evicted);

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
            $"{Requests} requests, {Accepted} receipts accepted, {Duplicates} duplicates, {Rejected} rejected, {Faults} faults, {Failures} failures; "
            + $"{Connections} connections, {TimedOut} timed out, {Evicted} closed to make room";

        internal void CountRequest() => Interlocked.Increment(ref _requests);

        internal void CountAnswer(int statusCode) => Interlocked.Increment(ref _answers[IndexOf(statusCode)]);

        internal void CountAccepted(int added, int duplicates)
        {
            Interlocked.Add(ref _accepted, added);
            Interlocked.Add(ref _duplicates, duplicates);
        }

        internal void CountFault() => Interlocked.Increment(ref _faults);

        internal void CountFailure()
        {
            Interlocked.Increment(ref _failures);
            Interlocked.Increment(ref _consecutiveFailures);
        }

        /// <summary>A request the listener handled without failing: the run of failures, if any, is over.</summary>
        internal void CountHandled() => Interlocked.Exchange(ref _consecutiveFailures, 0);

        internal void CountConnection() => Interlocked.Increment(ref _connections);

        internal void CountTimedOut() => Interlocked.Increment(ref _timedOut);

        internal void CountEvicted() => Interlocked.Increment(ref _evicted);

        private static int IndexOf(int statusCode)
        {
            int index = System.Array.IndexOf(Statuses, statusCode);
            return index >= 0 ? index : System.Array.IndexOf(Statuses, 500);
        }
    }
}
