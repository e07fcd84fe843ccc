using System.Globalization;
using System.Text.Json;

namespace CloudRebue.Simulator;

/// <summary>
/// POST /api/v1/send-sms. The order of the checks follows Laravel's middleware: authentication,
/// then the throttle, then the controller. Faults are drawn for requests that got past both.
/// </summary>
internal sealed class SendSmsEndpoint
{
    public const int MaxMessagesPerRequest = 100;

    private readonly ConfigStore _config;
    private readonly BearerAuth _auth;
    private readonly SimulatorStats _stats;
    private readonly SendSmsProcessor _processor;
    private readonly SimulatorRandom _random;
    private readonly TimeProvider _time;
    private readonly SimulatorBrand _brand;
    private readonly ArrivalJitter _jitter;

    /// <summary>The brand whose documented shapes this simulator serves (voice-sms reads it too).</summary>
    public SimulatorBrand Brand => _brand;
    private readonly CancellationToken _applicationStopping;
    private readonly SlidingWindowCounter _limiter;
    private long _requestNumber;

    public SendSmsEndpoint(ConfigStore config, BearerAuth auth, SimulatorStats stats, SendSmsProcessor processor, SimulatorRandom random, TimeProvider time, IHostApplicationLifetime lifetime, SimulatorOptions options, ArrivalJitter jitter)
    {
        _jitter = jitter;
        _brand = options.Brand;
        _config = config;
        _auth = auth;
        _stats = stats;
        _processor = processor;
        _random = random;
        _time = time;
        _applicationStopping = lifetime.ApplicationStopping;
        _limiter = new SlidingWindowCounter(time, TimeSpan.FromSeconds(1));
        config.FaultsReplaced += () => Interlocked.Exchange(ref _requestNumber, 0);
    }

    /// <summary>Empties the rate-limit window and restarts the "every Nth" count (POST /_sim/reset).</summary>
    public void Reset()
    {
        _limiter.Clear();
        Interlocked.Exchange(ref _requestNumber, 0);
    }

    /// <summary>Admits one request to the API's window: voice-sms shares send-sms's 120 requests/s (reference/API.md).</summary>
    public bool TryAdmit(int limit, out int remaining, out TimeSpan retryAfter) => _limiter.TryAdmit(limit, out remaining, out retryAfter);

