using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CloudRebue.Simulator.Tests;

/// <summary>
/// The simulator application on a TestServer, with a fake clock (05:51:16 UTC = 08:51:16 EAT, the
/// time of the provider's sample) and a receipt transport that records instead of sending.
/// </summary>
internal sealed class TestSimulator : IAsyncDisposable
{
    public const string Token = "test-token-123";
    public static readonly DateTimeOffset Start = new(2021, 12, 3, 5, 51, 16, TimeSpan.Zero);

    private TestSimulator(WebApplication app, TimeProvider time, RecordingReceiptHandler receipts)
    {
        App = app;
        Time = time;
        Receipts = receipts;
        Client = app.GetTestServer().CreateClient();
    }

    public WebApplication App { get; }

    public TimeProvider Time { get; }

    /// <summary>The fake clock; null when the test asked for the real one.</summary>
    public FakeTimeProvider? Clock => Time as FakeTimeProvider;

    public RecordingReceiptHandler Receipts { get; }

    public HttpClient Client { get; }

    /// <param name="args">Command-line options besides the token.</param>
    /// <param name="realClock">Use the system clock (for the few tests that need real delays to pass).</param>
    /// <param name="adjust">Changes to the parsed options that have no command-line form.</param>
    public static async Task<TestSimulator> StartAsync(string[]? args = null, bool realClock = false, Func<SimulatorOptions, SimulatorOptions>? adjust = null)
    {
        var options = SimulatorOptions.Parse(["--token", Token, .. args ?? []]);
        options = adjust?.Invoke(options) ?? options;
        TimeProvider time = realClock ? TimeProvider.System : new FakeTimeProvider(Start);
        var receipts = new RecordingReceiptHandler();
        var app = SimulatorApp.Build(options, builder =>
        {
            builder.WebHost.UseTestServer();
            builder.Services.AddSingleton(time);
            builder.Services.AddSingleton(new ReceiptTransport(new HttpClient(receipts)));
        });
        await app.StartAsync();
        return new TestSimulator(app, time, receipts);
    }

    public Task<HttpResponseMessage> SendSmsAsync(string json, string? token = Token, CancellationToken cancellationToken = default) =>
        PostAsync("/api/v1/send-sms", json, token, cancellationToken);

    public Task<HttpResponseMessage> PostAsync(string path, string json, string? token = Token, CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        Authorize(request, token);
        return Client.SendAsync(request, cancellationToken);
    }

    public Task<HttpResponseMessage> GetAsync(string path, string? token = Token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        Authorize(request, token);
        return Client.SendAsync(request);
    }

    /// <summary>Sends and returns the parsed answer, asserting the status first.</summary>
    public async Task<JsonElement> SendSmsJsonAsync(string json, int expectedStatus = 200)
    {
        using var response = await SendSmsAsync(json);
        return await Json.ReadAsync(response, expectedStatus);
    }

    public async Task<JsonElement> StatsAsync()
    {
        using var response = await Client.GetAsync("/_sim/stats");
        return await Json.ReadAsync(response, 200);
    }

    public async Task<JsonElement> MessagesAsync()
    {
        using var response = await Client.GetAsync("/_sim/messages");
        return await Json.ReadAsync(response, 200);
    }

    public async Task<JsonElement> ConfigureAsync(string json, int expectedStatus = 200)
    {
        using var response = await Client.PostAsync("/_sim/config", new StringContent(json, Encoding.UTF8, "application/json"));
        return await Json.ReadAsync(response, expectedStatus);
    }

    public void Advance(TimeSpan by) => (Clock ?? throw new InvalidOperationException("This simulator runs on the real clock.")).Advance(by);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }

    private static void Authorize(HttpRequestMessage request, string? token)
    {
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }
}
