using System;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace CloudRebue.Core.Receipts
{
    /// <summary>
    /// Receives delivery receipts over HTTP (System.Net.HttpListener: http.sys on Windows, the
    /// managed listener elsewhere) and hands them to one consumer through a bounded queue. Many
    /// accept loops run at once so one slow client holds up only its own request. No request stops
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

        private readonly ReceiptQueue _queue;
        private readonly ReceiptRequestHandler _handler;
        private readonly ListenerNotices _notices = new ListenerNotices(NoticeCapacity);
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private readonly int _concurrency;
        private HttpListener? _http;
        private Task[] _loops = new Task[0];
        private int _started;
        private int _stopped;

        /// <summary>A listener with no send journal, on the system clock.</summary>
        public ReceiptListener(ReceiptListenerOptions options)
            : this(options, NullReceiptCorrelator.Instance, TimeProvider.System)
        {
        }

        /// <summary>A listener that joins receipts to sent messages through <paramref name="correlator"/>, on the system clock.</summary>
        /// <remarks>The cmdlets use this one: TimeProvider is a dependency type on netstandard (Microsoft.Bcl.TimeProvider), and no dependency type crosses into the cmdlet assembly.</remarks>
        public ReceiptListener(ReceiptListenerOptions options, IReceiptCorrelator correlator)
            : this(options, correlator, TimeProvider.System)
        {
        }

        /// <summary>A listener that joins receipts to sent messages through <paramref name="correlator"/> and stamps them with <paramref name="timeProvider"/>.</summary>
        /// <exception cref="ArgumentException">The prefix, path or a limit is not valid; the message never repeats the path.</exception>
        public ReceiptListener(ReceiptListenerOptions options, IReceiptCorrelator correlator, TimeProvider timeProvider)
        {
            if (options == null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            Prefix = ListenerPrefix.Parse(options.Prefix);
            Path = ReceiptPath.Parse(options.Path);
            if (!Path.Value.StartsWith(Prefix.Path, StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    "The path must lie under the prefix's path, and the prefix must not contain the path's last segment (the secret): use a prefix such as http://+:8080/ .",
                    nameof(options));
            }

            RequirePositive(options.MaxBodyBytes, nameof(options.MaxBodyBytes));
            RequirePositive(options.QueueCapacity, nameof(options.QueueCapacity));
            RequirePositive(options.DuplicateWindow, nameof(options.DuplicateWindow));
            RequirePositive(options.Concurrency, nameof(options.Concurrency));
            if (options.MaxReceipts.HasValue)
            {
                RequirePositive(options.MaxReceipts.Value, nameof(options.MaxReceipts));
            }

            if (options.BodyTimeout <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(options), options.BodyTimeout, "BodyTimeout must be positive.");
            }

            _concurrency = options.Concurrency;
            _queue = new ReceiptQueue(options.QueueCapacity, options.DuplicateWindow, options.MaxReceipts);
            _handler = new ReceiptRequestHandler(
                Path,
                _queue,
                new RequestBodyReader(options.MaxBodyBytes, options.BodyTimeout),
                correlator ?? throw new ArgumentNullException(nameof(correlator)),
                timeProvider ?? throw new ArgumentNullException(nameof(timeProvider)),
                Statistics,
                _notices);
        }

        /// <summary>The prefix HttpListener registers (holds no secret).</summary>
        public ListenerPrefix Prefix { get; }

        /// <summary>The receipt path; print only its <see cref="ReceiptPath.Masked"/> form.</summary>
        public ReceiptPath Path { get; }

        /// <summary>The URL the provider posts to, with the secret masked: safe to print.</summary>
        public string DisplayUrl => "http://" + Prefix.Host + ":" + Prefix.Port + Path.Masked;

        /// <summary>What the listener has done so far.</summary>
        public ReceiptListenerStatistics Statistics { get; } = new ReceiptListenerStatistics();

        /// <summary>Receipts acknowledged and waiting to be taken.</summary>
        public int Pending => _queue.Count;

        /// <summary>True once no more receipts are accepted: the -Count budget is spent, or the listener is stopping.</summary>
        public bool IsIntakeClosed => _queue.IsClosed;

        /// <summary>Binds the prefix and starts answering. Returns once the port is listening.</summary>
        /// <exception cref="ReceiptListenerBindException">The port is in use, or the account may not listen on the prefix.</exception>
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

            var http = new HttpListener();
            try
            {
                // A client gone before its answer is written is not the listener's failure.
                http.IgnoreWriteExceptions = true;
                http.Prefixes.Add(Prefix.Value);
                http.Start();
            }
            catch (Exception ex) when (ex is HttpListenerException || ex is SocketException)
            {
                http.Close();
                throw ReceiptListenerBindException.For(Prefix, ReceiptListenerBindException.ErrorCodeOf(ex), ex);
            }

            _http = http;
            var loops = new Task[_concurrency];
            for (int i = 0; i < loops.Length; i++)
            {
                loops[i] = Task.Run(() => AcceptLoopAsync(http));
            }

            _loops = loops;
        }

        /// <summary>
        /// Takes the next receipt, waiting up to <paramref name="wait"/>. Meant for one consumer thread.
        /// </summary>
        /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
        public bool TryTake([NotNullWhen(true)] out DeliveryReceipt? receipt, TimeSpan wait, CancellationToken cancellationToken) =>
            _queue.TryTake(out receipt, wait, cancellationToken);

        /// <summary>The next note about a refused or failed request (never holding the secret), for a verbose stream.</summary>
        public bool TryTakeNotice([NotNullWhen(true)] out string? notice) => _notices.TryTake(out notice);

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
            try
            {
                // Ends body reads in flight (their registrations abort the connections).
                _stopping.Cancel();
            }
            catch (AggregateException)
            {
                // A registration failed to abort a connection that was closing anyway.
            }

            HttpListener? http = _http;
            if (http != null)
            {
                try
                {
                    http.Stop();
                }
                catch (Exception ex) when (ex is HttpListenerException || ex is ObjectDisposedException)
                {
                    // Already stopping: Close below still releases the port.
                }

                http.Close();

                // The loops end as soon as their pending accept fails; a request still being answered
                // fails fast on its closed connection. Bounded, so Stop never hangs.
                try
                {
                    Task.WaitAll(_loops, TimeSpan.FromSeconds(1));
                }
                catch (AggregateException)
                {
                    // Loops do not throw; this only guards against a future change.
                }
            }
        }

        /// <inheritdoc />
        public void Dispose() => Stop();

        private async Task AcceptLoopAsync(HttpListener http)
        {
            while (!_stopping.IsCancellationRequested)
            {
                HttpListenerContext context;
                try
                {
                    context = await http.GetContextAsync().ConfigureAwait(false);
                }
                catch (Exception) when (_stopping.IsCancellationRequested || !http.IsListening)
                {
                    return;
                }
                catch (Exception ex) when (ex is HttpListenerException || ex is InvalidOperationException || ex is ObjectDisposedException)
                {
                    // A failed accept of one connection: note it, pause briefly so a persistent fault
                    // cannot spin this loop, and go on.
                    Statistics.CountFault();
                    _notices.Add("Accepting a connection failed: " + ex.Message);
                    await Task.Delay(10).ConfigureAwait(false);
                    continue;
                }

                await _handler.HandleAsync(context, _stopping.Token).ConfigureAwait(false);
            }
        }

        private static void RequirePositive(long value, string name)
        {
            if (value < 1)
            {
                throw new ArgumentOutOfRangeException(name, value, name + " must be at least 1.");
            }
        }
    }
}
