using System.Net;
using System.Net.Sockets;
using System.Text;
using CloudRebue.Core.Receipts;

namespace CloudRebue.Core.Tests.Receipts;

/// <summary>A started <see cref="ReceiptListener"/> on a free loopback port, with a client aimed at it.</summary>
internal sealed class RunningListener : IDisposable
{
    public const string Secret = "5f0c1d9a8b7e4f3a9c2d1e0f6a7b8c9d";

    private RunningListener(ReceiptListener listener, int port)
    {
        Listener = listener;
        Port = port;
        Client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };
    }

    public ReceiptListener Listener { get; }

    public int Port { get; }

    public HttpClient Client { get; }

    public string ReceiptUrl => $"http://127.0.0.1:{Port}/receipts/{Secret}";

    public string UrlFor(string path) => $"http://127.0.0.1:{Port}{path}";

    public static RunningListener Start(Action<ReceiptListenerOptions>? configure = null, IReceiptCorrelator? correlator = null, TimeProvider? time = null)
    {
        for (int attempt = 1; ; attempt++)
        {
            int port = FreePort.Find();
            var options = new ReceiptListenerOptions { Prefix = $"http://127.0.0.1:{port}/", Path = "/receipts/" + Secret };
            configure?.Invoke(options);
            var listener = new ReceiptListener(options, correlator ?? NullReceiptCorrelator.Instance, time ?? TimeProvider.System);
            try
            {
                listener.Start();
                return new RunningListener(listener, port);
            }
            catch (ReceiptListenerBindException) when (attempt < 5)
            {
                // Another process took the port between our probe and our bind: try another.
                listener.Dispose();
            }
        }
    }

    public static string Json(string uniqueId, string status = "DeliveredToTerminal", string correlator = "1", string time = "2020-01-01 00:00:00") =>
        $$"""{"phone":"254712345678","correlator":{{correlator}},"uniqueId":"{{uniqueId}}","deliveryStatus":"{{status}}","deliveryTime":"{{time}}"}""";

    public Task<HttpResponseMessage> PostAsync(string json, string? path = null) =>
        Client.PostAsync(path == null ? ReceiptUrl : UrlFor(path), new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>Every receipt queued right now, without waiting for more.</summary>
    public List<DeliveryReceipt> TakeAll()
    {
        var all = new List<DeliveryReceipt>();
        while (Listener.TryTake(out var r, TimeSpan.Zero, CancellationToken.None))
        {
            all.Add(r);
        }

        return all;
    }

    /// <summary>Waits (bounded) until the condition holds; false when it never did.</summary>
    public static bool WaitFor(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            Thread.Sleep(10);
        }

        return true;
    }

    public void Dispose()
    {
        Client.Dispose();
        Listener.Dispose();
    }
}

internal static class FreePort
{
    /// <summary>A port that was free a moment ago on 127.0.0.1: bind port 0, read it, release it.</summary>
    public static int Find()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
