using System.Text.Json;

namespace CloudRebue.Simulator;

/// <summary>
/// The fields of one message object of a send-sms body, as JSON elements (an absent field has
/// <see cref="JsonValueKind.Undefined"/>). The elements live as long as the request's JsonDocument.
/// </summary>
internal readonly struct MessageItem
{
    public JsonElement Sender { get; private init; }
    public JsonElement Message { get; private init; }
    public JsonElement Phone { get; private init; }
    public JsonElement Correlator { get; private init; }
    public JsonElement LinkId { get; private init; }
    public JsonElement Endpoint { get; private init; }

    /// <summary>The name the brand reads the receipt URL under (<see cref="BrandRules.ReceiptUrlField"/>).</summary>
    public string EndpointField { get; private init; }

    /// <summary><c>time_to_send</c>, read only where the brand documents it (otherwise ignored: sent at once).</summary>
    public JsonElement TimeToSend { get; private init; }
    public bool IsObject { get; private init; }

    /// <summary>
    /// Reads the fields in one pass over the object. Names are case-sensitive, as in Laravel. The receipt URL is
    /// read under the brand's documented name only; any other name is ignored like every unknown field.
    /// </summary>
    public static MessageItem Read(JsonElement element, SimulatorBrand brand)
    {
        if (element.ValueKind != JsonValueKind.Object) return default;
        string endpointField = BrandRules.ReceiptUrlField(brand);
        bool schedules = BrandRules.Schedules(brand);
        JsonElement sender = default, message = default, phone = default, correlator = default, linkId = default, endpoint = default, timeToSend = default;
        foreach (var property in element.EnumerateObject())
        {
            if (property.NameEquals("sender")) sender = property.Value;
            else if (property.NameEquals("message")) message = property.Value;
            else if (property.NameEquals("phone")) phone = property.Value;
            else if (property.NameEquals("correlator")) correlator = property.Value;
            else if (property.NameEquals("link_id")) linkId = property.Value;
            else if (property.NameEquals(endpointField)) endpoint = property.Value;
            else if (schedules && property.NameEquals(BrandRules.TimeToSendField)) timeToSend = property.Value;
        }

        return new MessageItem
        {
            IsObject = true,
            Sender = sender,
            Message = message,
            Phone = phone,
            Correlator = correlator,
            LinkId = linkId,
            Endpoint = endpoint,
            EndpointField = endpointField,
            TimeToSend = timeToSend,
        };
    }

    /// <summary>
    /// Laravel-style validation: required sender, message and phone (a blank string counts as
    /// missing), sender and message strings, phone a string or a number, endpoint an http(s) URL.
    /// Whether a phone is a valid number is not checked here: that is a per-item result, not a 422.
    /// Returns null when the item is valid, and hands out the texts so they are decoded only once.
    /// </summary>
    public List<(string Field, string Message)>? Validate(out string sender, out string message, out string phone)
    {
        List<(string, string)>? errors = null;
        if (!IsObject)
        {
            sender = message = phone = "";
            return [("message", "Each message must be a JSON object.")];
        }

        sender = Text(ref errors, "sender", Sender, allowNumber: false);
        message = Text(ref errors, "message", Message, allowNumber: false);
        phone = Text(ref errors, "phone", Phone, allowNumber: true);
        if (IsPresent(Endpoint) && EndpointUri() is null)
        {
            (errors ??= []).Add((EndpointField, $"The {EndpointField.Replace('_', ' ')} field must be a valid URL."));
        }

        if (IsPresent(TimeToSend) && ScheduledFor() is null)
        {
            (errors ??= []).Add((BrandRules.TimeToSendField, BrandRules.TimeToSendInvalid));
        }

        return errors;
    }

    /// <summary>The receipt URL, or null when absent or not an absolute http(s) URL.</summary>
    public Uri? EndpointUri() => HttpUri(Endpoint);

    /// <summary>An absolute http(s) URL given as a string, or null (send-sms's endpoint, voice-sms's too).</summary>
    public static Uri? HttpUri(JsonElement value) =>
        value.ValueKind == JsonValueKind.String
        && Uri.TryCreate(value.GetString(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : null;

    /// <summary>The scheduled time (East Africa Time, exactly <c>Y-m-d H:i</c>), or null when absent or in another form.</summary>
    public DateTimeOffset? ScheduledFor() => BrandRules.ParseTimeToSend(TimeToSend);

    /// <summary>The key that recognises a repeated correlator: "1" and 1 are the same correlator.</summary>
    public string? CorrelatorKey() => Correlator.ValueKind switch
    {
        JsonValueKind.Undefined or JsonValueKind.Null => null,
        JsonValueKind.String => Correlator.GetString(),
        _ => Correlator.GetRawText(),
    };

    public static bool IsPresent(JsonElement element) =>
        element.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null);

    private static string Text(ref List<(string, string)>? errors, string field, JsonElement value, bool allowNumber)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                string text = value.GetString()!;
                if (!string.IsNullOrWhiteSpace(text)) return text;
                (errors ??= []).Add((field, $"The {field} field is required."));
                return "";
            case JsonValueKind.Number when allowNumber:
                // A phone sent as a JSON number is taken by its digits.
                return value.GetRawText();
            case JsonValueKind.Undefined or JsonValueKind.Null:
                (errors ??= []).Add((field, $"The {field} field is required."));
                return "";
            default:
                (errors ??= []).Add((field, $"The {field} field must be a string."));
                return "";
        }
    }
}
