using System.Net;
using System.Net.Http;
using System.Text;

namespace CloudRebue.Core.Tests.Api;

/// <summary>An HttpMessageHandler that answers with what the test scripts, and records what it was sent.</summary>
internal sealed class ScriptedHandler : HttpMessageHandler
{
    private readonly Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> _answer;

    public ScriptedHandler(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> answer) => _answer = answer;

    public List<HttpRequestMessage> Requests { get; } = new();

    public static ScriptedHandler Json(HttpStatusCode status, string json) =>
        new((_, _) => Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") }));

    public static ScriptedHandler Throws(Exception exception) => new((_, _) => Task.FromException<HttpResponseMessage>(exception));

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        return _answer(request, cancellationToken);
    }
}
