namespace CloudRebue.Simulator;

/// <summary>
/// The one source of chance (probability faults, receipt failures). Seeded with --seed so that a
/// failing test can be replayed; a lock because System.Random is not thread-safe.
/// </summary>
internal sealed class SimulatorRandom(int? seed)
{
    private readonly Random _random = seed is int s ? new Random(s) : new Random();
    private readonly object _gate = new();

    public double NextDouble()
    {
        lock (_gate) return _random.NextDouble();
    }
}
