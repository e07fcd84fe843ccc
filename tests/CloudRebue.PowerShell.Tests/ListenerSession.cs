using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CloudRebue.Core.Receipts;

namespace CloudRebue.PowerShell.Tests;

/// <summary>
/// Start-RebueReceiptListener running asynchronously in a runspace on a free loopback port, started
/// when its "Listening" verbose line has been written. The secret reaches the script as a
/// parameter, so it is never part of the script text.
/// </summary>
internal sealed class ListenerSession : IDisposable
{
    public const string Secret = "9c1e7a2b4d6f4e8a9b0c1d2e3f4a5b6c";
    public const string SecretPath = "/receipts/" + Secret;

    private static readonly HttpClient Client = new(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = 64 });

    private readonly IAsyncResult _async;

    private ListenerSession(System.Management.Automation.PowerShell ps, int port, PSDataCollection<PSObject> output, IAsyncResult async)
    {
        PowerShell = ps;
        Port = port;
        Output = output;
        _async = async;
    }

    public System.Management.Automation.PowerShell PowerShell { get; }

    public int Port { get; }

    public PSDataCollection<PSObject> Output { get; }

    public string ReceiptUrl => $"http://127.0.0.1:{Port}{SecretPath}";

    /// <summary>
    /// Runs "Start-RebueReceiptListener -ListenAddress 127.0.0.1 -Port $port -Path $path -Verbose
    /// {arguments} {pipeline}" and returns once it listens. A port taken by someone else between
    /// probe and bind is retried on another.
    /// </summary>
    public static ListenerSession Start(Runspace runspace, string arguments = "", string pipeline = "", int? port = null)
    {
        for (int attempt = 1; ; attempt++)
        {
            int chosen = port ?? FreePort();
            var ps = System.Management.Automation.PowerShell.Create();
            ps.Runspace = runspace;
            ps.AddScript($"param($port, $path) Start-RebueReceiptListener -ListenAddress 127.0.0.1 -Port $port -Path $path -Verbose {arguments} {pipeline}")
                .AddParameter("port", chosen)
                .AddParameter("path", SecretPath);
            using var listening = new ManualResetEventSlim();
            ps.Streams.Verbose.DataAdded += (sender, e) =>
            {
                if (((PSDataCollection<VerboseRecord>)sender!)[e.Index].Message.StartsWith("Listening", StringComparison.Ordinal))
                {
                    listening.Set();
                }
            };
            var output = new PSDataCollection<PSObject>();
            IAsyncResult async = ps.BeginInvoke<PSObject, PSObject>(null, output);
            WaitHandle.WaitAny(new[] { listening.WaitHandle, async.AsyncWaitHandle }, TimeSpan.FromSeconds(30));
            if (listening.IsSet)
            {
                return new ListenerSession(ps, chosen, output, async);
            }

            Exception? failure = null;
            try
            {
                ps.EndInvoke(async);
            }
            catch (RuntimeException ex)
            {
                failure = ex;
            }

            ps.Dispose();
            bool collided = failure is RuntimeException r && r.ErrorRecord.FullyQualifiedErrorId.StartsWith("CloudRebue.ListenerBindFailed", StringComparison.Ordinal);
            if (!collided || port != null || attempt >= 5)
            {
                throw new InvalidOperationException("The listener did not start.", failure);
            }
        }
    }

    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public static string ReceiptJson(string uniqueId, string status = "DeliveredToTerminal") =>
        $$"""{"phone":"254712345678","correlator":"c-{{uniqueId}}","uniqueId":"{{uniqueId}}","deliveryStatus":"{{status}}","deliveryTime":"2020-01-01 00:00:00"}""";

    /// <summary>
    /// Posts on a connection of its own (Connection: close): tests stop and restart listeners on the same
    /// port, and a pooled keep-alive connection to a stopped one could be picked up before its close
    /// arrives, failing the request for reasons that have nothing to do with the listener under test.
    /// </summary>
    public Task<HttpResponseMessage> PostAsync(string json, string? path = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{Port}{path ?? SecretPath}")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.ConnectionClose = true;
        return Client.SendAsync(request);
    }

    /// <summary>Waits (bounded) for the pipeline to end and returns the receipts it wrote.</summary>
    public List<DeliveryReceipt> End()
    {
        if (!_async.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(30)))
        {
            throw new TimeoutException("The listener did not end.");
        }

        PowerShell.EndInvoke(_async);
        return Output.Select(o => o.BaseObject).OfType<DeliveryReceipt>().ToList();
    }

    public IEnumerable<string> AllText() =>
        PowerShell.Streams.Verbose.Select(v => v.Message)
            .Concat(PowerShell.Streams.Warning.Select(w => w.Message))
            .Concat(PowerShell.Streams.Error.Select(e => e.ToString() + " " + e.Exception));

    public void Dispose()
    {
        if (!_async.IsCompleted)
        {
            PowerShell.Stop();
        }

        PowerShell.Dispose();
    }
}
