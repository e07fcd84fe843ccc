using System;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using CloudRebue.Core.Receipts.Http;

namespace CloudRebue.Core.Receipts
{
    /// <summary>
    /// Receives delivery receipts over HTTP/1.1 and hands them to one consumer through a bounded
    /// queue. It is its own small server on a socket (not HttpListener, whose managed version has no
    /// connection timeouts and let idle or slow clients exhaust the process): every connection is
    /// served on its own with a deadline for each step, the open connections are capped, and nothing
    /// a client sends makes it hold more than one head buffer and one capped body. No request stops
    /// the listener; only <see cref="Stop"/> does, and it releases the port at once.
    /// </summary>
    /// <example>
    /// using var listener = new ReceiptListener(new ReceiptListenerOptions { Prefix = "http://+:8080/", Path = "/receipts/" + secret });
    /// listener.Start();
    /// while (listener.TryTake(out var receipt, TimeSpan.FromMilliseconds(200), token)) { ... }
    /// </example>
    public sealed class ReceiptListener : IDisposable
    {
        private const int NoticeCapacity = 1000;
        private const int FailureCapacity = 100;

        private readonly ReceiptQueue _queue;
        private readonly ReceiptRequestHandler _handler;
        private readonly ConnectionLimits _limits;
        private readonly int _maxConnections;
        private readonly ListenerNotices _notices = new ListenerNotices(NoticeCapacity);
        private readonly ListenerNotices _failures = new ListenerNotices(FailureCapacity);
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private ConnectionTracker? _tracker;
        private Socket? _socket;
        private Task[] _acceptLoops = new Task[0];
        private int _started;
        private int _stopped;

        /// <summary>A listener with no send journal, on the system clock.</summary>
        public ReceiptListener(ReceiptListenerOptions options)
            : this(options, NullReceiptCorrelator.Instance, TimeProvider.System)
        {
        }

        /// <summary>A listener that joins receipts to sent messages through <paramref name="correlator"/>, on the system clock.</summary>
        /// <remarks>The cmdlets use this one: TimeProvider is a dependency type on netstandard (Microsoft.Bcl.TimeProvider), and no dependency type crosses into the cmdlet assembly.</remarks>
        internal ReceiptListener(ReceiptListenerOptions options, IReceiptCorrelator correlator)
            : this(options, correlator, TimeProvider.System)
        {
        }

