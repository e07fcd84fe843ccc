using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace CloudRebue.Simulator.Tests;

/// <summary>
/// Stands in for the receipt endpoints: records every POST and answers with the status that
/// <see cref="Respond"/> picks (200 unless a test says otherwise).
/// </summary>
internal sealed class RecordingReceiptHandler : HttpMessageHandler
{
    private int _attempts;

    public ConcurrentQueue<(Uri Uri, string ContentType, JsonElement Body)> Received { get; } = new();

    /// <summary>Picks the answer for the nth attempt (1-based); a null answer simulates a refused connection.</summary>
    public Func<int, HttpStatusCode?> Respond { get; set; } = _ => HttpStatusCode.OK;

    public int Attempts => Volatile.Read(ref _attempts);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string body = await request.Content!.ReadAsStringAsync(cancellationToken);
        Received.Enqueue((request.RequestUri!, request.Content.Headers.ContentType?.MediaType ?? "", JsonDocument.Parse(body).RootElement.Clone()));
        var status = Respond(Interlocked.Increment(ref _attempts));
        if (status is null) throw new HttpRequestException("Connection refused (simulated).");
        return new HttpResponseMessage(status.Value);
    }
}
