using System.Net.Sockets;
using System.Text;

namespace CloudRebue.Core.Tests.Receipts;

/// <summary>
/// HTTP by hand over a socket, for what HttpClient will not do: announce a body it never sends,
/// stream a chunked body past the cap, or go away mid-body.
/// </summary>
internal sealed class RawHttp : IDisposable
{
    private readonly TcpClient _tcp = new();
    private NetworkStream _stream = null!;

    public static RawHttp Connect(int port)
    {
        var raw = new RawHttp();
        raw._tcp.Connect("127.0.0.1", port);
        raw._stream = raw._tcp.GetStream();
        raw._stream.ReadTimeout = 10_000;
        return raw;
    }

    public void Send(string text) => Send(Encoding.ASCII.GetBytes(text));

    public void Send(byte[] bytes) => _stream.Write(bytes, 0, bytes.Length);

    /// <summary>Everything the server sends until it closes the connection (bounded by the read timeout).</summary>
    public string ReadUntilClosed()
    {
        var all = new MemoryStream();
        var buffer = new byte[4096];
        int read;
        while ((read = _stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            all.Write(buffer, 0, read);
        }

        return Encoding.ASCII.GetString(all.ToArray());
    }

    /// <summary>One response (head and Content-Length body) off a connection that stays open.</summary>
    public string ReadResponse()
    {
        var head = new StringBuilder();
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            int b = _stream.ReadByte();
            if (b < 0)
            {
                throw new EndOfStreamException("The connection closed before a whole response arrived: " + head);
            }

            head.Append((char)b);
        }

        var length = System.Text.RegularExpressions.Regex.Match(head.ToString(), @"Content-Length: (\d+)", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        var body = new byte[length.Success ? int.Parse(length.Groups[1].Value) : 0];
        int read = 0;
        while (read < body.Length)
        {
            int n = _stream.Read(body, read, body.Length - read);
            if (n == 0)
            {
                throw new EndOfStreamException("The connection closed mid-body.");
            }

            read += n;
        }

        return head + Encoding.UTF8.GetString(body);
    }

    public static string StatusLineOf(string response) => response.Split("\r\n")[0];

    public void Dispose() => _tcp.Dispose();
}
