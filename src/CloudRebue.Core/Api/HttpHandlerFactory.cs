using System;
using System.Net;
using System.Net.Http;

namespace CloudRebue.Core.Api
{
    /// <summary>Builds the one handler a connection owns: proxy, connection limit, TLS on .NET Framework.</summary>
    internal static class HttpHandlerFactory
    {
        public static HttpMessageHandler Create(CloudRebueClientOptions options)
        {
            EnableTls12OnNetFramework();
            var handler = new HttpClientHandler
            {
                MaxConnectionsPerServer = Math.Max(2, options.MaxConnections),
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
                AllowAutoRedirect = false,
            };

            if (options.Proxy != null)
            {
                handler.Proxy = new WebProxy(options.Proxy) { Credentials = options.ProxyCredential };
                handler.UseProxy = true;
            }

            return handler;
        }

        // Windows PowerShell 5.1 runs on .NET Framework, whose default protocols may not include TLS 1.2.
        // Add it with a bitwise OR so whatever the host or other modules enabled stays enabled.
        private static void EnableTls12OnNetFramework()
        {
            if (System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal))
            {
                ServicePointManager.SecurityProtocol = WithTls12(ServicePointManager.SecurityProtocol);
            }
        }

        /// <summary>The protocols given plus TLS 1.2: nothing enabled is ever taken away.</summary>
        internal static SecurityProtocolType WithTls12(SecurityProtocolType current) => current | SecurityProtocolType.Tls12;
    }
}
