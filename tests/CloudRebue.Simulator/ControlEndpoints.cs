using System.Text.Json;

namespace CloudRebue.Simulator;

/// <summary>
/// The simulator's own endpoints under /_sim/ (no authentication: they exist for tests):
/// stats, the accepted messages, reset, and the runtime configuration.
/// </summary>
internal sealed class ControlEndpoints(
    SimulatorStats stats,
    MessageStore store,
    AccountLedger ledger,
    ConfigStore config,
    SendSmsEndpoint sendSms,
    VoiceSmsEndpoint voice,
    ReceiptDispatcher receipts)
{
    public Task StatsAsync(HttpContext context) =>
        context.Response.WriteAsJsonAsync(stats.Snapshot(), SimulatorJsonContext.Default.StatsSnapshot, cancellationToken: context.RequestAborted);

    public async Task MessagesAsync(HttpContext context)
    {
        context.Response.ContentType = ApiResponses.JsonContentType;
        var output = context.Response.BodyWriter;
        using var json = new Utf8JsonWriter(output, ApiResponses.WriterOptions);
        json.WriteStartArray();
        int written = 0;
        foreach (var m in store.Snapshot())
        {
            json.WriteStartObject();
            WriteRaw(json, "correlator", m.CorrelatorJson);
            json.WriteString("phone", m.Phone);
            json.WriteString("sender", m.Sender);
            json.WriteString("message", m.Message);
            WriteRaw(json, "linkId", m.LinkIdJson);
            json.WriteString("endpoint", m.Endpoint);
            json.WriteString("uniqueId", m.UniqueId);
            json.WriteString("batchId", m.BatchId);
            json.WriteNumber("smsUnits", m.SmsUnits);
            json.WriteString("fault", m.Fault);
            json.WriteString("timeToSend", m.TimeToSend);
            json.WriteEndObject();

            // Hand the pipe what is written now and then, so a long list is not held in memory twice.
            if (++written % 1000 == 0)
            {
                json.Flush();
                await output.FlushAsync(context.RequestAborted);
            }
        }

        json.WriteEndArray();
        json.Flush();
        await output.FlushAsync(context.RequestAborted);
    }

    /// <summary>Clears stats, messages, the rate-limit window, pending receipts and the balance; keeps the configuration.</summary>
    public Task ResetAsync(HttpContext context)
    {
        receipts.DropPending();
        stats.Clear();
        store.Clear();
        sendSms.Reset();
        voice.Reset();
        ledger.Reset();
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    public Task GetConfigAsync(HttpContext context) => WriteConfig(context);

    public async Task SetConfigAsync(HttpContext context)
    {
        ConfigDocument? document;
        try
        {
            document = await JsonSerializer.DeserializeAsync(context.Request.Body, SimulatorJsonContext.Default.ConfigDocument, context.RequestAborted);
            if (document is null) throw new FormatException("The body must be a JSON object.");
            var next = document.ApplyTo(config.Current);
            if (document.Balance is long balance) ledger.SetStartingUnits(balance);
            config.Replace(next);
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsJsonAsync(new ControlError(e.Message), SimulatorJsonContext.Default.ControlError, cancellationToken: context.RequestAborted);
            return;
        }

        await WriteConfig(context);
    }

    private Task WriteConfig(HttpContext context) =>
        context.Response.WriteAsJsonAsync(ConfigDocument.From(config.Current, ledger.Units), SimulatorJsonContext.Default.ConfigDocument, cancellationToken: context.RequestAborted);

    private static void WriteRaw(Utf8JsonWriter json, string name, string? rawJson)
    {
        json.WritePropertyName(name);
        if (rawJson is null) json.WriteNullValue();
        else json.WriteRawValue(rawJson, skipInputValidation: true);
    }
}
