using System.Globalization;
using System.Text.Json;

namespace CloudRebue.Simulator;

/// <summary>Whose documented shapes the simulator serves (<c>--brand</c>; reference/API.md lists what differs).</summary>
internal enum SimulatorBrand
{
    CloudRebue,
    RebueText,
    BongaTech,
}

/// <summary>
/// The per-brand rules, in one place. Each brand reads the receipt URL under its own documented name only: a
/// field it does not document is ignored like any unknown field, which is exactly how a client that writes the
/// wrong name loses its receipts. Only RebueText documents <c>time_to_send</c>; the others ignore it and send at once.
/// </summary>
internal static class BrandRules
{
    public const string TimeToSendField = "time_to_send";

    /// <summary>The documented form, <c>Y-m-d H:i</c>, in East Africa Time.</summary>
    public const string TimeToSendFormat = "yyyy-MM-dd HH:mm";

    /// <summary>What a scheduling brand answers (422) for a time_to_send in another form.</summary>
    public const string TimeToSendInvalid = "The time to send does not match the format Y-m-d H:i.";

    /// <summary>A time_to_send (East Africa Time, exactly <c>Y-m-d H:i</c>), or null when it is not a string in that form.</summary>
    public static DateTimeOffset? ParseTimeToSend(JsonElement value) =>
        value.ValueKind == JsonValueKind.String
        && DateTime.TryParseExact(value.GetString(), TimeToSendFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime local)
            ? new DateTimeOffset(local, EastAfricaTime.Offset)
            : null;

    public static SimulatorBrand Parse(string value) => value.Trim().ToLowerInvariant() switch
    {
        "cloudrebue" => SimulatorBrand.CloudRebue,
        "rebuetext" => SimulatorBrand.RebueText,
        "bongatech" => SimulatorBrand.BongaTech,
        _ => throw new FormatException($"Brand '{value}' is not cloudrebue, rebuetext or bongatech."),
    };

    public static string ReceiptUrlField(SimulatorBrand brand) =>
        brand == SimulatorBrand.RebueText ? "delivery_endpoint" : "endpoint";

    public static bool Schedules(SimulatorBrand brand) => brand == SimulatorBrand.RebueText;

    /// <summary>
    /// API.md gives the balance_kes shape to "a newer version of a sister brand" without naming it; RebueText is
    /// the brand whose newer version works in KES (its top-up), so its mode answers that way. --balance-format overrides.
    /// </summary>
    public static BalanceFormat DefaultBalanceFormat(SimulatorBrand brand) =>
        brand == SimulatorBrand.RebueText ? BalanceFormat.Kes : BalanceFormat.Units;

    /// <summary>RebueText's answers add the fields API.md lists as added by some brands.</summary>
    public static bool AddsRebueTextFields(SimulatorBrand brand) => brand == SimulatorBrand.RebueText;
}
