using System.Text.Json;

namespace CloudRebue.Simulator;

/// <summary>
/// The answer for one message object of a send-sms body. JSON elements point into the request's
/// JsonDocument, so the document must outlive the writing of the answer.
/// </summary>
internal sealed class ItemResult
{
    public const string Queued = "Message successfully queued!";
    public const string InsufficientUnits = "Insufficient units";

    public bool Status { get; init; }

    public required string Message { get; init; }

    /// <summary>As given: written back with its JSON kind.</summary>
    public JsonElement Correlator { get; init; }

    /// <summary>Accepted: 254XXXXXXXXX (a comma list stays a list). Failed: null, <see cref="GivenPhone"/> is echoed.</summary>
    public string? Phone { get; init; }

    public JsonElement GivenPhone { get; init; }

    public string? UniqueId { get; init; }

    public string? Operator { get; init; }

    public int SmsUnits { get; init; }

    public string? Sender { get; init; }

    public string? Text { get; init; }

    public JsonElement LinkId { get; init; }

    public JsonElement Endpoint { get; init; }

    /// <summary>As given, where the brand reads it.</summary>
    public JsonElement TimeToSend { get; init; }
}
