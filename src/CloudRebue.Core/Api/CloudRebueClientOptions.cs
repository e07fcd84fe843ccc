using System;
using System.Net;

namespace CloudRebue.Core.Api
{
    /// <summary>Everything a client needs to reach one CloudRebue account.</summary>
    public sealed class CloudRebueClientOptions
    {
        /// <summary>The documented production base URL. Sister brands serve the same API on other hosts.</summary>
        public static readonly Uri DefaultBaseUri = new Uri("https://bulk.cloudrebue.co.ke/api/v1/");

        /// <summary>Seconds one request may take unless told otherwise (Connect-CloudRebue -TimeoutSec).</summary>
        public const int DefaultTimeoutSeconds = 30;

        /// <summary>The connections kept to the API host unless told otherwise; the most requests Send-RebueSms keeps in flight.</summary>
        public const int DefaultMaxConnections = 128;

        public CloudRebueClientOptions(ApiToken token)
        {
            Token = token ?? throw new ArgumentNullException(nameof(token));
        }

        public ApiToken Token { get; }

        public Uri BaseUri { get; set; } = DefaultBaseUri;

        /// <summary>Whose documented field names to use (<see cref="BrandProfile.Infer"/> picks it from the host).</summary>
        public Brand Brand { get; set; } = Brand.CloudRebue;

        /// <summary>How long one request may take before its outcome is treated as unknown.</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(DefaultTimeoutSeconds);

        public Uri? Proxy { get; set; }

        public NetworkCredential? ProxyCredential { get; set; }

        /// <summary>
        /// The most connections to the API host (MaxConnectionsPerServer): as many as Send-RebueSms may keep
        /// requests in flight (-ThrottleLimit), so no request waits inside the handler for a connection.
        /// Connections open only when needed.
        /// </summary>
        public int MaxConnections { get; set; } = DefaultMaxConnections;

        /// <summary>Base URI with exactly one trailing slash, so relative paths land under /api/v1/.</summary>
        public static Uri NormalizeBaseUri(Uri uri)
        {
            if (uri is null || !uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                throw new ArgumentException($"The base URI '{uri}' is not an absolute http or https address such as {DefaultBaseUri}.", nameof(uri));
            }

            string text = uri.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/";
            return new Uri(text);
        }
    }
}
