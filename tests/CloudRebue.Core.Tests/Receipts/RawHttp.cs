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

    public static string StatusLineOf(string response) => response.Split("\r\n")[0];

    public void Dispose() => _tcp.Dispose();
}
