namespace CloudRebue.Core.Receipts.Http
{
    /// <summary>What the listener needs from a request's line and headers; nothing else is kept.</summary>
    internal sealed class HttpRequestHead
    {
        public HttpRequestHead(string method, string path, long contentLength, bool chunked, bool expectContinue, bool keepAlive)
        {
            Method = method;
            Path = path;
            ContentLength = contentLength;
            Chunked = chunked;
            ExpectContinue = expectContinue;
            KeepAlive = keepAlive;
        }

        /// <summary>The method, as sent (methods are case-sensitive).</summary>
        public string Method { get; }

        /// <summary>The target's path, without query or fragment, still percent-encoded.</summary>
        public string Path { get; }

        /// <summary>The declared Content-Length; -1 when none was declared.</summary>
        public long ContentLength { get; }

        /// <summary>True for Transfer-Encoding: chunked.</summary>
        public bool Chunked { get; }

        /// <summary>True when the client waits for 100 Continue before sending its body.</summary>
        public bool ExpectContinue { get; }

        /// <summary>True when the connection may carry another request (HTTP/1.1 without Connection: close).</summary>
        public bool KeepAlive { get; }

        /// <summary>True when a body follows the head.</summary>
        public bool HasBody => Chunked || ContentLength > 0;
    }
}
