using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;

namespace CloudRebue.Core.Api
{
    /// <summary>
    /// A JSON body that says when it has been written and flushed to the connection: after the TCP and TLS
    /// handshakes and after any stall of our own process, so the pacer can bound when the server saw the
    /// request by network jitter alone, not by whatever delayed us between deciding to send and sending.
    /// </summary>
    internal sealed class WriteNotifyingContent : HttpContent
    {
        private readonly byte[] _body;
        private readonly Action? _written;

        public WriteNotifyingContent(byte[] body, Action? written)
        {
            _body = body;
            _written = written;
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(_body, 0, _body.Length).ConfigureAwait(false);
            await stream.FlushAsync().ConfigureAwait(false);
            _written?.Invoke();
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _body.Length;
            return true;
        }
    }
}
