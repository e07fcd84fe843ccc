namespace CloudRebue.Simulator;

/// <summary>Holds the current <see cref="SimulatorConfig"/>; readers take a snapshot, writers swap it.</summary>
internal sealed class ConfigStore(SimulatorConfig initial)
{
    private volatile SimulatorConfig _current = initial;

    public SimulatorConfig Current => _current;

    /// <summary>Raised after the fault plan was replaced, so the "every Nth" counter restarts.</summary>
    public event Action? FaultsReplaced;

    public void Replace(SimulatorConfig config)
    {
        var before = _current;
        _current = config;
        if (!ReferenceEquals(before.Faults, config.Faults)) FaultsReplaced?.Invoke();
    }
}
