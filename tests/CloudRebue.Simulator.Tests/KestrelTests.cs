using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using CloudRebue.Tests.Shared;

namespace CloudRebue.Simulator.Tests;

/// <summary>The same application on real loopback sockets: what a TestServer cannot show.</summary>
public class KestrelTests
{
    [Fact]
    public async Task ItListensOnLoopbackOnAFreePortAndAnswers()
    {
        await using var app = SimulatorApp.Build(Options());
        await app.StartAsync();
        var root = RootUri(app);
        Assert.Equal("127.0.0.1", root.Host);
        Assert.NotEqual(0, root.Port);

        using var client = NewClient(root);
        using var response = await client.PostAsync("/api/v1/send-sms", JsonBody(Json.Message()));
        Assert.Equal(200, (int)response.StatusCode);
        await app.StopAsync();
    }

    [Theory]
    [InlineData("reset-before", 0)]
    [InlineData("reset-after", 1)]
    public async Task AResetFaultDropsTheRealConnection(string kind, int accepted)
    {
        await using var app = SimulatorApp.Build(Options(["--fault", $"{kind}:every=1"]));
        await app.StartAsync();
        using var client = NewClient(RootUri(app));

        await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync("/api/v1/send-sms", JsonBody(Json.Message())));
        var stats = app.Services.GetRequiredService<SimulatorStats>().Snapshot();
        Assert.Equal(accepted, stats.AcceptedMessages);
        Assert.Equal(1, stats.Requests["reset"]);
        await app.StopAsync();
    }

    [Fact]
    public async Task ReceiptsArePostedToARealLoopbackEndpoint()
    {
        var received = new ConcurrentQueue<string>();
        await using var receiver = await StartReceiverAsync(received);
        string endpoint = $"{RootUri(receiver)}receipts/s3cret";

        await using var app = SimulatorApp.Build(Options(["--receipt-delay-ms", "0"]));
        await app.StartAsync();
        using var client = NewClient(RootUri(app));
        using var response = await client.PostAsync("/api/v1/send-sms", JsonBody(Json.Batch(3, extra: $"\"endpoint\":\"{endpoint}\"")));
        Assert.Equal(200, (int)response.StatusCode);

        var stats = app.Services.GetRequiredService<SimulatorStats>();
        await Eventually.TrueAsync(() => stats.Snapshot().ReceiptsSent == 3);
        var phones = received.Select(r => JsonDocument.Parse(r).RootElement.GetProperty("phone").GetString()).Order();
        Assert.Equal(["254712000001", "254712000002", "254712000003"], phones);
        await app.StopAsync();
    }

    [Fact]
    public async Task AReceiptToAClosedPortIsRetriedThenCountedAsFailed()
    {
        int closedPort = FreePort();
        await using var app = SimulatorApp.Build(Options(["--receipt-delay-ms", "0"]) with { ReceiptRetryBaseDelayMs = 1 });
        await app.StartAsync();
        using var client = NewClient(RootUri(app));
        using var response = await client.PostAsync("/api/v1/send-sms", JsonBody(Json.Message(extra: $"\"endpoint\":\"http://127.0.0.1:{closedPort}/r\"")));
        Assert.Equal(200, (int)response.StatusCode);

        var stats = app.Services.GetRequiredService<SimulatorStats>();
        await Eventually.TrueAsync(() => stats.Snapshot().ReceiptsFailed == 1);
        Assert.Equal(0, stats.Snapshot().ReceiptsSent);
        await app.StopAsync();
    }

    [Fact]
    public async Task StoppingDoesNotWaitForASlowAnswer()
    {
        await using var app = SimulatorApp.Build(Options(["--fault", "slow:every=1"]));
        await app.StartAsync();
        using var client = NewClient(RootUri(app));
        var pending = client.PostAsync("/api/v1/send-sms", JsonBody(Json.Message()));
        var stats = app.Services.GetRequiredService<SimulatorStats>();
        await Eventually.TrueAsync(() => stats.Snapshot().AcceptedMessages == 1);

        var started = DateTime.UtcNow;
        await app.StopAsync();
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(4), "the slow request held up shutdown");
        await Assert.ThrowsAnyAsync<Exception>(() => pending);
    }

    private static SimulatorOptions Options(string[]? args = null) =>
        SimulatorOptions.Parse(["--port", "0", "--token", TestSimulator.Token, .. args ?? []]);

    private static Uri RootUri(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new Uri(address.EndsWith('/') ? address : address + "/");
    }

    private static HttpClient NewClient(Uri root)
    {
        var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = root, Timeout = TimeSpan.FromSeconds(10) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestSimulator.Token);
        return client;
    }

    private static StringContent JsonBody(string json) => new(json, Encoding.UTF8, "application/json");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A stand-in receipt endpoint on its own loopback port.</summary>
    private static async Task<WebApplication> StartReceiverAsync(ConcurrentQueue<string> received)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var receiver = builder.Build();
        receiver.MapPost("/receipts/s3cret", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            received.Enqueue(await reader.ReadToEndAsync());
            return Results.Ok();
        });
        await receiver.StartAsync();
        return receiver;
    }
}
