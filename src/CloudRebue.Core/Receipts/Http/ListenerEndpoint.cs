using System;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace CloudRebue.Core.Receipts.Http
{
    /// <summary>
    /// Turns a prefix's host into the address to bind, and binds it: + and * are every address
    /// (IPv6 and IPv4 on one dual-mode socket where the system has IPv6), localhost is 127.0.0.1, an
    /// IP address is itself, and a host name is resolved once with DNS.
    /// </summary>
    internal static class ListenerEndpoint
    {
        // Deep, so a flood of connections queues (costing a client some milliseconds) rather than
        // overflowing (which costs it a handshake retransmission: a second or more). The system caps it.
        private const int Backlog = 4096;

        /// <summary>Checks the host's form without touching the network; throws <see cref="ListenerAddressException"/>.</summary>
        public static void Validate(string host)
        {
            if (IsWildcard(host) || IsLocalhost(host) || TryParseIp(host, out _))
            {
                return;
            }

            if (Uri.CheckHostName(host) != UriHostNameType.Dns)
            {
                throw new ListenerAddressException(
                    PrintableText.Escape(host)!,
                    "'" + PrintableText.Escape(host) + "' is not an address to listen on. Give + (every address), 127.0.0.1 (this computer only), one of this computer's IP addresses, or a host name.");
            }
        }

        /// <summary>A listening socket on the host and port (0 picks a free port); throws <see cref="ListenerAddressException"/> or <see cref="ReceiptListenerBindException"/>.</summary>
        public static Socket Bind(ListenerPrefix prefix)
        {
            IPAddress address = Resolve(prefix.Host);
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                if (address.Equals(IPAddress.IPv6Any))
                {
                    socket.DualMode = true;
                }

                if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
                {
                    // Lets a new listener take the port while old connections sit in TIME_WAIT. On
                    // Unix this never lets two listeners share a port (on Windows it would: not set there).
                    socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                }

                socket.Bind(new IPEndPoint(address, prefix.Port));
                socket.Listen(Backlog);
                return socket;
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                if (ex.SocketErrorCode == SocketError.AddressNotAvailable)
                {
                    throw new ListenerAddressException(
                        prefix.Host,
                        prefix.Host + " is not an address of this computer. Give one of its addresses, + for every address, or 127.0.0.1 for this computer only.",
                        ex);
                }

                throw ReceiptListenerBindException.For(prefix, (int)ex.SocketErrorCode, ex);
            }
        }

        private static IPAddress Resolve(string host)
        {
            if (IsWildcard(host))
            {
                return Socket.OSSupportsIPv6 ? IPAddress.IPv6Any : IPAddress.Any;
            }

            if (IsLocalhost(host))
            {
                return IPAddress.Loopback;
            }

            if (TryParseIp(host, out IPAddress? ip))
            {
                return ip!;
            }

            Validate(host);
            try
            {
                IPAddress[] found = Dns.GetHostAddresses(host);
                if (found.Length > 0)
                {
                    return found[0];
                }
            }
            catch (SocketException ex)
            {
                throw new ListenerAddressException(host, "The host name " + host + " is not known to DNS. Give an IP address of this computer, + for every address, or 127.0.0.1.", ex);
            }

            throw new ListenerAddressException(host, "The host name " + host + " has no address. Give an IP address of this computer, + for every address, or 127.0.0.1.");
        }

        private static bool IsWildcard(string host) => host == "+" || host == "*";

        private static bool IsLocalhost(string host) => string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase);

        private static bool TryParseIp(string host, out IPAddress? address)
        {
            string bare = host.StartsWith("[", StringComparison.Ordinal) && host.EndsWith("]", StringComparison.Ordinal)
                ? host.Substring(1, host.Length - 2)
                : host;

            // IPAddress.TryParse takes "1" as 0.0.0.1: only a dotted quad or an IPv6 literal counts.
            if ((bare.IndexOf(':') >= 0 || bare.Split('.').Length == 4) && IPAddress.TryParse(bare, out IPAddress? parsed))
            {
                address = parsed;
                return true;
            }

            address = null;
            return false;
        }
    }
}
