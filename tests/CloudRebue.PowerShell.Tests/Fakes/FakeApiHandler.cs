using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudRebue.PowerShell.Tests.Fakes;

/// <summary>
/// An in-process stand-in for the API behind HttpClient: accepts every message of a send-sms batch
/// (or answers with what <see cref="Respond"/> says), answers account/balance, records what it saw.
/// </summary>
public sealed class FakeApiHandler : HttpMessageHandler
{
    public ConcurrentQueue<JsonArray> Batches { get; } = new();

    public ConcurrentQueue<string> AuthorizationHeaders { get; } = new();

    /// <summary>Overrides the answer to the Nth send-sms request (1-based); null means accept all.</summary>
    public Func<int, JsonArray, HttpResponseMessage?>? Respond { get; set; }

    public string BalanceJson { get; set; } = "{\"status\":true,\"data\":{\"account_units\":\"6974\",\"date\":\"2021-12-03 11:10:44\"}}";

    /// <summary>Added before each send-sms answer, to make a run long enough to see progress or to cancel.</summary>
    public TimeSpan Delay { get; set; }

    private int _sendRequests;

    public int SendRequests => Volatile.Read(ref _sendRequests);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        AuthorizationHeaders.Enqueue(request.Headers.Authorization?.ToString() ?? string.Empty);
        string path = request.RequestUri!.AbsolutePath;
        if (path.EndsWith("/account/balance", StringComparison.Ordinal))
        {
            return Json(HttpStatusCode.OK, BalanceJson);
        }

        var batch = (JsonArray)JsonNode.Parse(await request.Content!.ReadAsStringAsync(cancellationToken))!;
        int n = Interlocked.Increment(ref _sendRequests);
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, cancellationToken);
        }

        HttpResponseMessage? custom = Respond?.Invoke(n, batch);
        if (custom != null)
        {
            return custom;
        }

        Batches.Enqueue(batch);
        return Json(HttpStatusCode.OK, AcceptAll(batch));
    }

    public static string AcceptAll(JsonArray batch)
    {
        string batchId = Guid.NewGuid().ToString();
        var items = new JsonArray();
        foreach (JsonNode? m in batch)
        {
            items.Add(new JsonObject
            {
                ["status"] = true,
                ["message"] = "Message successfully queued!",
                ["data"] = new JsonObject
                {
                    ["correlator"] = m!["correlator"]!.GetValue<string>(),
                    ["uniqueId"] = Guid.NewGuid().ToString(),
                    ["phone"] = m["phone"]!.GetValue<string>(),
                    ["operator"] = "safaricom",
                    ["sms_units"] = 1,
                    ["batch_id"] = batchId,
                },
            });
        }

        return items.ToJsonString();
    }

    public static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
}
