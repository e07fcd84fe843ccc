namespace CloudRebue.Simulator;

/// <summary>
/// The JSON of GET/POST /_sim/config. On POST every property is optional: a property that is
/// present replaces the current value, an absent one keeps it; "faults" replaces the whole plan
/// (an empty array removes every fault) and restarts the "every Nth" count.
/// </summary>
internal sealed class ConfigDocument
{
    public int? RateLimit { get; set; }
    public int? LatencyMs { get; set; }
    public int? JitterP99Ms { get; set; }
    public int? ReceiptDelayMs { get; set; }
    public double? ReceiptFailureRate { get; set; }

    /// <summary>"units" or "kes".</summary>
    public string? BalanceFormat { get; set; }

    public bool? EnforceBalance { get; set; }

    /// <summary>On POST: the new starting balance, applied now and on every reset. On GET: the units left.</summary>
    public long? Balance { get; set; }

    public List<FaultDocument>? Faults { get; set; }

    public static ConfigDocument From(SimulatorConfig config, long units) => new()
    {
        RateLimit = config.RateLimit,
        LatencyMs = config.LatencyMs,
        JitterP99Ms = config.JitterP99Ms,
        ReceiptDelayMs = config.ReceiptDelayMs,
        ReceiptFailureRate = config.ReceiptFailureRate,
        BalanceFormat = config.BalanceFormat.ToString().ToLowerInvariant(),
        EnforceBalance = config.EnforceBalance,
        Balance = units,
        Faults = config.Faults.Rules.Select(FaultDocument.From).ToList(),
    };

    /// <summary>The configuration with this document's values applied; throws <see cref="FormatException"/> when invalid.</summary>
    public SimulatorConfig ApplyTo(SimulatorConfig current)
    {
        var next = current with
        {
            RateLimit = RateLimit ?? current.RateLimit,
            LatencyMs = LatencyMs ?? current.LatencyMs,
            JitterP99Ms = JitterP99Ms ?? current.JitterP99Ms,
            ReceiptDelayMs = ReceiptDelayMs ?? current.ReceiptDelayMs,
            ReceiptFailureRate = ReceiptFailureRate ?? current.ReceiptFailureRate,
            BalanceFormat = BalanceFormat is null ? current.BalanceFormat : SimulatorOptions.ParseBalanceFormat(BalanceFormat),
            EnforceBalance = EnforceBalance ?? current.EnforceBalance,
            Faults = Faults is null ? current.Faults : new FaultPlan(Faults.Select(f => f.ToRule())),
        };
        if (Balance is < 0) throw new FormatException("balance must not be negative.");
        return next.Validate() is string error ? throw new FormatException(error) : next;
    }
}

/// <summary>One fault in /_sim/config: {kind, every | probability, retryAfter, delayMs, count}.</summary>
internal sealed class FaultDocument
{
    public string? Kind { get; set; }
    public int? Every { get; set; }
    public double? Probability { get; set; }
    public int? RetryAfter { get; set; }
    public int? DelayMs { get; set; }
    public int? Count { get; set; }

    public static FaultDocument From(FaultRule rule) => new()
    {
        Kind = rule.Kind.ToName(),
        Every = rule.Every,
        Probability = rule.Probability,
        RetryAfter = rule.RetryAfter,
        DelayMs = rule.DelayMs,
        Count = rule.Count,
    };

    public FaultRule ToRule()
    {
        if (!FaultKindNames.TryParse(Kind, out var kind))
        {
            throw new FormatException($"Unknown fault kind '{Kind}'. Known kinds: {FaultKindNames.All}.");
        }

        var defaults = new FaultRule { Kind = kind };
        var rule = defaults with
        {
            // Neither trigger given: the fault fires on every request.
            Every = Every ?? (Probability is null ? 1 : null),
            Probability = Probability,
            RetryAfter = RetryAfter ?? defaults.RetryAfter,
            DelayMs = DelayMs ?? defaults.DelayMs,
            Count = Count ?? defaults.Count,
        };
        return rule.Validate() is string error ? throw new FormatException(error) : rule;
    }
}
