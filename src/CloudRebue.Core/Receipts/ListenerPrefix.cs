using System;
using System.Globalization;

namespace CloudRebue.Core.Receipts
{
    /// <summary>
    /// A URL prefix such as http://+:8080/ : which address and port to listen on, and optionally a
    /// path under which the receipt path lies. Plain http only: TLS belongs to a reverse proxy in
    /// front of the listener. Port 0 (any free port) is allowed only through <see cref="For"/>.
    /// </summary>
    public sealed class ListenerPrefix
    {
        /// <summary>The address that means every interface, on Windows (http.sys strong wildcard) and in the managed listener on Linux and macOS alike.</summary>
        public const string AllAddresses = "+";

        private ListenerPrefix(string host, int port, string path)
        {
            Host = host;
            Port = port;
            Path = path;
            Value = "http://" + host + ":" + port.ToString(CultureInfo.InvariantCulture) + path;
        }

        /// <summary>The prefix as text, e.g. http://+:8080/ .</summary>
        public string Value { get; }

        /// <summary>The host part: +, *, an IP address or a host name.</summary>
        public string Host { get; }

        /// <summary>The TCP port.</summary>
        public int Port { get; }

        /// <summary>The path part, starting and ending with '/'.</summary>
        public string Path { get; }

        /// <summary>The prefix for listening on <paramref name="address"/> (default +) and <paramref name="port"/> (0 for any free port).</summary>
        public static ListenerPrefix For(string? address, int port)
        {
            string host = string.IsNullOrWhiteSpace(address) ? AllAddresses : address!.Trim();
            if (host.IndexOf(':') >= 0 && !host.StartsWith("[", StringComparison.Ordinal))
            {
                host = "[" + host + "]"; // an IPv6 address needs brackets in a URL
            }

            return Parse("http://" + host + ":" + port.ToString(CultureInfo.InvariantCulture) + "/", allowAnyPort: true);
        }

        /// <summary>The same prefix on another port: the one actually bound when port 0 was asked for.</summary>
        public ListenerPrefix WithPort(int port) => new ListenerPrefix(Host, port, Path);

        /// <summary>Validates a prefix: http://host:port/ with an optional path ending in '/'.</summary>
        public static ListenerPrefix Parse(string prefix) => Parse(prefix, allowAnyPort: false);

        /// <summary>As <see cref="Parse(string)"/>; with <paramref name="allowAnyPort"/>, port 0 means any free port.</summary>
        internal static ListenerPrefix Parse(string prefix, bool allowAnyPort)
        {
            if (prefix == null)
            {
                throw new ArgumentNullException(nameof(prefix));
            }

            string text = prefix.Trim();
            const string Scheme = "http://";
            if (text.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException("The listener speaks plain http. Put TLS in a reverse proxy (nginx, IIS, Caddy) in front and forward to an http:// prefix.", nameof(prefix));
            }

            if (!text.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException("A prefix looks like http://+:8080/ (scheme http, a host or + or *, a port, and a path ending in '/').", nameof(prefix));
            }

            string rest = text.Substring(Scheme.Length);
            int slash = rest.IndexOf('/');
            string authority = slash < 0 ? rest : rest.Substring(0, slash);
            string path = slash < 0 ? "/" : rest.Substring(slash);
            if (!path.EndsWith("/", StringComparison.Ordinal))
            {
                path += "/";
            }

            int colon = authority.LastIndexOf(':');
            if (colon <= 0 || colon < authority.LastIndexOf(']'))
            {
                throw new ArgumentException("The prefix names no port. A prefix looks like http://+:8080/ .", nameof(prefix));
            }

            string host = authority.Substring(0, colon);
            if (!int.TryParse(authority.Substring(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port < (allowAnyPort ? 0 : 1) || port > 65535)
            {
                throw new ArgumentException("The prefix's port is not a number from 1 to 65535. A prefix looks like http://+:8080/ .", nameof(prefix));
            }

            return new ListenerPrefix(host, port, path);
        }

        /// <inheritdoc />
        public override string ToString() => Value;
    }
}
