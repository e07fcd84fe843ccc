using System.Buffers;
using System.Text.Json;

namespace CloudRebue.Simulator;

/// <summary>
/// POST /api/v1/voice-sms (reference/API.md): a text-to-speech call. Same authentication, and the same
/// 120 requests/s window as send-sms (one limiter for both). Faults from the plan apply too, counted on
/// their own: 429, 503, reset-before, 500-after-accept and reset-after (slow, malformed and partial are
/// send-sms only). Calls are recorded in <see cref="VoiceCallStore"/> (GET /_sim/calls), not billed (the
/// price of a call is not documented), and receipted like SMS when they carry an endpoint.
/// </summary>
internal sealed class VoiceSmsEndpoint(
    ConfigStore config,
    BearerAuth auth,
    SendSmsEndpoint sendSms,
    VoiceCallStore calls,
    SimulatorStats stats,
    SimulatorRandom random,
    ReceiptDispatcher receipts,
    TimeProvider time,
    ArrivalJitter jitter)
{
    public const string Queued = "Voice message successfully queued!";

    private long _requestNumber;

    public async Task HandleAsync(HttpContext context)
    {
        // Before the limiter, as for send-sms: the shared window sees the jittered arrival.
        await jitter.WaitAsync(context.RequestAborted);
        var current = config.Current;
        if (!auth.IsAuthorized(context.Request))
        {
            await ApiResponses.WriteUnauthenticated(context);
            return;
        }

        if (current.RateLimit > 0 && !sendSms.TryAdmit(current.RateLimit, out _, out var retryAfter))
        {
            await ApiResponses.WriteTooManyAttempts(context, current.RateLimit, retryAfter);
            return;
        }

        var fault = current.Faults.Choose(Interlocked.Increment(ref _requestNumber), random);
        if (fault is not null) stats.FaultInjected(fault.Kind);
        switch (fault?.Kind)
        {
            case FaultKind.TooManyRequests:
                await ApiResponses.WriteTooManyAttempts(context, current.RateLimit, TimeSpan.FromSeconds(fault.RetryAfter));
                return;
            case FaultKind.ServiceUnavailable:
                await ApiResponses.WriteServiceUnavailable(context);
                return;
            case FaultKind.ResetBefore:
                context.Features.Set(ConnectionResetMarker.Instance);
                context.Abort();
                return;
        }

        JsonDocument? document = null;
        try
        {
            if (context.Request.HasJsonContentType() && context.Request.ContentLength != 0)
            {
                document = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
            }
        }
        catch (JsonException)
        {
            await ApiResponses.WriteMalformedJson(context);
            return;
        }

        using (document)
        {
            var item = VoiceItem.Read(document?.RootElement ?? default, sendSms.Brand, out var errors);
            if (item is null)
            {
                await ApiResponses.WriteValidationFailed(context, errors);
                return;
            }

            var body = Accept(item, fault?.Kind.ToName());
            switch (fault?.Kind)
            {
                case FaultKind.ServerErrorAfterAccept:
                    await ApiResponses.WriteServerError(context);
                    return;
                case FaultKind.ResetAfter:
                    context.Features.Set(ConnectionResetMarker.Instance);
                    context.Abort();
                    return;
            }

            await ApiResponses.Write(context, 200, body);
        }
    }

    /// <summary>Records the call (one per recipient of a comma list) and writes the answer: an array with one entry.</summary>
    private ReadOnlyMemory<byte> Accept(VoiceItem item, string? faultName)
    {
        string[] phones = item.Phone.Split(',').Select(p => PhoneRules.Normalise(p.AsSpan().Trim())).OfType<string>().ToArray();
        bool valid = phones.Length == item.Phone.Split(',').Length;
        string batchId = Guid.NewGuid().ToString();
        string? correlatorJson = MessageItem.IsPresent(item.Correlator) ? item.Correlator.GetRawText() : null;
        string? firstId = null;
        if (valid)
        {
            foreach (string phone in phones)
            {
                string uniqueId = Guid.NewGuid().ToString();
                firstId ??= uniqueId;
                calls.Add(new VoiceCall(correlatorJson, phone, item.Originator, item.Message, item.Voice, item.Repeat, item.Endpoint?.OriginalString, uniqueId, batchId, faultName, item.TimeToSend));
                if (item.Endpoint is not null)
                {
                    // The receipt has the same shape as an SMS receipt (API.md: "as for send-sms").
                    receipts.Enqueue(new AcceptedMessage(correlatorJson, phone, item.Originator, item.Message, null, item.Endpoint.OriginalString, uniqueId, batchId, 0, faultName), item.Endpoint);
                }
            }
        }

        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer, ApiResponses.WriterOptions))
        {
            json.WriteStartArray();
            json.WriteStartObject();
            json.WriteBoolean("status", valid);
            json.WriteString("message", valid ? Queued : $"Invalid phone number {item.Phone}.");
            json.WriteStartObject("data");
            json.WriteString("originator", item.Originator);
            json.WriteString("phone", valid ? string.Join(',', phones) : item.Phone);
            json.WriteString("operator", valid ? PhoneRules.Operator(phones[0]) : null);
            json.WriteString("message", item.Message);
            json.WriteNumber("voice", item.Voice);
            json.WriteNumber("repeat", item.Repeat);
            json.WritePropertyName("correlator");
            if (correlatorJson is null) json.WriteNullValue(); else item.Correlator.WriteTo(json);
            json.WriteString("delivery_endpoint", item.Endpoint?.OriginalString);
            json.WriteString("batch_id", batchId);
            json.WriteString("uniqueId", firstId);
            json.WriteString("created_at", EastAfricaTime.Now(time));
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
        }

        return buffer.WrittenMemory;
    }

    /// <summary>GET /_sim/calls: every accepted call, in order.</summary>
    public async Task CallsAsync(HttpContext context)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer, ApiResponses.WriterOptions))
        {
            json.WriteStartArray();
            foreach (var call in calls.Snapshot())
            {
                json.WriteStartObject();
                json.WritePropertyName("correlator");
                if (call.CorrelatorJson is null) json.WriteNullValue(); else json.WriteRawValue(call.CorrelatorJson);
                json.WriteString("phone", call.Phone);
                json.WriteString("originator", call.Originator);
                json.WriteString("message", call.Message);
                json.WriteNumber("voice", call.Voice);
                json.WriteNumber("repeat", call.Repeat);
                json.WriteString("endpoint", call.Endpoint);
                json.WriteString("uniqueId", call.UniqueId);
                json.WriteString("batchId", call.BatchId);
                json.WriteString("fault", call.Fault);
                json.WriteString("timeToSend", call.TimeToSend);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        await ApiResponses.Write(context, 200, buffer.WrittenMemory);
    }

    /// <summary>Restarts the "every Nth" fault count (POST /_sim/reset).</summary>
    public void Reset()
    {
        calls.Clear();
        Interlocked.Exchange(ref _requestNumber, 0);
    }
}
