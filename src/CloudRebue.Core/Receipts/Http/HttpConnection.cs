using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace CloudRebue.Core.Receipts.Http
{
    /// <summary>What a connection is waiting for; every step that waits on the client has a deadline.</summary>
    internal enum ConnectionPhase
    {
        Idle,
        Head,
        Body,
        Handling,
        Write,
        Closing,
    }

    /// <summary>
    /// One client connection, served on its own: requests are read one after another (pipelined
    /// ones too, answered in order), each step has a deadline that <see cref="ConnectionTracker"/>
    /// enforces by closing the socket, and nothing a client sends can make it hold more than one head
    /// buffer and one body of at most the cap. A slow client therefore holds up only itself.
    /// </summary>
    internal sealed class HttpConnection
    {
        private const int MaxLingerBytes = 64 * 1024;

        private readonly Socket _socket;
        private readonly ConnectionLimits _limits;
        private readonly ReceiptRequestHandler _handler;
        private readonly ReceiptListenerStatistics _statistics;
        private readonly ConnectionTracker _tracker;
        private readonly string _remote;
        private byte[] _buffer;
        private int _start;
        private int _end;
        private long _deadline = long.MaxValue;
        private long _phaseSince = Stopwatch.GetTimestamp();
        private int _phase;
        private int _ended;
        private volatile bool _closeAfterAnswer;

        public HttpConnection(Socket socket, ConnectionLimits limits, ReceiptRequestHandler handler, ReceiptListenerStatistics statistics, ConnectionTracker tracker)
        {
            _socket = socket;
            _limits = limits;
            _handler = handler;
            _statistics = statistics;
            _tracker = tracker;
            _remote = RemoteAddressOf(socket);
            _buffer = ArrayPool<byte>.Shared.Rent(limits.MaxHeaderBytes);
        }

        /// <summary>The tracker's place for this connection (guarded by the tracker's lock).</summary>
        internal LinkedListNode<HttpConnection>? Node { get; set; }

        public ConnectionPhase Phase => (ConnectionPhase)Volatile.Read(ref _phase);

        public bool IsPastDeadline(long now) => now > Volatile.Read(ref _deadline);

        /// <summary>True while the connection waits for a request and none of it has arrived, not even unread.</summary>
        public bool IsIdle => Phase == ConnectionPhase.Idle && !HasUnreadBytes;

        /// <summary>True when the connection entered its phase before <paramref name="timestamp"/> (a Stopwatch timestamp).</summary>
        public bool EnteredPhaseBefore(long timestamp) => Volatile.Read(ref _phaseSince) < timestamp;

        /// <summary>True when bytes the client sent wait in the socket (or it is closed or reset).</summary>
        public bool HasUnreadBytes
        {
            get
            {
                try
                {
                    return _socket.Available > 0;
                }
                catch (Exception ex) when (IsConnectionFailure(ex))
                {
                    return false; // closed or reset: nothing will come, the best one to let go
                }
            }
        }

        /// <summary>Serves requests until the client closes, a request asks to close, a step times out, or the listener stops.</summary>
        public async Task RunAsync()
        {
            try
            {
                bool more = true;
                while (more)
                {
                    Enter(ConnectionPhase.Idle, _limits.IdleTimeout);
                    HttpRequestHead? head;
                    try
                    {
                        head = await ReadHeadAsync().ConfigureAwait(false);
                    }
                    catch (ReceiptRequestException ex)
                    {
                        await RespondAsync(new HttpAnswer(ex.StatusCode, ex.Message), close: true, faulted: false).ConfigureAwait(false);
                        return;
                    }

                    if (head == null)
                    {
                        return;
                    }

                    _tracker.Touch(this);
                    more = await ServeAsync(head).ConfigureAwait(false) && !_closeAfterAnswer;

                    // A pipelining client always has its next request buffered, so without this its
                    // loop would never give the thread back: every other connection would wait.
                    await Task.Yield();
                }
            }
            catch (Exception ex) when (IsConnectionFailure(ex))
            {
                // The client went away, or the connection was closed for a timeout, for room or for Stop.
                if (Volatile.Read(ref _ended) == 0 && Phase == ConnectionPhase.Body)
                {
                    _handler.Record(new HttpAnswer(400, "The connection failed while the body was read."), _remote, faulted: true);
                }
            }
            catch (Exception ex)
            {
                // A bug in this class: the connection ends, the listener goes on, the user is told.
                _handler.RecordFailure(_remote, ex);
            }
            finally
            {
                Volatile.Write(ref _deadline, long.MaxValue);
                _socket.Dispose();
                _tracker.Remove(this);
                byte[] buffer = Interlocked.Exchange(ref _buffer, Array.Empty<byte>());
                if (buffer.Length > 0)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }

        /// <summary>
        /// Ends the connection from outside: past its deadline (answered 408 when a request was under
        /// way) or to make room under the cap. Safe from any thread, once.
        /// </summary>
        public void End(bool forRoom)
        {
            if (Interlocked.Exchange(ref _ended, 1) != 0)
            {
                return;
            }

            ConnectionPhase phase = Phase;
            if (forRoom)
            {
                _statistics.CountEvicted();
            }
            else
            {
                _statistics.CountTimedOut();
            }

            if (forRoom || (phase != ConnectionPhase.Head && phase != ConnectionPhase.Body))
            {
                Close();
                return;
            }

            var answer = new HttpAnswer(
                408,
                phase == ConnectionPhase.Body
                    ? "The body did not arrive within " + _limits.BodyTimeout.TotalSeconds + " s."
                    : "The request head did not arrive within " + _limits.HeaderTimeout.TotalSeconds + " s.");
            _handler.Record(answer, _remote, faulted: phase == ConnectionPhase.Body);
            _ = SendThenCloseAsync(HttpResponseBytes.For(answer, close: true));
        }

        /// <summary>
        /// Closes the connection from outside: a FIN to the client, and a pending read or write fails
        /// or returns, which ends <see cref="RunAsync"/>. The socket is disposed once nothing waits on
        /// it (disposing under a pending read would reset the connection on Linux and could destroy an
        /// answer still in flight), and for sure a moment later.
        /// </summary>
        public void Close()
        {
            Volatile.Write(ref _deadline, long.MaxValue);
            try
            {
                _socket.Shutdown(SocketShutdown.Both);
            }
            catch (Exception ex) when (IsConnectionFailure(ex))
            {
                // Already closed or reset: nothing to tell the client.
            }

            _ = DisposeLaterAsync();
        }

        /// <summary>The listener is stopping: end the connection once the answer under way is written.</summary>
        public void CloseAfterAnswer() => _closeAfterAnswer = true;

        /// <summary>Closes a connection that was never served (nothing reads it, so it is disposed at once).</summary>
        public void Refuse(bool counted)
        {
            Interlocked.Exchange(ref _ended, 1);
            if (counted)
            {
                _statistics.CountEvicted();
            }

            try
            {
                _socket.Shutdown(SocketShutdown.Both);
            }
            catch (Exception ex) when (IsConnectionFailure(ex))
            {
                // Reset already.
            }

            _socket.Dispose();
            byte[] buffer = Interlocked.Exchange(ref _buffer, Array.Empty<byte>());
            ArrayPool<byte>.Shared.Return(buffer);
        }

        private async Task DisposeLaterAsync()
        {
            await Task.Delay(ConnectionLimits.LingerTime).ConfigureAwait(false);
            _socket.Dispose();
        }

        private async Task<bool> ServeAsync(HttpRequestHead head)
        {
            Enter(ConnectionPhase.Handling, null);
            HttpAnswer? refusal = _handler.Check(head);
            if (refusal != null)
            {
                // A body left unread is never drained to keep the connection: close instead.
                bool close = head.HasBody || !head.KeepAlive;
                await RespondAsync(refusal.Value, close, faulted: false).ConfigureAwait(false);
                return !close;
            }

            if (head.ExpectContinue)
            {
                Enter(ConnectionPhase.Write, _limits.BodyTimeout);
                await SendAsync(HttpResponseBytes.Continue).ConfigureAwait(false);
            }

            Enter(ConnectionPhase.Body, _limits.BodyTimeout);
            HttpAnswer answer;
            using (PooledBody body = head.Chunked ? PooledBody.Growing(_limits.MaxBodyBytes) : new PooledBody((int)head.ContentLength, _limits.MaxBodyBytes))
            {
                try
                {
                    await ReadBodyAsync(head, body).ConfigureAwait(false);
                }
                catch (ReceiptRequestException ex)
                {
                    await RespondAsync(new HttpAnswer(ex.StatusCode, ex.Message), close: true, faulted: ex.ConnectionFailed).ConfigureAwait(false);
                    return false;
                }

                Enter(ConnectionPhase.Handling, null);
                answer = _handler.Accept(body.Content, _remote);
            }

            await RespondAsync(answer, close: !head.KeepAlive, faulted: false).ConfigureAwait(false);
            return head.KeepAlive;
        }

        // Null when the client closed (or went away) before sending a request.
        private async Task<HttpRequestHead?> ReadHeadAsync()
        {
            int scanned = 0;
            while (true)
            {
                // Blank lines before a request are allowed (some clients send one after a body).
                int skipped = 0;
                while (_start < _end && (_buffer[_start] == '\r' || _buffer[_start] == '\n'))
                {
                    _start++;
                    skipped++;
                }

                if (skipped > 0)
                {
                    scanned = 0;
                }

                if (_start < _end)
                {
                    if (Phase == ConnectionPhase.Idle)
                    {
                        Enter(ConnectionPhase.Head, _limits.HeaderTimeout);
                    }

                    int length = HttpHeadParser.FindEnd(_buffer, _start, _end - _start, ref scanned);
                    if (length >= 0)
                    {
                        HttpRequestHead head = HttpHeadParser.Parse(_buffer, _start, length);
                        _start += length;
                        return head;
                    }

                    if (_end - _start >= _buffer.Length)
                    {
                        throw new ReceiptRequestException(431, "The request head is larger than " + _buffer.Length + " bytes.");
                    }
                }

                if (await ReceiveAsync().ConfigureAwait(false) == 0)
                {
                    return null;
                }
            }
        }

        private async Task ReadBodyAsync(HttpRequestHead head, PooledBody body)
        {
            if (head.Chunked)
            {
                var decoder = new ChunkedBodyDecoder(body);
                while (true)
                {
                    _start += decoder.Decode(_buffer, _start, _end - _start);
                    if (decoder.IsDone)
                    {
                        return;
                    }

                    if (await ReceiveAsync().ConfigureAwait(false) == 0)
                    {
                        throw WentAway();
                    }
                }
            }

            // Content-Length: what already arrived with the head first, then straight into the body.
            int wanted = (int)head.ContentLength;
            int buffered = Math.Min(wanted, _end - _start);
            body.Append(_buffer, _start, buffered);
            _start += buffered;
            while (body.Length < wanted)
            {
                int read = await _socket.ReceiveAsync(body.Free(wanted - body.Length), SocketFlags.None).ConfigureAwait(false);
                if (read == 0)
                {
                    throw WentAway();
                }

                body.Advance(read);
            }
        }

        private async Task RespondAsync(HttpAnswer answer, bool close, bool faulted)
        {
            if (Volatile.Read(ref _ended) != 0)
            {
                return; // ended from outside (timeout, room, stop): already counted, nobody to answer
            }

            _handler.Record(answer, _remote, faulted);
            Enter(ConnectionPhase.Write, _limits.BodyTimeout);
            await SendAsync(HttpResponseBytes.For(answer, close)).ConfigureAwait(false);
            if (close)
            {
                await LingerAsync().ConfigureAwait(false);
            }
        }

        // Half-closes, then reads and drops what the client still sends (briefly, boundedly), so its
        // unread bytes do not turn our close into a reset that could destroy the answer in flight.
        private async Task LingerAsync()
        {
            Enter(ConnectionPhase.Closing, ConnectionLimits.LingerTime);
            try
            {
                _socket.Shutdown(SocketShutdown.Send);
                int drained = 0;
                while (drained < MaxLingerBytes)
                {
                    int read = await _socket.ReceiveAsync(new ArraySegment<byte>(_buffer), SocketFlags.None).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    drained += read;
                }
            }
            catch (Exception ex) when (IsConnectionFailure(ex))
            {
                // Closed under us (linger time over) or by the client: either way, done.
            }
        }

        private async Task<int> ReceiveAsync()
        {
            if (_start == _end)
            {
                _start = _end = 0;
            }
            else if (_end == _buffer.Length)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            int read = await _socket.ReceiveAsync(new ArraySegment<byte>(_buffer, _end, _buffer.Length - _end), SocketFlags.None).ConfigureAwait(false);
            _end += read;
            return read;
        }

        private async Task SendAsync(byte[] bytes)
        {
            int sent = 0;
            while (sent < bytes.Length)
            {
                sent += await _socket.SendAsync(new ArraySegment<byte>(bytes, sent, bytes.Length - sent), SocketFlags.None).ConfigureAwait(false);
            }
        }

        private async Task SendThenCloseAsync(byte[] bytes)
        {
            try
            {
                Task send = SendAsync(bytes);
                await Task.WhenAny(send, Task.Delay(ConnectionLimits.LingerTime)).ConfigureAwait(false);
                _ = send.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
            }
            catch (Exception ex) when (IsConnectionFailure(ex))
            {
                // The client is gone already.
            }
            finally
            {
                Close();
            }
        }

        private void Enter(ConnectionPhase phase, TimeSpan? timeout)
        {
            Volatile.Write(ref _deadline, timeout.HasValue ? ConnectionLimits.DeadlineAfter(timeout.Value) : long.MaxValue);
            Volatile.Write(ref _phaseSince, Stopwatch.GetTimestamp());
            Volatile.Write(ref _phase, (int)phase);
        }

        private static ReceiptRequestException WentAway() =>
            ReceiptRequestException.OfConnection(400, "The body ended before it was complete: the client went away mid-body.", new EndOfStreamException());

        private static bool IsConnectionFailure(Exception ex) =>
            ex is SocketException || ex is ObjectDisposedException || ex is IOException;

        private static string RemoteAddressOf(Socket socket)
        {
            try
            {
                if (socket.RemoteEndPoint is IPEndPoint endPoint)
                {
                    IPAddress address = endPoint.Address;
                    return (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
                }
            }
            catch (SocketException)
            {
                // Reset before we asked: the address is unknown.
            }

            return "an unknown peer";
        }
    }
}
