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

        /// <summary>The URL prefix HttpListener registers, e.g. http://+:8080/ (see <see cref="ListenerPrefix"/>).</summary>
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
        /// Requests handled at once: each is an accept loop of its own, so one slow client holds one
        /// loop, not the listener.
        /// </summary>
        public int Concurrency { get; set; } = Math.Max(16, Environment.ProcessorCount * 4);

        /// <summary>How long a client may take to send its body before the connection is dropped.</summary>
        public TimeSpan BodyTimeout { get; set; } = TimeSpan.FromSeconds(10);
    }
}
