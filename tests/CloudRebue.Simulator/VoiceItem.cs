using System.Globalization;
using System.Text.Json;

namespace CloudRebue.Simulator;

/// <summary>
/// The fields of one voice-sms body (reference/API.md "POST voice-sms"), validated as Laravel's request
/// validation would: originator, message and phone required; voice 1 or 2 (default 1); repeat 1 to 10
/// (default 1, CloudRebue's); endpoint (or delivery_endpoint) an absolute http(s) URL.
/// </summary>
internal sealed class VoiceItem
{
    public const int DefaultVoice = 1;
    public const int DefaultRepeat = 1;

    public string Originator { get; private init; } = "";
    public string Message { get; private init; } = "";
    public string Phone { get; private init; } = "";
    public int Voice { get; private init; } = DefaultVoice;
    public int Repeat { get; private init; } = DefaultRepeat;
    public JsonElement Correlator { get; private init; }
    public Uri? Endpoint { get; private init; }

    /// <summary><c>time_to_send</c> as given, read only where the brand documents it (RebueText); null: called at once.</summary>
    public string? TimeToSend { get; private init; }

    /// <summary>The item, or the 422 errors that answer the request instead.</summary>
    public static VoiceItem? Read(JsonElement root, SimulatorBrand brand, out List<(string Field, string Message)> errors)
    {
        errors = [];
        if (root.ValueKind != JsonValueKind.Object)
        {
            // Not documented whether an array of calls is accepted (API.md): the simulator is strict and
            // treats anything but one object as no input, so a client that batches calls finds out here.
            errors.Add(("originator", "The originator field is required."));
            errors.Add(("message", "The message field is required."));
            errors.Add(("phone", "The phone field is required."));
            return null;
        }

        string originator = Text(root, "originator", errors, allowNumber: true);
        string message = Text(root, "message", errors, allowNumber: false);
        string phone = Text(root, "phone", errors, allowNumber: true);
        int voice = Integer(root, "voice", DefaultVoice, 1, 2, errors);
        int repeat = Integer(root, "repeat", DefaultRepeat, 1, 10, errors);
        Uri? endpoint = null;
        if ((Find(root, "endpoint") ?? Find(root, "delivery_endpoint")) is { } given)
        {
            endpoint = MessageItem.HttpUri(given);
            if (endpoint is null) errors.Add(("endpoint", "The endpoint field must be a valid URL."));
        }

        string? timeToSend = null;
        if (BrandRules.Schedules(brand) && Find(root, BrandRules.TimeToSendField) is { } schedule)
        {
            // RebueText documents time_to_send on voice-sms as on send-sms: the same Y-m-d H:i form.
            timeToSend = BrandRules.ParseTimeToSend(schedule) is null ? null : schedule.GetString();
            if (timeToSend is null) errors.Add((BrandRules.TimeToSendField, BrandRules.TimeToSendInvalid));
        }

        root.TryGetProperty("correlator", out var correlator);
        return errors.Count > 0 ? null : new VoiceItem
        {
            Originator = originator,
            Message = message,
            Phone = phone,
            Voice = voice,
            Repeat = repeat,
            Correlator = correlator,
            Endpoint = endpoint,
            TimeToSend = timeToSend,
        };
    }

    private static JsonElement? Find(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && MessageItem.IsPresent(value) ? value : null;

    private static string Text(JsonElement root, string field, List<(string, string)> errors, bool allowNumber)
    {
        JsonElement? value = Find(root, field);
        if (value is { ValueKind: JsonValueKind.String } s && !string.IsNullOrWhiteSpace(s.GetString())) return s.GetString()!;
        if (allowNumber && value is { ValueKind: JsonValueKind.Number } n) return n.GetRawText();
        errors.Add((field, value is null || value.Value.ValueKind == JsonValueKind.String ? $"The {field} field is required." : $"The {field} field must be a string."));
        return "";
    }

    private static int Integer(JsonElement root, string field, int fallback, int min, int max, List<(string, string)> errors)
    {
        if (Find(root, field) is not { } value) return fallback;
        int number = 0;
        bool isInteger = value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetInt32(out number),
            JsonValueKind.String => int.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number),
            _ => false,
        };
        if (!isInteger) errors.Add((field, $"The {field} field must be an integer."));
        else if (number < min || number > max) errors.Add((field, $"The {field} field must be between {min} and {max}."));
        return number;
    }
}
