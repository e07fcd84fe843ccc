using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Primitives;

namespace CloudRebue.Simulator;

/// <summary>Checks "Authorization: Bearer &lt;token&gt;" against the one token the simulator was started with.</summary>
internal sealed class BearerAuth(string token)
{
    private readonly byte[] _expected = Encoding.UTF8.GetBytes(token);

    public bool IsAuthorized(HttpRequest request)
    {
        StringValues header = request.Headers.Authorization;
        if (header.Count != 1) return false;
        ReadOnlySpan<char> value = header[0].AsSpan().Trim();
        if (value.Length < 7 || !value[..7].Equals("Bearer ", StringComparison.OrdinalIgnoreCase)) return false;
        ReadOnlySpan<char> given = value[7..].Trim();

        // Constant time, as a real server should; the token is short so the buffer lives on the stack.
        Span<byte> buffer = given.Length <= 256 ? stackalloc byte[Encoding.UTF8.GetMaxByteCount(given.Length)] : new byte[Encoding.UTF8.GetMaxByteCount(given.Length)];
        int length = Encoding.UTF8.GetBytes(given, buffer);
        return CryptographicOperations.FixedTimeEquals(buffer[..length], _expected);
    }
}
