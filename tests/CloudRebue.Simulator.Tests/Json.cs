using System.Text.Json;
using Xunit;

namespace CloudRebue.Simulator.Tests;

/// <summary>Small helpers to read and build JSON in tests.</summary>
internal static class Json
{
    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, int expectedStatus)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == expectedStatus, $"Expected {expectedStatus}, got {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    public static string[] PropertyNames(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToArray();

    /// <summary>A message object as the provider documents it.</summary>
    public static string Message(string phone = "0712345678", string message = "Test API", string sender = "CLOUD_REBUE", string? correlator = "1", string? extra = null)
    {
        string fields = $"\"sender\":{JsonSerializer.Serialize(sender)},\"message\":{JsonSerializer.Serialize(message)},\"phone\":{JsonSerializer.Serialize(phone)}";
        if (correlator is not null) fields += $",\"correlator\":{correlator}";
        if (extra is not null) fields += "," + extra;
        return "{" + fields + "}";
    }

    public static string Array(IEnumerable<string> items) => "[" + string.Join(",", items) + "]";

    /// <summary>A batch of n valid messages with correlators 1..n to distinct numbers.</summary>
    public static string Batch(int n, string? extra = null) =>
        Array(Enumerable.Range(1, n).Select(i => Message(phone: $"0712{i:D6}", correlator: i.ToString(), extra: extra)));
}
