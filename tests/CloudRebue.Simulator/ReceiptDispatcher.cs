using System.Buffers;
using System.Text.Json;
using System.Threading.Channels;

namespace CloudRebue.Simulator;

/// <summary>
/// POSTs a delivery receipt for each accepted recipient whose message has an endpoint, after the
/// configured delay, retrying a few times with a doubling backoff when the endpoint fails.
/// A queue and a fixed number of senders keep 100,000 receipts from becoming 100,000 tasks.
/// </summary>
internal sealed class ReceiptDispatcher : IHostedService, IDisposable
{
    public const string Delivered = "DeliveredToTerminal";
    public const string Impossible = "DeliveryImpossible";

    private readonly Channel<ReceiptJob> _queue = Channel.CreateUnbounded<ReceiptJob>();
    private readonly CancellationTokenSource _stopping = new();
    private readonly ReceiptTransport _transport;
    private readonly TimeProvider _time;
    private readonly ConfigStore _config;
    private readonly SimulatorStats _stats;
    private readonly SimulatorRandom _random;
    private readonly SimulatorOptions _options;
    private Task[] _senders = [];
    private int _generation;

    public ReceiptDispatcher(ReceiptTransport transport, TimeProvider time, ConfigStore config, SimulatorStats stats, SimulatorRandom random, SimulatorOptions options)
    {
        _transport = transport;
        _time = time;
        _config = config;
        _stats = stats;
        _random = random;
        _options = options;
    }

    /// <summary>Receipts waiting or being sent.</summary>
    public int Pending => _queue.Reader.Count;

    /// <param name="message">The accepted recipient.</param>
    /// <param name="endpoint">Where its receipt goes.</param>
    /// <param name="scheduledFor">A scheduled message is delivered, and receipted, no earlier than its time_to_send.</param>
    public void Enqueue(AcceptedMessage message, Uri endpoint, DateTimeOffset? scheduledFor = null)
    {
        if (!_options.AllowRemoteReceipts && !endpoint.IsLoopback)
        {
            _stats.ReceiptSkipped();
            return;
        }

        TimeSpan wait = TimeSpan.FromMilliseconds(_config.Current.ReceiptDelayMs);
        if (scheduledFor is DateTimeOffset at && at > _time.GetUtcNow()) wait += at - _time.GetUtcNow();
        long due = _time.GetTimestamp() + (long)(wait.TotalSeconds * _time.TimestampFrequency);
        _queue.Writer.TryWrite(new ReceiptJob(message, endpoint, due, Volatile.Read(ref _generation)));
    }

    /// <summary>Forgets queued receipts (POST /_sim/reset), so one test's receipts never reach the next.</summary>
    public void DropPending()
    {
        Interlocked.Increment(ref _generation);
        while (_queue.Reader.TryRead(out _))
        {
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _senders = Enumerable.Range(0, Math.Max(1, _options.ReceiptSenders))
            .Select(_ => Task.Run(() => SendLoopAsync(_stopping.Token), CancellationToken.None))
            .ToArray();
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_senders).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Shutting down: receipts still queued are dropped, as documented.
        }
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _transport.Dispose();
    }

    private async Task SendLoopAsync(CancellationToken stopping)
    {
        try
        {
            await foreach (var job in _queue.Reader.ReadAllAsync(stopping).ConfigureAwait(false))
            {
                var wait = _time.GetElapsedTime(_time.GetTimestamp(), job.DueTimestamp);
                if (wait > TimeSpan.Zero && IsCurrent(job)) await Task.Delay(wait, _time, stopping).ConfigureAwait(false);

                // Checked after the wait too: a reset during the delay drops the receipt.
                if (!IsCurrent(job)) continue;
                try
                {
                    await SendAsync(job, stopping).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A sender must outlive one bad receipt, or the queue would silently stop draining.
                    _stats.ReceiptFailed();
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private async Task SendAsync(ReceiptJob job, CancellationToken stopping)
    {
        string status = _random.NextDouble() < _config.Current.ReceiptFailureRate ? Impossible : Delivered;
        byte[] body = Body(job.Message, status, EastAfricaTime.Now(_time));
        for (int attempt = 0; ; attempt++)
        {
            bool delivered = await _transport.PostAsync(job.Endpoint, body, stopping).ConfigureAwait(false);
            if (!IsCurrent(job)) return;
            if (delivered)
            {
                _stats.ReceiptSent();
                return;
            }

            if (attempt >= _options.ReceiptRetries)
            {
                _stats.ReceiptFailed();
                return;
            }

            var backoff = TimeSpan.FromMilliseconds(_options.ReceiptRetryBaseDelayMs * (1 << attempt));
            await Task.Delay(backoff, _time, stopping).ConfigureAwait(false);
        }
    }

    private bool IsCurrent(ReceiptJob job) => job.Generation == Volatile.Read(ref _generation);

    /// <summary>The documented receipt: phone, correlator as given, uniqueId, deliveryStatus, deliveryTime.</summary>
    internal static byte[] Body(AcceptedMessage message, string status, string deliveryTime)
    {
        var buffer = new ArrayBufferWriter<byte>(192);
        using (var json = new Utf8JsonWriter(buffer, ApiResponses.WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("phone", message.Phone);
            json.WritePropertyName("correlator");
            if (message.CorrelatorJson is null) json.WriteNullValue();
            else json.WriteRawValue(message.CorrelatorJson, skipInputValidation: true);
            json.WriteString("uniqueId", message.UniqueId);
            json.WriteString("deliveryStatus", status);
            json.WriteString("deliveryTime", deliveryTime);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private readonly record struct ReceiptJob(AcceptedMessage Message, Uri Endpoint, long DueTimestamp, int Generation);
}
