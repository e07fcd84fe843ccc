using System.Text.Json.Serialization;

namespace CloudRebue.Simulator;

/// <summary>Source-generated JSON for the control endpoints (the API answers are written by hand).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(StatsSnapshot))]
[JsonSerializable(typeof(ConfigDocument))]
[JsonSerializable(typeof(ControlError))]
internal sealed partial class SimulatorJsonContext : JsonSerializerContext
{
}

/// <summary>The body of a 400 from a control endpoint.</summary>
internal sealed record ControlError(string Error);
