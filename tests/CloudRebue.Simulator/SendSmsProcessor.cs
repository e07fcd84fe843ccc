using System.Text.Json;

namespace CloudRebue.Simulator;

/// <summary>
/// Turns the message objects of one send-sms request into per-item results, and records what was
/// accepted: the message store, the balance, the stats and the delivery receipts.
/// </summary>
internal sealed class SendSmsProcessor(
    MessageStore store,
    AccountLedger ledger,
    SimulatorStats stats,
    ReceiptDispatcher receipts)
{
    /// <param name="items">The message objects, in request order.</param>
    /// <param name="fault">The fault drawn for this request, or null; a partial fault fails its last items.</param>
    /// <param name="config">The configuration snapshot of this request.</param>
    /// <param name="batchId">The one batch id shared by the whole request, as the provider's sample shows.</param>
    public ItemResult[] Process(IReadOnlyList<MessageItem> items, FaultRule? fault, SimulatorConfig config, out string batchId)
    {
        batchId = Guid.NewGuid().ToString();
        var results = new ItemResult[items.Count];
        int failLast = fault?.Kind == FaultKind.Partial ? fault.Count : 0;
        int firstFailing = items.Count - failLast;
        string? faultName = fault?.Kind.ToName();
        for (int i = 0; i < items.Count; i++)
        {
            results[i] = ProcessOne(items[i], batchId, partialFailure: i >= firstFailing, faultName, config);
        }

        return results;
    }

    private ItemResult ProcessOne(in MessageItem item, string batchId, bool partialFailure, string? faultName, SimulatorConfig config)
    {
        var errors = item.Validate(out string sender, out string text, out string phoneText);
        if (errors is not null) return Failed(item, errors[0].Message);
        if (partialFailure) return Failed(item, ItemResult.InsufficientUnits);

        // A comma list is one object for several recipients: one answer for the object, every
        // number recorded (and billed) as its own message. One bad number fails the whole object.
        string[] phones = Recipients(phoneText);
        if (phones.Length == 0) return Failed(item, $"Invalid phone number {phoneText}.");

        int units = SmsUnits.Count(text);
        if (!ledger.TryDebit((long)units * phones.Length, config.EnforceBalance))
        {
            return Failed(item, ItemResult.InsufficientUnits);
        }

        string? correlatorJson = MessageItem.IsPresent(item.Correlator) ? item.Correlator.GetRawText() : null;
        string? correlatorKey = item.CorrelatorKey();
        string? linkIdJson = MessageItem.IsPresent(item.LinkId) ? item.LinkId.GetRawText() : null;
        Uri? endpoint = item.EndpointUri();
        DateTimeOffset? scheduledFor = item.ScheduledFor();
        string? timeToSend = scheduledFor is null ? null : item.TimeToSend.GetString();
        string? firstId = null;
        foreach (string phone in phones)
        {
            // Every recipient gets its own id, so receipts for a comma list can be told apart;
            // the answer shows the first one.
            string uniqueId = Guid.NewGuid().ToString();
            firstId ??= uniqueId;
            var accepted = new AcceptedMessage(correlatorJson, phone, sender, text, linkIdJson, endpoint?.OriginalString, uniqueId, batchId, units, faultName, timeToSend);
            stats.MessageAccepted(duplicate: store.Add(accepted, correlatorKey));
            if (endpoint is not null) receipts.Enqueue(accepted, endpoint, scheduledFor);
        }

        return new ItemResult
        {
            Status = true,
            Message = ItemResult.Queued,
            Correlator = item.Correlator,
            UniqueId = firstId,
            Phone = phones.Length == 1 ? phones[0] : string.Join(',', phones),
            Operator = PhoneRules.Operator(phones[0]),
            SmsUnits = units,
            Sender = sender,
            Text = text,
            LinkId = item.LinkId,
            Endpoint = item.Endpoint,
            TimeToSend = item.TimeToSend,
        };
    }

    /// <summary>The normalised recipients, or an empty array when any of them is not a valid number.</summary>
    private static string[] Recipients(string phoneText)
    {
        if (!phoneText.Contains(','))
        {
            return PhoneRules.Normalise(phoneText.AsSpan().Trim()) is string single ? [single] : [];
        }

        string[] parts = phoneText.Split(',');
        for (int i = 0; i < parts.Length; i++)
        {
            if (PhoneRules.Normalise(parts[i].AsSpan().Trim()) is not string normalised) return [];
            parts[i] = normalised;
        }

        return parts;
    }

    private ItemResult Failed(in MessageItem item, string message)
    {
        stats.MessageRejected();
        return new ItemResult
        {
            Status = false,
            Message = message,
            Correlator = item.Correlator,
            GivenPhone = item.Phone,
            Sender = item.Sender.ValueKind == JsonValueKind.String ? item.Sender.GetString() : null,
            Text = item.Message.ValueKind == JsonValueKind.String ? item.Message.GetString() : null,
            LinkId = item.LinkId,
            Endpoint = item.Endpoint,
            TimeToSend = item.TimeToSend,
        };
    }
}
