namespace CloudRebue.Simulator;

/// <summary>
/// An append-only log of byte records in large chunks. A chunk of 1 MB lives on the large object
/// heap, which gen0/gen1 collections neither copy nor scan record by record, so storing a million
/// messages costs an ephemeral GC a few dozen references instead of millions of small objects.
/// A record never spans two chunks (a record larger than a chunk gets a chunk of its own), so a
/// reader can decode each chunk on its own. Not thread-safe: <see cref="MessageStore"/> locks.
/// </summary>
internal sealed class MessageChunks
{
    /// <summary>Large enough for the LOH (85,000 bytes and up); 100,000 messages fill about 20.</summary>
    public const int ChunkSize = 1 << 20;

    private readonly List<ReadOnlyMemory<byte>> _full = [];
    private byte[] _current = [];
    private int _used;

    /// <summary>Records appended so far.</summary>
    public int Count { get; private set; }

    /// <summary>
    /// Room for a record of at most <paramref name="maxLength"/> bytes; nothing counts as written
    /// until <see cref="Commit"/>, so an encoder that fails halfway leaves the log as it was.
    /// </summary>
    public Span<byte> Reserve(int maxLength)
    {
        if (_current.Length - _used < maxLength)
        {
            if (_used > 0) _full.Add(_current.AsMemory(0, _used));
            _current = new byte[Math.Max(ChunkSize, maxLength)];
            _used = 0;
        }

        return _current.AsSpan(_used, maxLength);
    }

    /// <summary>Ends the record written into the last reservation, which took <paramref name="length"/> bytes.</summary>
    public void Commit(int length)
    {
        _used += length;
        Count++;
    }

    /// <summary>
    /// The written bytes, chunk by chunk. Later appends only write past these ranges (or into new
    /// chunks), and a cleared store starts a new log, so the ranges stay valid and unchanged.
    /// </summary>
    public ReadOnlyMemory<byte>[] Written() =>
        _used == 0 ? [.. _full] : [.. _full, _current.AsMemory(0, _used)];
}
