namespace CloudRebue.Simulator;

/// <summary>
/// Every accepted voice call, in order. Calls are few (one request each), so a plain list under a
/// lock is enough; the message store's chunked layout exists for millions of SMS.
/// </summary>
internal sealed class VoiceCallStore
{
    private readonly Lock _gate = new();
    private readonly List<VoiceCall> _calls = [];

    public void Add(VoiceCall call)
    {
        lock (_gate) _calls.Add(call);
    }

    public VoiceCall[] Snapshot()
    {
        lock (_gate) return [.. _calls];
    }

    public void Clear()
    {
        lock (_gate) _calls.Clear();
    }
}
