using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace CloudRebue.Simulator;

/// <summary>
/// A fixed-size key for one (correlator, phone) pair: SHA-256 over both, truncated to 128 bits,
/// so the duplicate set holds plain values instead of two strings and a tuple per message.
/// Two different pairs would have to collide in 128 bits of SHA-256 to be miscounted as a
/// duplicate: even at a billion stored pairs the chance is about 10^-21, and nobody can craft one
/// on purpose either, so the set answers exactly as the string set did. SHA-256 is in the box,
/// which keeps the simulator free of another package.
/// </summary>
internal static class RecipientKey
{
    private const int StackLimit = 512;

    public static UInt128 Of(string correlatorKey, string phone)
    {
        // The correlator's length comes first, so ("12", "3456") and ("123", "456") differ.
        // Hashing the UTF-16 chars as they are avoids transcoding and takes any string.
        var correlator = MemoryMarshal.AsBytes(correlatorKey.AsSpan());
        var number = MemoryMarshal.AsBytes(phone.AsSpan());
        int length = checked(sizeof(int) + correlator.Length + number.Length);
        byte[]? rented = length > StackLimit ? ArrayPool<byte>.Shared.Rent(length) : null;
        try
        {
            Span<byte> input = (rented ?? stackalloc byte[StackLimit])[..length];
            BinaryPrimitives.WriteInt32LittleEndian(input, correlatorKey.Length);
            correlator.CopyTo(input[sizeof(int)..]);
            number.CopyTo(input[(sizeof(int) + correlator.Length)..]);
            Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(input, digest);
            return BinaryPrimitives.ReadUInt128LittleEndian(digest);
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
