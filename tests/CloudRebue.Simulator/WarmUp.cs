using System.Net.Http.Headers;
using System.Text;

namespace CloudRebue.Simulator;

/// <summary>
/// Runs a few real requests through the whole pipeline before LISTENING is printed, then forgets them.
/// A cold process compiles its request path on the first requests; a burst arriving then is handled late
/// and all at once, so the rate-limit window would count requests the client had spaced correctly as if
/// they came together. The real API is a warm server: so is the simulator by the time anyone can reach it.
/// </summary>
internal static class WarmUp
{
    private const int Rounds = 3;
    private const int Concurrent = 16;

    public static async Task RunAsync(IServiceProvider services, Uri root, string token)
    {
        var config = services.GetRequiredService<ConfigStore>();
        SimulatorConfig asConfigured = config.Current;

        // No faults, limit or latency while warming up: a 'slow' or 'reset' fault must not fire on ourselves.
        config.Replace(asConfigured with { Faults = FaultPlan.None, RateLimit = 0, LatencyMs = 0 });
        try
        {
            using var http = new HttpClient { BaseAddress = root, Timeout = TimeSpan.FromSeconds(10) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            string batch = Batch();
            for (int round = 0; round < Rounds; round++)
            {
                var requests = Enumerable.Range(0, Concurrent).Select(_ =>
                    http.PostAsync("api/v1/send-sms", new StringContent(batch, Encoding.UTF8, "application/json")));
                foreach (var response in await Task.WhenAll(requests)) response.Dispose();
                (await http.GetAsync("api/v1/account/balance")).Dispose();
            }
        }
        finally
        {
            config.Replace(asConfigured);
            Forget(services);
        }
    }

    // What POST /_sim/reset does: the warm-up leaves no trace in stats, messages, window or balance.
    private static void Forget(IServiceProvider services)
    {
        services.GetRequiredService<ReceiptDispatcher>().DropPending();
        services.GetRequiredService<SimulatorStats>().Clear();
        services.GetRequiredService<MessageStore>().Clear();
        services.GetRequiredService<SendSmsEndpoint>().Reset();
        services.GetRequiredService<AccountLedger>().Reset();
    }

    private static string Batch()
    {
        var json = new StringBuilder("[");
        for (int i = 0; i < 100; i++)
        {
            if (i > 0) json.Append(',');
            json.Append("{\"sender\":\"WARMUP\",\"message\":\"warm up ").Append(i).Append("\",\"phone\":\"2547").Append((10000000 + i).ToString()).Append("\",\"correlator\":\"w").Append(i).Append("\"}");
        }

        return json.Append(']').ToString();
    }
}
