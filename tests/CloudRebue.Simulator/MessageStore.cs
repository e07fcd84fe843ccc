using System.Collections.Concurrent;

namespace CloudRebue.Simulator;

/// <summary>
/// Every accepted recipient, in acceptance order, and the (correlator, phone) pairs seen so far.
/// A message without a correlator cannot be recognised as a repeat, so it never counts as a duplicate.
/// </summary>
internal sealed class MessageStore
{
    private ConcurrentQueue<AcceptedMessage> _messages = new();
    private ConcurrentDictionary<(string Correlator, string Phone), byte> _seen = new();

    /// <summary>Stores the message; returns true when its correlator and phone were accepted before.</summary>
    public bool Add(AcceptedMessage message, string? correlatorKey)
    {
        _messages.Enqueue(message);
        return correlatorKey is not null && !_seen.TryAdd((correlatorKey, message.Phone), 0);
    }

    public IReadOnlyCollection<AcceptedMessage> Snapshot() => _messages.ToArray();

    public void Clear()
    {
        Interlocked.Exchange(ref _messages, new ConcurrentQueue<AcceptedMessage>());
        Interlocked.Exchange(ref _seen, new ConcurrentDictionary<(string, string), byte>());
    }
}
