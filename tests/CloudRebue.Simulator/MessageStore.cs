namespace CloudRebue.Simulator;

/// <summary>
/// Every accepted recipient, in acceptance order, and the (correlator, phone) pairs seen so far.
/// A message without a correlator cannot be recognised as a repeat, so it never counts as a duplicate.
/// Both are kept in a few large objects (byte chunks, one hash set of 128-bit keys) rather than
/// several small objects per message: the simulator stamps arrival times for the rate limit, and
/// every gen0/gen1 GC that had to copy millions of stored strings delayed those stamps by its pause.
/// </summary>
internal sealed class MessageStore
{
    private readonly Lock _gate = new();
    private MessageChunks _messages = new();
    private HashSet<UInt128> _seen = [];

    /// <summary>Stores the message; returns true when its correlator and phone were accepted before.</summary>
    public bool Add(AcceptedMessage message, string? correlatorKey)
    {
        UInt128? key = correlatorKey is null ? null : RecipientKey.Of(correlatorKey, message.Phone);
        int maxSize = AcceptedMessageCodec.MaxSize(message);
        lock (_gate)
        {
            // Written before the key is added, so a message that fails to encode leaves no trace.
            int written = AcceptedMessageCodec.Write(message, _messages.Reserve(maxSize));
            _messages.Commit(written);
            return key is UInt128 k && !_seen.Add(k);
        }
    }

    /// <summary>The messages stored so far, in order; messages added later do not appear in it.</summary>
    public IReadOnlyCollection<AcceptedMessage> Snapshot()
    {
        lock (_gate)
        {
            return new StoredMessages(_messages.Written(), _messages.Count);
        }
    }

    /// <summary>Starts a new log and set rather than emptying them, so a snapshot being read keeps its chunks.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _messages = new MessageChunks();
            _seen = [];
        }
    }
}
