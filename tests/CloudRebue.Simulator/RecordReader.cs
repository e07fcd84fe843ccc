using System.Text;

namespace CloudRebue.Simulator;

/// <summary>Reads back the fields <see cref="RecordWriter"/> wrote, in the same order.</summary>
internal ref struct RecordReader(ReadOnlySpan<byte> source)
{
    private readonly ReadOnlySpan<byte> _source = source;

    /// <summary>Bytes read so far.</summary>
    public int Position { get; private set; }

    public uint ReadNumber()
    {
        uint value = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte group = _source[Position++];
            value |= (uint)(group & 0x7F) << shift;
            if (group < 0x80) return value;
        }
    }

    public string? ReadString()
    {
        uint header = ReadNumber();
        if (header == 0) return null;
        int length = (int)(header - 1);
        string value = Encoding.UTF8.GetString(_source.Slice(Position, length));
        Position += length;
        return value;
    }

    /// <summary>A string the writer never writes as null.</summary>
    public string ReadRequiredString() => ReadString() ?? throw new InvalidDataException("A stored message lacks a required field.");
}
