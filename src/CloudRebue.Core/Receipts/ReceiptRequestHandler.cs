using System;
using System.Collections.Generic;
using CloudRebue.Core.Receipts.Http;

namespace CloudRebue.Core.Receipts
{
    /// <summary>
    /// Decides the answer to one request, in two steps so that a refusal never waits for a body:
    /// <see cref="Check"/> looks at the head (404 unless the secret path, 405 unless POST, 411 without
    /// a length, 413 over the body cap), <see cref="Accept"/> at the body (400 unless valid receipts,
    /// 413 for a batch larger than the queue, 503 when the queue has no room, else 200 once queued).
    /// Never throws: an unforeseen failure is answered 500, counted as a failure and reported.
    /// It does not join receipts to the send journal: the consumer does that as it takes each one
    /// (<see cref="ReceiptJoin"/>), so a request never waits for a journal read.
    /// </summary>
    internal sealed class ReceiptRequestHandler
    {
        private readonly ReceiptPath _path;
        private readonly ReceiptQueue _queue;
        private readonly int _maxBodyBytes;
        private readonly TimeProvider _time;
        private readonly ReceiptListenerStatistics _statistics;
        private readonly ListenerNotices _notices;
        private readonly ListenerNotices _failures;

        public ReceiptRequestHandler(
            ReceiptPath path,
            ReceiptQueue queue,
            int maxBodyBytes,
            TimeProvider time,
            ReceiptListenerStatistics statistics,
            ListenerNotices notices,
            ListenerNotices failures)
        {
            _path = path;
            _queue = queue;
            _maxBodyBytes = maxBodyBytes;
            _time = time;
            _statistics = statistics;
            _notices = notices;
            _failures = failures;
        }

        /// <summary>The answer the head alone decides, or null when the body should be read and given to <see cref="Accept"/>.</summary>
        public HttpAnswer? Check(HttpRequestHead head)
        {
            _statistics.CountRequest();

            // The path first, so a stranger learns nothing, not even which methods exist.
            if (!_path.Matches(head.Path))
            {
                return new HttpAnswer(404, "Not found.");
            }

            if (!string.Equals(head.Method, "POST", StringComparison.OrdinalIgnoreCase))
            {
                return new HttpAnswer(405, "Receipts are delivered with POST.");
            }

            if (!head.Chunked && head.ContentLength < 0)
            {
                return new HttpAnswer(411, "Send the body with a Content-Length header (or chunked).");
            }

            if (head.ContentLength > _maxBodyBytes)
            {
                return new HttpAnswer(413, "The body is larger than " + _maxBodyBytes + " bytes.");
            }

            return null;
        }

        /// <summary>Parses and queues the receipts of a body that passed <see cref="Check"/>.</summary>
        public HttpAnswer Accept(ArraySegment<byte> body, string remote)
        {
            try
            {
                IReadOnlyList<DeliveryReceipt> receipts = ReceiptParser.Parse(body, _time.GetUtcNow(), remote);
                OfferOutcome outcome = _queue.Offer(receipts);
                _statistics.CountHandled();
                switch (outcome.Status)
                {
                    case OfferStatus.Accepted:
                        _statistics.CountAccepted(outcome.Added, outcome.Duplicates);
                        return new HttpAnswer(200, null);
                    case OfferStatus.TooMany:
                        // Retrying cannot help (the batch will never fit): a 4xx, so the provider stops.
                        return new HttpAnswer(413, "The body holds " + receipts.Count + " receipts, more than the listener's queue holds (-QueueCapacity " + _queue.Capacity + "). Send smaller batches, or raise -QueueCapacity.");
                    default:
                        return new HttpAnswer(503, "The listener is busy or stopping; retry later.");
                }
            }
            catch (ReceiptRequestException ex)
            {
                _statistics.CountHandled();
                return new HttpAnswer(ex.StatusCode, ex.Message);
            }
            catch (Exception ex)
            {
                // A bug or an unforeseen failure (an assembly that did not load): the request gets
                // 500 (the provider retries) and the user is told, since it probably fails every request.
                RecordFailure(remote, ex);
                return new HttpAnswer(500, "The listener failed to handle the request.");
            }
        }

        /// <summary>Counts an unforeseen failure and queues its description for the user.</summary>
        public void RecordFailure(string remote, Exception ex)
        {
            _statistics.CountFailure();
            _failures.Add("Request from " + remote + " failed: " + ex.GetType().FullName + ": " + ex.Message);
        }

        /// <summary>Counts the answer and notes a refusal, before it is written, so a client that has its answer can rely on both.</summary>
        public void Record(HttpAnswer answer, string remote, bool faulted)
        {
            _statistics.CountAnswer(answer.Status);
            if (faulted)
            {
                _statistics.CountFault();
            }

            if (answer.Status != 200 && answer.Status != 500)
            {
                // The text never holds the request's path: a near miss would show most of the secret.
                _notices.Add("Request from " + remote + " answered " + answer.Status + ": " + answer.Text);
            }
        }
    }
}
