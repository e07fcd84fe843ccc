using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace CloudRebue.Core.Tests.Fakes;

/// <summary>An HttpMessageHandler that answers each request with what the test scripted, and records requests.</summary>
public sealed class ScriptedHandler : HttpMessageHandler
{
    private readonly Func<HttpRequestMessage, string, CancellationToken, Task<HttpResponseMessage>> _answer;
    private readonly bool _readBody;

    public ScriptedHandler(Func<HttpRequestMessage, string, CancellationToken, Task<HttpResponseMessage>> answer, bool readBody = true)
    {
        _answer = answer;
        _readBody = readBody;
    }

    public ScriptedHandler(HttpStatusCode status, string body)
        : this((_, _, _) => Task.FromResult(Json(status, body)))
    {
    }

    public ConcurrentQueue<(HttpRequestMessage Request, string Body)> Seen { get; } = new();

    public static ScriptedHandler Throwing(Exception exception) => new((_, _, _) => Task.FromException<HttpResponseMessage>(exception));

    public static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string body = request.Content == null || !_readBody ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        Seen.Enqueue((request, body));
        return await _answer(request, body, cancellationToken);
    }
}
