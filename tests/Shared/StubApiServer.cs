#nullable enable
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace CloudRebue.Testing
{
    /// <summary>
    /// A tiny HTTP/1.1 stand-in for <c>GET account/balance</c> on 127.0.0.1 and a free port, for the
    /// session tests. One source for both suites: the xunit project compiles it in, the Pester suite loads
    /// it with Add-Type -Path. The first path segment picks the answer, so one server serves every case:
    /// <c>http://127.0.0.1:PORT/MODE/api/v1/account/balance</c>.
    /// <list type="bullet">
    /// <item><c>ok</c>: 200 with account_units when the bearer token is the expected one, else 401.</item>
    /// <item><c>kes</c>: 200 with balance_kes and balance_minor (a sister brand's shape), same token check.</item>
    /// <item><c>unauthorized</c>: 401 Unauthenticated.</item>
    /// <item><c>error</c>: 500 whose body echoes the Authorization header, as a careless server might, so
    /// tests prove the module scrubs the token out of what the API says.</item>
    /// <item><c>slow</c>: no answer until the client hangs up (its timeout) or the server stops.</item>
    /// </list>
    /// A request whose target is an absolute URI came through us as a proxy: it is answered 407 until it
    /// carries Proxy-Authorization when <see cref="RequireProxyAuthorization"/> is set, then served as above.
    /// Sockets and not HttpListener, because HttpListener cannot act as a proxy and cannot bind port 0.
    /// </summary>
    public sealed class StubApiServer : IDisposable
    {
        private readonly TcpListener _listener;
        private readonly string _token;
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();

        public StubApiServer(string token)
        {
            _token = token;
            _listener = new TcpListener(IPAddress.Loopback, 0);
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            Task.Run(AcceptLoopAsync);
        }

        public int Port { get; }

        /// <summary>Every request seen, in arrival order.</summary>
        public ConcurrentQueue<StubRequest> Requests { get; } = new ConcurrentQueue<StubRequest>();

        /// <summary>When true, proxied requests without Proxy-Authorization get 407 with a Basic challenge.</summary>
        public bool RequireProxyAuthorization { get; set; }

        /// <summary>Account units the ok mode reports.</summary>
        public long Units { get; set; } = 6974;

        /// <summary>The base URI a client is given to get the answers of <paramref name="mode"/>.</summary>
        public Uri BaseUri(string mode) => new Uri(string.Format(CultureInfo.InvariantCulture, "http://127.0.0.1:{0}/{1}/api/v1", Port, mode));

        /// <summary>This server as an HTTP proxy.</summary>
        public Uri ProxyUri => new Uri(string.Format(CultureInfo.InvariantCulture, "http://127.0.0.1:{0}/", Port));

        /// <summary>A loopback address where nothing listens: the port was free a moment ago and is closed again.</summary>
        public static Uri UnreachableBaseUri()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            int port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return new Uri(string.Format(CultureInfo.InvariantCulture, "http://127.0.0.1:{0}/api/v1", port));
        }

        public void Dispose()
        {
            _stopping.Cancel();
            _listener.Stop();
        }

        private async Task AcceptLoopAsync()
        {
            while (!_stopping.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync().ConfigureAwait(false);
                }
                catch (Exception) when (_stopping.IsCancellationRequested)
                {
                    return;
                }
                catch (SocketException)
                {
                    continue;
                }

                _ = Task.Run(() => ServeAsync(client));
            }
        }

        private async Task ServeAsync(TcpClient client)
        {
            using (client)
            {
                try
                {
                    NetworkStream stream = client.GetStream();
                    StubRequest? request = await ReadRequestAsync(stream).ConfigureAwait(false);
                    if (request == null)
                    {
                        return;
                    }

                    Requests.Enqueue(request);
                    await AnswerAsync(stream, request).ConfigureAwait(false);
                }
                catch (IOException)
                {
                    // The client hung up (a timeout on its side): nothing to answer.
                }
                catch (ObjectDisposedException)
                {
                }
                catch (OperationCanceledException)
                {
                }
            }
        }

        private async Task AnswerAsync(NetworkStream stream, StubRequest request)
        {
            if (request.ViaProxy && RequireProxyAuthorization && request.ProxyAuthorization == null)
            {
                await WriteAsync(stream, 407, "{\"message\":\"Proxy authentication required.\"}", "Proxy-Authenticate: Basic realm=\"stub\"\r\n").ConfigureAwait(false);
                return;
            }

            string[] segments = request.Path.Trim('/').Split('/');
            string mode = segments[0];
            bool isBalance = request.Path.EndsWith("/account/balance", StringComparison.Ordinal);
            bool tokenOk = request.Authorization == "Bearer " + _token;
            string unauthenticated = "{\"status\":false,\"message\":\"Unauthenticated.\"}";
            switch (mode)
            {
                case "ok" when isBalance:
                    await WriteAsync(stream, tokenOk ? 200 : 401, tokenOk
                        ? "{\"status\":true,\"data\":{\"account_units\":\"" + Units.ToString(CultureInfo.InvariantCulture) + "\",\"date\":\"2021-12-03 11:10:44\"}}"
                        : unauthenticated).ConfigureAwait(false);
                    return;
                case "kes" when isBalance:
                    await WriteAsync(stream, tokenOk ? 200 : 401, tokenOk
                        ? "{\"status\":true,\"data\":{\"balance_kes\":\"1250.50\",\"balance_minor\":125050,\"date\":\"2021-12-03 11:10:44\"}}"
                        : unauthenticated).ConfigureAwait(false);
                    return;
                case "unauthorized":
                    await WriteAsync(stream, 401, unauthenticated).ConfigureAwait(false);
                    return;
                case "error":
                    await WriteAsync(stream, 500, "{\"message\":\"Server Error while checking " + JsonText(request.Authorization ?? string.Empty) + "\"}").ConfigureAwait(false);
                    return;
                case "slow":
                    // Wait for the client to give up (read returns 0 when it closes) or for the server to stop.
                    await stream.ReadAsync(new byte[1], 0, 1, _stopping.Token).ConfigureAwait(false);
                    return;
                default:
                    await WriteAsync(stream, 404, "{\"message\":\"Not Found\"}").ConfigureAwait(false);
                    return;
            }
        }

        private static async Task<StubRequest?> ReadRequestAsync(NetworkStream stream)
        {
            // Headers end at the first empty line; a GET has no body worth reading.
            var head = new StringBuilder();
            var one = new byte[1];
            while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
            {
                int read = await stream.ReadAsync(one, 0, 1).ConfigureAwait(false);
                if (read == 0 || head.Length > 16384)
                {
                    return null;
                }

                head.Append((char)one[0]);
            }

            string[] lines = head.ToString().Split(new[] { "\r\n" }, StringSplitOptions.RemoveEmptyEntries);
            string[] requestLine = lines[0].Split(' ');
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (int i = 1; i < lines.Length; i++)
            {
                int colon = lines[i].IndexOf(':');
                if (colon > 0)
                {
                    headers[lines[i].Substring(0, colon).Trim()] = lines[i].Substring(colon + 1).Trim();
                }
            }

            string target = requestLine.Length > 1 ? requestLine[1] : "/";
            bool viaProxy = target.StartsWith("http://", StringComparison.OrdinalIgnoreCase);
            string path = viaProxy ? new Uri(target).AbsolutePath : target.Split('?')[0];
            headers.TryGetValue("Authorization", out string? authorization);
            headers.TryGetValue("Proxy-Authorization", out string? proxyAuthorization);
            headers.TryGetValue("Host", out string? host);
            return new StubRequest(requestLine[0], target, path, viaProxy, host, authorization, proxyAuthorization);
        }

        private static async Task WriteAsync(NetworkStream stream, int status, string json, string extraHeaders = "")
        {
            byte[] body = Encoding.UTF8.GetBytes(json);
            string head = string.Format(
                CultureInfo.InvariantCulture,
                "HTTP/1.1 {0} {1}\r\nContent-Type: application/json\r\nContent-Length: {2}\r\nConnection: close\r\n{3}\r\n",
                status,
                Reason(status),
                body.Length,
                extraHeaders);
            byte[] headBytes = Encoding.ASCII.GetBytes(head);
            await stream.WriteAsync(headBytes, 0, headBytes.Length).ConfigureAwait(false);
            await stream.WriteAsync(body, 0, body.Length).ConfigureAwait(false);
            await stream.FlushAsync().ConfigureAwait(false);
        }

        private static string Reason(int status)
        {
            switch (status)
            {
                case 200: return "OK";
                case 401: return "Unauthorized";
                case 404: return "Not Found";
                case 407: return "Proxy Authentication Required";
                default: return "Internal Server Error";
            }
        }

        private static string JsonText(string text) => text.Replace("\\", "\\\\").Replace("\"", "\\\"");
    }

    /// <summary>What the stub saw of one request.</summary>
    public sealed class StubRequest
    {
        public StubRequest(string method, string target, string path, bool viaProxy, string? host, string? authorization, string? proxyAuthorization)
        {
            Method = method;
            Target = target;
            Path = path;
            ViaProxy = viaProxy;
            Host = host;
            Authorization = authorization;
            ProxyAuthorization = proxyAuthorization;
        }

        public string Method { get; }

        /// <summary>The request target as sent: a path, or an absolute URI when it came through us as a proxy.</summary>
        public string Target { get; }

        public string Path { get; }

        public bool ViaProxy { get; }

        public string? Host { get; }

        public string? Authorization { get; }

        public string? ProxyAuthorization { get; }
    }
}