        /// <summary>A listener that joins receipts to sent messages through <paramref name="correlator"/> and stamps them with <paramref name="timeProvider"/>.</summary>
        /// <exception cref="ArgumentException">The prefix, path or a limit is not valid; the message never repeats the path.</exception>
        /// <exception cref="ListenerAddressException">The prefix's host is not an address or host name.</exception>
        internal ReceiptListener(ReceiptListenerOptions options, IReceiptCorrelator correlator, TimeProvider timeProvider)
        {
            if (options == null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            Prefix = ListenerPrefix.Parse(options.Prefix, allowAnyPort: true);
            Path = ReceiptPath.Parse(options.Path);
            if (!Path.Value.StartsWith(Prefix.Path, StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    "The path must lie under the prefix's path, and the prefix must not contain the path's last segment (the secret): use a prefix such as http://+:8080/ .",
                    nameof(options));
            }

            ListenerEndpoint.Validate(Prefix.Host);
            RequirePositive(options.MaxBodyBytes, nameof(options.MaxBodyBytes));
            RequirePositive(options.QueueCapacity, nameof(options.QueueCapacity));
            RequirePositive(options.DuplicateWindow, nameof(options.DuplicateWindow));
            RequirePositive(options.MaxConnections, nameof(options.MaxConnections));
            if (options.MaxReceipts.HasValue)
            {
                RequirePositive(options.MaxReceipts.Value, nameof(options.MaxReceipts));
            }

            RequirePositive(options.IdleTimeout, nameof(options.IdleTimeout));
            RequirePositive(options.HeaderTimeout, nameof(options.HeaderTimeout));
            RequirePositive(options.BodyTimeout, nameof(options.BodyTimeout));

            _maxConnections = options.MaxConnections;
            _limits = new ConnectionLimits
            {
                MaxBodyBytes = options.MaxBodyBytes,
                IdleTimeout = options.IdleTimeout,
                HeaderTimeout = options.HeaderTimeout,
                BodyTimeout = options.BodyTimeout,
                EvictionGrace = options.EvictionGrace,
            };
            _queue = new ReceiptQueue(options.QueueCapacity, options.DuplicateWindow, options.MaxReceipts);
            _handler = new ReceiptRequestHandler(
                Path,
                _queue,
                options.MaxBodyBytes,
                correlator ?? throw new ArgumentNullException(nameof(correlator)),
                timeProvider ?? throw new ArgumentNullException(nameof(timeProvider)),
                Statistics,
                _notices,
                _failures);
        }

        /// <summary>Where the listener listens (holds no secret); after <see cref="Start"/>, with the port actually bound.</summary>
        public ListenerPrefix Prefix { get; private set; }

        /// <summary>The TCP port listened on: the bound one once started (when port 0 was asked for, the one the system chose).</summary>
        public int Port => Prefix.Port;

        /// <summary>The receipt path; print only its <see cref="ReceiptPath.Masked"/> form.</summary>
        public ReceiptPath Path { get; }

        /// <summary>The URL the provider posts to, with the secret masked: safe to print.</summary>
        public string DisplayUrl => "http://" + Prefix.Host + ":" + Prefix.Port + Path.Masked;

        /// <summary>What the listener has done so far.</summary>
        public ReceiptListenerStatistics Statistics { get; } = new ReceiptListenerStatistics();

        /// <summary>Receipts acknowledged and waiting to be taken.</summary>
        public int Pending => _queue.Count;

        /// <summary>Connections open right now.</summary>
        public int OpenConnections => _tracker?.Count ?? 0;

        /// <summary>True once no more receipts are accepted: the -Count budget is spent, or the listener is stopping.</summary>
        public bool IsIntakeClosed => _queue.IsClosed;

        /// <summary>Binds the address and port and starts answering. Returns once the port is listening.</summary>
        /// <exception cref="ReceiptListenerBindException">The port is in use, or the account may not listen on it.</exception>
        /// <exception cref="ListenerAddressException">The host is unknown to DNS or not an address of this computer.</exception>
        public void Start()
        {
            if (Interlocked.CompareExchange(ref _started, 1, 0) != 0)
            {
                throw new InvalidOperationException("The listener was started already; create a new one to listen again.");
            }

            if (Volatile.Read(ref _stopped) != 0)
            {
                throw new ObjectDisposedException(nameof(ReceiptListener));
            }

            Socket socket = ListenerEndpoint.Bind(Prefix);
            Prefix = Prefix.WithPort(((IPEndPoint)socket.LocalEndPoint!).Port);
            _socket = socket;
            _tracker = new ConnectionTracker(_maxConnections, _limits.EvictionGrace, _limits.SweepInterval);
            ConnectionTracker tracker = _tracker;

            // One accept loop per processor: under a flood of connections the accept queue drains on
            // every core, so a real client waits behind fewer strangers in it.
            var loops = new Task[Math.Max(2, Environment.ProcessorCount)];
            for (int i = 0; i < loops.Length; i++)
            {
                loops[i] = Task.Run(() => AcceptLoopAsync(socket, tracker));
            }

            _acceptLoops = loops;
        }

        /// <summary>
        /// Takes the next receipt, waiting up to <paramref name="wait"/>. Meant for one consumer thread.
        /// </summary>
        /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
        public bool TryTake([NotNullWhen(true)] out DeliveryReceipt? receipt, TimeSpan wait, CancellationToken cancellationToken) =>
            _queue.TryTake(out receipt, wait, cancellationToken);

        /// <summary>The next note about a refused request (never holding the secret, control characters escaped), for a verbose stream.</summary>
        public bool TryTakeNotice([NotNullWhen(true)] out string? notice) => _notices.TryTake(out notice);

        /// <summary>
        /// The next description of a request the listener itself failed to handle (answered 500): a
        /// bug or a broken installation, to be shown as an error. See <see cref="ReceiptListenerStatistics.ConsecutiveFailures"/>.
        /// </summary>
        public bool TryTakeFailure([NotNullWhen(true)] out string? failure) => _failures.TryTake(out failure);

        /// <summary>
        /// Answers every later receipt with 503 while the listener keeps the port, so what is already
        /// queued can be taken and nothing more is acknowledged: the orderly end for -Timeout.
        /// </summary>
        public void CloseIntake() => _queue.Close();

        /// <summary>Stops answering and releases the port at once. Safe to call more than once and from any thread.</summary>
        public void Stop()
        {
            if (Interlocked.Exchange(ref _stopped, 1) != 0)
            {
                return;
            }

            _queue.Close();
            _stopping.Cancel();
            _socket?.Dispose();
            if (_tracker != null)
            {
                // Answers being written (a 200 for receipts already queued) get a moment to finish.
                _tracker.CloseAll(TimeSpan.FromMilliseconds(500));
                _tracker.Dispose();
            }

            // The loops end as soon as their pending accepts fail. Bounded, so Stop never hangs.
            Task.WaitAll(_acceptLoops, TimeSpan.FromSeconds(1));
        }

        /// <inheritdoc />
        public void Dispose() => Stop();

        private async Task AcceptLoopAsync(Socket socket, ConnectionTracker tracker)
        {
            while (!_stopping.IsCancellationRequested)
            {
                Socket client;
                try
                {
                    client = await socket.AcceptAsync().ConfigureAwait(false);
                }
                catch (Exception) when (_stopping.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex) when (ex is SocketException || ex is ObjectDisposedException || ex is InvalidOperationException)
                {
                    // A failed accept (out of file handles, a reset in the backlog): note it, pause
                    // briefly so a persistent fault cannot spin this loop, and go on.
                    Statistics.CountFault();
                    _notices.Add("Accepting a connection failed: " + ex.Message);
                    await Task.Delay(50).ConfigureAwait(false);
                    continue;
                }

                Statistics.CountConnection();
                client.NoDelay = true;
                var connection = new HttpConnection(client, _limits, _handler, Statistics, tracker);
                if (tracker.Add(connection))
                {
                    // A client whose request is already here is served on this thread at once (up to
                    // its first wait), ahead of the work queued for a flood of silent connections.
                    _ = connection.HasUnreadBytes ? connection.RunAsync() : Task.Run(connection.RunAsync);
                }
            }
        }

        private static void RequirePositive(long value, string name)
        {
            if (value < 1)
            {
                throw new ArgumentOutOfRangeException(name, value, name + " must be at least 1.");
            }
        }

        private static void RequirePositive(TimeSpan value, string name)
        {
            if (value <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(name, value, name + " must be positive.");
            }
        }
    }
}
