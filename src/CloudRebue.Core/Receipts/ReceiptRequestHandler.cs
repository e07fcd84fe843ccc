using System;
using System.Buffers;
using System.Collections.Generic;
using System.Net;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace CloudRebue.Core.Receipts
{
    /// <summary>
    /// Answers one request: 404 unless the path is the secret path, 405 unless POST, 413 over the
    /// body cap, 400 unless the body holds valid receipts, 503 when the queue has no room, else 200
    /// once the receipts are queued. Never throws: every failure is answered, counted and noted,
    /// and the response is closed in every case.
    /// </summary>
    internal sealed class ReceiptRequestHandler
    {
        private static readonly byte[] NoBody = new byte[0];

        private readonly ReceiptPath _path;
        private readonly ReceiptQueue _queue;
        private readonly RequestBodyReader _bodyReader;
        private readonly IReceiptCorrelator _correlator;
        private readonly TimeProvider _time;
        private readonly ReceiptListenerStatistics _statistics;
        private readonly ListenerNotices _notices;

        public ReceiptRequestHandler(
            ReceiptPath path,
            ReceiptQueue queue,
            RequestBodyReader bodyReader,
            IReceiptCorrelator correlator,
            TimeProvider time,
            ReceiptListenerStatistics statistics,
            ListenerNotices notices)
        {
            _path = path;
            _queue = queue;
            _bodyReader = bodyReader;
            _correlator = correlator;
            _time = time;
            _statistics = statistics;
            _notices = notices;
        }

        public async Task HandleAsync(HttpListenerContext context, CancellationToken stopping)
        {
            _statistics.CountRequest();
            int status = 500;
            string? text = "The listener failed to handle the request.";
            string remote = "an unknown peer";
            bool bodyRead = false;
            bool faulted = false;
            try
            {
                HttpListenerRequest request = context.Request;
                remote = RemoteAddressOf(request) ?? remote;
                bodyRead = !request.HasEntityBody;

                // The path first, so a stranger learns nothing, not even which methods exist.
                if (!_path.Matches(request.Url?.AbsolutePath))
                {
                    status = 404;
                    text = "Not found.";
                }
                else if (!string.Equals(request.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase))
                {
                    status = 405;
                    text = "Receipts are delivered with POST.";
                }
                else
                {
                    ArraySegment<byte> body = await _bodyReader.ReadAsync(context, stopping).ConfigureAwait(false);
                    bodyRead = true;
                    try
                    {
                        status = Accept(body, RemoteAddressOf(request));
                        text = status == 200 ? null : "The listener is busy or stopping; retry later.";
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(body.Array!);
                    }
                }
            }
            catch (ReceiptRequestException ex)
            {
                status = ex.StatusCode;
                text = ex.Message;
                faulted = ex.ConnectionFailed;
            }
            catch (Exception ex)
            {
                // A bug or an unforeseen failure: the request gets 500 (the provider retries), the
                // listener goes on.
                faulted = true;
                _notices.Add("Request from " + remote + " failed: " + ex.GetType().Name + ": " + ex.Message);
            }
            finally
            {
                // Counted and noted before answering, so a client that has its answer can rely on both.
                _statistics.CountAnswer(status);
                if (status != 200 && status != 500)
                {
                    // The text never holds the request's path: a near miss would show most of the secret.
                    _notices.Add("Request from " + remote + " answered " + status + ": " + text);
                }

                // Whatever happened above, the response is closed, so no connection is left behind.
                bool answered = Respond(context, status, text, closeConnection: !bodyRead);
                if (faulted || !answered)
                {
                    _statistics.CountFault();
                }
            }
        }

        private int Accept(ArraySegment<byte> body, string? remoteAddress)
        {
            IReadOnlyList<DeliveryReceipt> parsed = ReceiptParser.Parse(body, _time.GetUtcNow(), remoteAddress);
            var receipts = new DeliveryReceipt[parsed.Count];
            for (int i = 0; i < receipts.Length; i++)
            {
                DeliveryReceipt receipt = parsed[i];
                receipts[i] = receipt.WithSentMessage(_correlator.FindSent(receipt.Correlator, receipt.UniqueId));
            }

            OfferOutcome outcome = _queue.Offer(receipts);
            if (outcome.Status != OfferStatus.Accepted)
            {
                return 503;
            }

            _statistics.CountAccepted(outcome.Added, outcome.Duplicates);
            return 200;
        }

        // Writes the answer and closes the response whatever happens. When the body was not read to
        // its end the connection is closed too: otherwise the listener would drain the rest of it
        // (without limit) to reuse the connection.
        private static bool Respond(HttpListenerContext context, int status, string? text, bool closeConnection)
        {
            HttpListenerResponse response = context.Response;
            try
            {
                response.StatusCode = status;
                if (closeConnection)
                {
                    response.KeepAlive = false;
                }

                if (status == 405)
                {
                    response.AddHeader("Allow", "POST");
                }
                else if (status == 503)
                {
                    response.AddHeader("Retry-After", "1");
                }

                byte[] bytes = text == null ? NoBody : Encoding.UTF8.GetBytes(text + "\n");
                response.ContentType = "text/plain; charset=utf-8";
                response.ContentLength64 = bytes.Length;
                response.OutputStream.Write(bytes, 0, bytes.Length);
                response.Close();
                return true;
            }
            catch (Exception)
            {
                // The client went away (or the listener is stopping): release the connection anyway.
                try
                {
                    response.Abort();
                }
                catch (Exception)
                {
                    // Nothing is left to release.
                }

                return false;
            }
        }

        private static string? RemoteAddressOf(HttpListenerRequest request)
        {
            IPAddress? address = request.RemoteEndPoint?.Address;
            if (address == null)
            {
                return null;
            }

            return (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
        }
    }
}
