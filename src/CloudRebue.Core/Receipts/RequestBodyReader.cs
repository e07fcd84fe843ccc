using System;
using System.Buffers;
using System.IO;
using System.Net;
using System.Threading;
using System.Threading.Tasks;

namespace CloudRebue.Core.Receipts
{
    /// <summary>
    /// Reads a request body into a pooled buffer without ever holding more than the cap: a declared
    /// Content-Length over the cap is refused before a byte is read; a chunked body is read up to
    /// cap + 1 bytes and then refused. A client that stalls is cut off after the body timeout.
    /// </summary>
    internal sealed class RequestBodyReader
    {
        private readonly int _maxBytes;
        private readonly TimeSpan _timeout;

        public RequestBodyReader(int maxBytes, TimeSpan timeout)
        {
            _maxBytes = maxBytes;
            _timeout = timeout;
        }

        /// <summary>
        /// The body, in a buffer rented from <see cref="ArrayPool{T}.Shared"/> that the caller returns.
        /// Throws <see cref="ReceiptRequestException"/> with 413, 408 or 400.
        /// </summary>
        public async Task<ArraySegment<byte>> ReadAsync(HttpListenerContext context, CancellationToken stopping)
        {
            HttpListenerRequest request = context.Request;
            long declared = request.ContentLength64;
            if (declared > _maxBytes)
            {
                throw TooLarge();
            }

            // Unknown length (chunked): room for one byte more than allowed, to tell "exactly the cap" from "over it".
            int limit = declared >= 0 ? (int)declared : _maxBytes + 1;
            byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Max(limit, 1));
            int total = 0;
            bool handedOver = false;
            try
            {
                using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(stopping))
                {
                    deadline.CancelAfter(_timeout);

                    // The listener's streams do not all honour a token, so a stalled read is ended by
                    // closing the connection under it.
                    using (deadline.Token.Register(() => Abort(context)))
                    {
                        try
                        {
                            Stream input = request.InputStream;
                            while (total < limit)
                            {
                                int read = await input.ReadAsync(buffer, total, limit - total, deadline.Token).ConfigureAwait(false);
                                if (read == 0)
                                {
                                    break;
                                }

                                total += read;
                            }
                        }
                        catch (Exception ex) when (deadline.IsCancellationRequested && !stopping.IsCancellationRequested)
                        {
                            throw ReceiptRequestException.OfConnection(408, "The body did not arrive within " + _timeout.TotalSeconds + " s.", ex);
                        }
                        catch (Exception ex) when (ex is IOException || ex is HttpListenerException || ex is ProtocolViolationException || ex is ObjectDisposedException || ex is OperationCanceledException)
                        {
                            throw ReceiptRequestException.OfConnection(400, "The connection failed while the body was read.", ex);
                        }
                    }
                }

                if (declared < 0 && total > _maxBytes)
                {
                    throw TooLarge();
                }

                if (declared >= 0 && total < declared)
                {
                    throw ReceiptRequestException.OfConnection(400, "The body ended before its Content-Length: the client went away mid-body.", new EndOfStreamException());
                }

                handedOver = true;
                return new ArraySegment<byte>(buffer, 0, total);
            }
            finally
            {
                if (!handedOver)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }

        private ReceiptRequestException TooLarge() =>
            new ReceiptRequestException(413, "The body is larger than " + _maxBytes + " bytes.");

        private static void Abort(HttpListenerContext context)
        {
            try
            {
                context.Response.Abort();
            }
            catch (Exception)
            {
                // Already closed: the read it was meant to end has ended.
            }
        }
    }
}
