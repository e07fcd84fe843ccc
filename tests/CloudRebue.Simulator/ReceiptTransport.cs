using System.Net.Http.Headers;

namespace CloudRebue.Simulator;

/// <summary>
/// The HTTP client receipts go out through. Its own class so tests can hand in a fake handler;
/// no proxy, so a loopback endpoint is never routed elsewhere by the environment.
/// </summary>
internal sealed class ReceiptTransport(HttpClient client) : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public static ReceiptTransport CreateDefault() => new(new HttpClient(new SocketsHttpHandler
    {
        UseProxy = false,
        MaxConnectionsPerServer = 16,
        ConnectTimeout = TimeSpan.FromSeconds(2),
        PooledConnectionLifetime = TimeSpan.FromMinutes(1),
    })
    {
        Timeout = TimeSpan.FromSeconds(5),
    });

    /// <summary>True on a 2xx answer; false on any other status or a connection failure.</summary>
    public async Task<bool> PostAsync(Uri endpoint, byte[] body, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = Json;
        try
        {
            using var response = await client.PostAsync(endpoint, content, cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or IOException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // Connection refused, reset, or the per-attempt timeout: the caller retries.
            return false;
        }
    }

    public void Dispose() => client.Dispose();
}
