using System;

namespace CloudRebue.Core.Receipts
{
    /// <summary>Where the listener listens and the limits it keeps.</summary>
    public sealed class ReceiptListenerOptions
    {
        /// <summary>Largest body read, in bytes, before answering 413. Receipts are about 150 bytes each.</summary>
        public const int DefaultMaxBodyBytes = 64 * 1024;

        /// <summary>Receipts that may wait for the consumer before requests are answered 503.</summary>
        public const int DefaultQueueCapacity = 10_000;

        /// <summary>
        /// Recent receipts remembered to recognise a duplicate. Each costs about 50 bytes (a 16-byte
        /// digest in a ring and a hash set), so the default window costs about 5 MB.
        /// </summary>
        public const int DefaultDuplicateWindow = 100_000;

        /// <summary>Connections open at once, by default.</summary>
        public const int DefaultMaxConnections = 512;

        /// <summary>Idle time allowed before a request starts, by default.</summary>
        public static readonly TimeSpan DefaultIdleTimeout = TimeSpan.FromSeconds(30);

        /// <summary>Time allowed for a request's headers, by default.</summary>
        public static readonly TimeSpan DefaultHeaderTimeout = TimeSpan.FromSeconds(10);

        /// <summary>Time allowed for a request's body, by default.</summary>
        public static readonly TimeSpan DefaultBodyTimeout = TimeSpan.FromSeconds(10);

        /// <summary>Where to listen, as a URL prefix, e.g. http://+:8080/ (see <see cref="ListenerPrefix"/>); port 0 picks a free port.</summary>
        public string Prefix { get; set; } = string.Empty;

        /// <summary>The path the provider posts to; its last segment is the secret (see <see cref="ReceiptPath"/>).</summary>
        public string Path { get; set; } = string.Empty;

        /// <summary>Largest body accepted, in bytes.</summary>
        public int MaxBodyBytes { get; set; } = DefaultMaxBodyBytes;

        /// <summary>Receipts that may wait for the consumer.</summary>
        public int QueueCapacity { get; set; } = DefaultQueueCapacity;

        /// <summary>How many recent receipts are remembered to recognise duplicates.</summary>
        public int DuplicateWindow { get; set; } = DefaultDuplicateWindow;

        /// <summary>Accept at most this many receipts in all, then answer 503 (so nothing is acknowledged that will not be emitted); null for no limit.</summary>
        public long? MaxReceipts { get; set; }

        /// <summary>
        /// Connections open at once. At the cap, the connection that has waited longest on its client
        /// is closed to make room for the new one. Each costs about 10 KB while it waits.
        /// </summary>
        public int MaxConnections { get; set; } = DefaultMaxConnections;

        /// <summary>How long a new connection is spared when room is made under the cap; tests set it to make eviction deterministic.</summary>
        internal TimeSpan EvictionGrace { get; set; } = TimeSpan.FromMilliseconds(250);

        /// <summary>How long a connection may wait for the first byte of a request (new, or between keep-alive requests).</summary>
        public TimeSpan IdleTimeout { get; set; } = DefaultIdleTimeout;

        /// <summary>How long a client may take from the first byte of a request to the end of its headers.</summary>
        public TimeSpan HeaderTimeout { get; set; } = DefaultHeaderTimeout;

        /// <summary>How long a client may take to send its body (and to read our answer) before the connection is closed.</summary>
        public TimeSpan BodyTimeout { get; set; } = DefaultBodyTimeout;
    }
}
