using System;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace CloudRebue.Core.Receipts
{
    /// <summary>
    /// The listener could not take its prefix: the port is in use, or the account may not listen
    /// there. The message says what to do; it names the prefix, which never holds the secret.
    /// </summary>
    public sealed class ReceiptListenerBindException : Exception
    {
        // Windows (http.sys) error codes and the managed listener's socket error codes.
        private const int WindowsAccessDenied = 5;
        private const int WindowsSharingViolation = 32;
        private const int WindowsAlreadyExists = 183;
        private const int ManagedAlreadyRegistered = 400;

        private ReceiptListenerBindException(string message, ListenerPrefix prefix, string? urlAclCommand, Exception innerException)
            : base(message, innerException)
        {
            Prefix = prefix.Value;
            UrlAclCommand = urlAclCommand;
        }

        /// <summary>The prefix that could not be bound, e.g. http://+:8080/ .</summary>
        public string Prefix { get; }

        /// <summary>When Windows denied access: the netsh command that reserves the prefix for this account; else null.</summary>
        public string? UrlAclCommand { get; }

        /// <summary>Explains a failed bind of this prefix (an http.sys or socket error code).</summary>
        public static ReceiptListenerBindException For(ListenerPrefix prefix, int errorCode, Exception innerException) =>
            For(prefix, errorCode, innerException, Environment.UserDomainName + "\\" + Environment.UserName);

        internal static ReceiptListenerBindException For(ListenerPrefix prefix, int errorCode, Exception innerException, string account)
        {
            string port = prefix.Port.ToString(CultureInfo.InvariantCulture);
            if (errorCode == WindowsAccessDenied)
            {
                string command = "netsh http add urlacl url=" + prefix.Value + " user=" + account;
                return new ReceiptListenerBindException(
                    "Windows did not let " + account + " listen on " + prefix.Value + ". Reserve the prefix for this account once, from an elevated prompt: "
                    + command + " ; or run PowerShell as Administrator.",
                    prefix,
                    command,
                    innerException);
            }

            if (errorCode == (int)SocketError.AccessDenied)
            {
                return new ReceiptListenerBindException(
                    "This account may not listen on port " + port + ": ports below 1024 need elevated rights. Choose -Port 1024 or above and let a reverse proxy forward to it.",
                    prefix,
                    null,
                    innerException);
            }

            if (errorCode == (int)SocketError.AddressAlreadyInUse || errorCode == WindowsSharingViolation || errorCode == WindowsAlreadyExists || errorCode == ManagedAlreadyRegistered)
            {
                return new ReceiptListenerBindException(
                    "Port " + port + " is already in use (" + prefix.Value + "): another program or another listener in this session holds it. Stop that listener, or choose another -Port.",
                    prefix,
                    null,
                    innerException);
            }

            return new ReceiptListenerBindException(
                "Could not listen on " + prefix.Value + ": " + innerException.Message + " Check the address and port; + listens on every address, 127.0.0.1 on this machine only.",
                prefix,
                null,
                innerException);
        }

        /// <summary>The error code inside an exception HttpListener.Start throws.</summary>
        internal static int ErrorCodeOf(Exception exception) => exception switch
        {
            HttpListenerException http => http.ErrorCode,
            SocketException socket => (int)socket.SocketErrorCode,
            _ => 0,
        };
    }
}
