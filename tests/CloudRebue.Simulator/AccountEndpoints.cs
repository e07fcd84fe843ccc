using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace CloudRebue.Simulator;

/// <summary>GET /api/v1/account/balance and POST /api/v1/account/top-up (reference/API.md).</summary>
internal sealed class AccountEndpoints(BearerAuth auth, AccountLedger ledger, ConfigStore config, TimeProvider time, SimulatorRandom random)
{
    private long _topUpNumber;

    public async Task BalanceAsync(HttpContext context)
    {
        if (!auth.IsAuthorized(context.Request))
        {
            await ApiResponses.WriteUnauthenticated(context);
            return;
        }

        long units = ledger.Units;
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var json = new Utf8JsonWriter(buffer, ApiResponses.WriterOptions))
        {
            json.WriteStartObject();
            json.WriteBoolean("status", true);
            json.WriteStartObject("data");
            if (config.Current.BalanceFormat == BalanceFormat.Kes)
            {
                // The sister brand's newer shape. The simulator prices one unit at one shilling.
                json.WriteString("balance_kes", units.ToString(CultureInfo.InvariantCulture) + ".00");
                json.WriteNumber("balance_minor", units * 100);
            }
            else
            {
                // Documented as a string.
                json.WriteString("account_units", units.ToString(CultureInfo.InvariantCulture));
            }

            json.WriteString("date", EastAfricaTime.Now(time));
            json.WriteEndObject();
            json.WriteEndObject();
        }

        await ApiResponses.Write(context, 200, buffer.WrittenMemory);
    }

    public async Task TopUpAsync(HttpContext context)
    {
        if (!auth.IsAuthorized(context.Request))
        {
            await ApiResponses.WriteUnauthenticated(context);
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
            JsonElement root = document?.RootElement ?? default;
            var errors = new List<(string Field, string Message)>();
            // RebueText's newer form names an amount in KES instead of units; the simulator prices a unit at KES 1.
            bool kes = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("amount", out _) && !root.TryGetProperty("units", out _);
            string amountField = kes ? "amount" : "units";
            long units = ReadInteger(root, amountField, amountField, errors, minimum: 1);
            long accountId = ReadInteger(root, "account_id", "account id", errors, minimum: 1);
            string? reference = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("topup_reference", out var r) && r.ValueKind == JsonValueKind.String
                ? r.GetString()
                : null;
            if (errors.Count > 0)
            {
                await ApiResponses.WriteValidationFailed(context, errors);
                return;
            }

            if (accountId > int.MaxValue || !ledger.IsSubAccount((int)accountId))
            {
                await ApiResponses.WriteNotSubAccount(context);
                return;
            }

            if (!ledger.TryTopUp((int)accountId, units, out long initial, out long updated))
            {
                await ApiResponses.WriteValidationFailed(context, [(amountField, kes ? "Insufficient balance." : "Insufficient units.")]);
                return;
            }

            // A 500 after the units moved: the ambiguous failure a client must not retry (counted on its own).
            if (config.Current.Faults.Choose(Interlocked.Increment(ref _topUpNumber), random) is { Kind: FaultKind.ServerErrorAfterAccept })
            {
                await ApiResponses.WriteServerError(context);
                return;
            }

            if (kes)
            {
                await ApiResponses.Write(context, 200, KesTopUpAnswer(accountId, updated, ledger.Units));
                return;
            }

            var buffer = new ArrayBufferWriter<byte>(256);
            using (var json = new Utf8JsonWriter(buffer, ApiResponses.WriterOptions))
            {
                // Types as in the documented sample: the first two are strings, updated_units a number.
                json.WriteStartObject();
                json.WriteBoolean("status", true);
                json.WriteString("message", "account top up successful");
                json.WriteStartObject("data");
                json.WriteString("topup_units", units.ToString(CultureInfo.InvariantCulture));
                json.WriteString("initial_units", initial.ToString(CultureInfo.InvariantCulture));
                json.WriteNumber("updated_units", updated);
                json.WriteString("topup_reference", reference);
                json.WriteString("created_at", EastAfricaTime.Now(time));
                json.WriteEndObject();
                json.WriteEndObject();
            }

            await ApiResponses.Write(context, 200, buffer.WrittenMemory);
        }
    }

    /// <summary>The newer KES form's answer (API.md names updated_balance_kes and parent_balance_kes; the rest is the units form's).</summary>
    private ReadOnlyMemory<byte> KesTopUpAnswer(long accountId, long updated, long parent)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, ApiResponses.WriterOptions))
        {
            json.WriteStartObject();
            json.WriteBoolean("status", true);
            json.WriteString("message", "account top up successful");
            json.WriteStartObject("data");
            json.WriteNumber("account_id", accountId);
            json.WriteString("updated_balance_kes", updated.ToString(CultureInfo.InvariantCulture) + ".00");
            json.WriteString("parent_balance_kes", parent.ToString(CultureInfo.InvariantCulture) + ".00");
            json.WriteString("created_at", EastAfricaTime.Now(time));
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }

    /// <summary>An integer given as a JSON number or a numeric string, as Laravel's "integer" rule accepts.</summary>
    private static long ReadInteger(JsonElement root, string field, string label, List<(string, string)> errors, long minimum)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            errors.Add((field, $"The {label} field is required."));
            return 0;
        }

        long number = 0;
        bool isInteger = value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetInt64(out number),
            JsonValueKind.String => long.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number),
            _ => false,
        };
        if (!isInteger)
        {
            errors.Add((field, $"The {label} field must be an integer."));
            return 0;
        }

        if (number < minimum)
        {
            errors.Add((field, $"The {label} field must be at least {minimum}."));
            return 0;
        }

        return number;
    }
}