    public async Task HandleAsync(HttpContext context)
    {
        // The request "arrives" only after its jitter: the stats and the limiter stamp it then.
        await _jitter.WaitAsync(context.RequestAborted);
        _stats.SendRequestArrived();
        var config = _config.Current;
        var aborted = context.RequestAborted;

        if (!_auth.IsAuthorized(context.Request))
        {
            await DelayAsync(config.LatencyMs, aborted);
            await ApiResponses.WriteUnauthenticated(context);
            return;
        }

        int remaining = -1;
        if (config.RateLimit > 0)
        {
            if (!TryAdmit(config.RateLimit, out remaining, out var retryAfter))
            {
                await DelayAsync(config.LatencyMs, aborted);
                await ApiResponses.WriteTooManyAttempts(context, config.RateLimit, retryAfter);
                return;
            }
        }

        var fault = config.Faults.Choose(Interlocked.Increment(ref _requestNumber), _random);
        if (fault is not null) _stats.FaultInjected(fault.Kind);
        switch (fault?.Kind)
        {
            case FaultKind.TooManyRequests:
                await DelayAsync(config.LatencyMs, aborted);
                await ApiResponses.WriteTooManyAttempts(context, config.RateLimit, TimeSpan.FromSeconds(fault.RetryAfter));
                return;
            case FaultKind.ServiceUnavailable:
                await DelayAsync(config.LatencyMs, aborted);
                await ApiResponses.WriteServiceUnavailable(context);
                return;
            case FaultKind.ResetBefore:
                await DelayAsync(config.LatencyMs, aborted);
                Reset(context);
                return;
        }

        using var body = await ReadBodyAsync(context, aborted);
        if (body.Failed) return;
        if (!TryCollectItems(context, body.Document, out var items, out var failure))
        {
            await DelayAsync(config.LatencyMs, aborted);
            await failure;
            return;
        }

        var results = _processor.Process(items, fault, config, out string batchId);
        string createdAt = EastAfricaTime.Now(_time);

        switch (fault?.Kind)
        {
            case FaultKind.ServerErrorAfterAccept:
                await DelayAsync(config.LatencyMs, aborted);
                await ApiResponses.WriteServerError(context);
                return;
            case FaultKind.ResetAfter:
                await DelayAsync(config.LatencyMs, aborted);
                Reset(context);
                return;
            case FaultKind.Slow:
                // Held back until the client gives up or the simulator stops, so slow answers never pile up.
                using (var linked = CancellationTokenSource.CreateLinkedTokenSource(aborted, _applicationStopping))
                {
                    try
                    {
                        await DelayAsync(fault.DelayMs, linked.Token);
                    }
                    catch (OperationCanceledException) when (_applicationStopping.IsCancellationRequested)
                    {
                        context.Abort();
                        return;
                    }
                }

                break;
            case FaultKind.Malformed:
                await DelayAsync(config.LatencyMs, aborted);
                await ApiResponses.Write(context, 200, SendSmsResponseWriter.MalformedBody);
                return;
        }

        await DelayAsync(config.LatencyMs, aborted);
        context.Response.StatusCode = 200;
        context.Response.ContentType = ApiResponses.JsonContentType;
        if (remaining >= 0)
        {
            // Laravel's throttle adds these to every answer it lets through.
            context.Response.Headers["X-RateLimit-Limit"] = config.RateLimit.ToString(CultureInfo.InvariantCulture);
            context.Response.Headers["X-RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        }

        SendSmsResponseWriter.Write(context.Response.BodyWriter, results, batchId, createdAt, _brand);
        await context.Response.BodyWriter.FlushAsync(aborted);
    }

    /// <summary>
    /// The message objects of the body, or the 422 that answers it instead. An array is validated
    /// item by item later (a bad item fails alone); a single object with a missing field is a 422,
    /// as Laravel's request validation answers it.
    /// </summary>
    private bool TryCollectItems(HttpContext context, JsonDocument? document, out MessageItem[] items, out Task failure)
    {
        items = [];
        failure = Task.CompletedTask;
        JsonElement root = document?.RootElement ?? default;
        switch (root.ValueKind)
        {
            case JsonValueKind.Array:
                int count = root.GetArrayLength();
                _stats.ItemsInRequest(count);
                if (count == 0)
                {
                    failure = ApiResponses.WriteValidationFailed(context, [("messages", "The messages field is required.")]);
                    return false;
                }

                if (count > MaxMessagesPerRequest)
                {
                    failure = ApiResponses.WriteValidationFailed(context, [("messages", $"The messages field must not have more than {MaxMessagesPerRequest} items.")]);
                    return false;
                }

                items = new MessageItem[count];
                int i = 0;
                foreach (var element in root.EnumerateArray()) items[i++] = MessageItem.Read(element, _brand);
                return true;

            case JsonValueKind.Object:
                _stats.ItemsInRequest(1);
                var item = MessageItem.Read(root, _brand);
                if (item.Validate(out _, out _, out _) is { } errors)
                {
                    failure = ApiResponses.WriteValidationFailed(context, errors);
                    return false;
                }

                items = [item];
                return true;

            default:
                // No body, a JSON scalar, or a body that was not sent as JSON: Laravel sees no input at all.
                failure = ApiResponses.WriteValidationFailed(context, [
                    ("sender", "The sender field is required."),
                    ("message", "The message field is required."),
                    ("phone", "The phone field is required."),
                ]);
                return false;
        }
    }

    /// <summary>Parses the body; answers 400 itself when it is not JSON at all.</summary>
    private async Task<RequestBody> ReadBodyAsync(HttpContext context, CancellationToken aborted)
    {
        var request = context.Request;
        // Laravel reads the body as JSON only when the client says it is JSON; an empty body is no input.
        if (!request.HasJsonContentType() || request.ContentLength == 0) return default;
        try
        {
            return new RequestBody(await JsonDocument.ParseAsync(request.Body, default, aborted), Failed: false);
        }
        catch (JsonException)
        {
            await DelayAsync(_config.Current.LatencyMs, aborted);
            await ApiResponses.WriteMalformedJson(context);
            return new RequestBody(null, Failed: true);
        }
    }

    private Task DelayAsync(int milliseconds, CancellationToken cancellationToken) =>
        milliseconds > 0 ? Task.Delay(TimeSpan.FromMilliseconds(milliseconds), _time, cancellationToken) : Task.CompletedTask;

    private static void Reset(HttpContext context)
    {
        context.Features.Set(ConnectionResetMarker.Instance);
        context.Abort();
    }

    private readonly record struct RequestBody(JsonDocument? Document, bool Failed) : IDisposable
    {
        public void Dispose() => Document?.Dispose();
    }
}

/// <summary>Tells the stats middleware that a dropped connection was the simulator's own doing.</summary>
internal sealed class ConnectionResetMarker
{
    public static readonly ConnectionResetMarker Instance = new();
}
