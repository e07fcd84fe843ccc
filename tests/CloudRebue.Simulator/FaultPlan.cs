namespace CloudRebue.Simulator;

/// <summary>
/// The fault rules in force, kept sorted by <see cref="FaultKind"/> so that the first match is the
/// winner the precedence rule asks for. Immutable: a new plan replaces the old one.
/// </summary>
internal sealed class FaultPlan
{
    public static readonly FaultPlan None = new([]);

    private readonly FaultRule[] _rules;

    public FaultPlan(IEnumerable<FaultRule> rules)
    {
        // A stable sort: two rules of the same kind keep the order they were given in.
        _rules = rules.Select((rule, index) => (rule, index))
            .OrderBy(x => x.rule.Kind).ThenBy(x => x.index)
            .Select(x => x.rule).ToArray();
    }

    public IReadOnlyList<FaultRule> Rules => _rules;

    /// <summary>The fault for the request with this 1-based number, or null for a normal answer.</summary>
    public FaultRule? Choose(long requestNumber, SimulatorRandom random)
    {
        foreach (var rule in _rules)
        {
            if (rule.Matches(requestNumber, random)) return rule;
        }

        return null;
    }
}
