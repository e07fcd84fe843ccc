using System.Text;

namespace CloudRebue.Simulator;

/// <summary>
/// Writes the fields of one stored record: unsigned LEB128 numbers, and strings as a number
/// (0 for null, else UTF-8 length + 1) followed by their UTF-8 bytes. <see cref="RecordReader"/> reads them back.
/// </summary>
internal ref struct RecordWriter(Span<byte> destination)
{
    /// <summary>
    /// Throws on ill-formed UTF-16 instead of writing U+FFFD: the strings stored come from
    /// System.Text.Json, which refuses lone surrogates, so UTF-8 is lossless for them; should that
    /// ever change, a loud failure beats a message that silently comes back different.
    /// </summary>
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The most bytes a number takes (a 32-bit value needs 5 groups of 7 bits).</summary>
    public const int MaxNumberSize = 5;

    private readonly Span<byte> _destination = destination;

    /// <summary>Bytes written so far.</summary>
    public int Position { get; private set; }

    /// <summary>An upper bound of what <see cref="WriteString"/> writes for this string.</summary>
    public static int MaxStringSize(string? value) => checked(MaxNumberSize + (value is null ? 0 : Strict.GetMaxByteCount(value.Length)));

    public void WriteNumber(uint value)
    {
        while (value >= 0x80)
        {
            _destination[Position++] = (byte)(value | 0x80);
            value >>= 7;
        }

        _destination[Position++] = (byte)value;
    }

    public void WriteString(string? value)
    {
        if (value is null)
        {
            WriteNumber(0);
            return;
        }

        int length = Strict.GetByteCount(value);
        WriteNumber(checked((uint)length + 1));
        Position += Strict.GetBytes(value, _destination[Position..]);
    }
}
