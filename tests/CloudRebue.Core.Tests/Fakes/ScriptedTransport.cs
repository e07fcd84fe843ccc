using System.Collections.Concurrent;
using CloudRebue.Core.Api;
using CloudRebue.Core.Sending;

namespace CloudRebue.Core.Tests.Fakes;

/// <summary>A transport whose answer to the Nth request (1-based) the test decides; records batches and concurrency.</summary>
internal sealed class ScriptedTransport : ISmsBatchTransport
{
    private readonly Func<int, IReadOnlyList<OutgoingMessage>, CancellationToken, Task<SendAttempt>> _answer;
    private int _calls;
    private int _inFlight;
    private int _maxInFlight;

    public ScriptedTransport(Func<int, IReadOnlyList<OutgoingMessage>, SendAttempt>? answer = null)
        : this((n, batch, _) => Task.FromResult((answer ?? ((_, b) => AcceptAll(b)))(n, batch)))
    {
    }

    public ScriptedTransport(Func<int, IReadOnlyList<OutgoingMessage>, CancellationToken, Task<SendAttempt>> answer) => _answer = answer;

    public ConcurrentQueue<IReadOnlyList<OutgoingMessage>> Requests { get; } = new();

    public int Calls => Volatile.Read(ref _calls);

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public async Task<SendAttempt> SendBatchAsync(IReadOnlyList<OutgoingMessage> messages, Action? requestWritten, CancellationToken cancellationToken)
    {
        requestWritten?.Invoke();
        int n = Interlocked.Increment(ref _calls);
        int now = Interlocked.Increment(ref _inFlight);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
        {
        }

        try
        {
            Requests.Enqueue(messages.ToList());
            return await _answer(n, messages, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public static SendAttempt AcceptAll(IReadOnlyList<OutgoingMessage> batch) =>
        SendAttempt.Answered(batch.Select(m => new SendItemResult(true, "Message successfully queued!", m.Correlator, "u-" + m.Correlator, m.Phone, "safaricom", 1, "b")).ToList(), 200);
}
