namespace CloudRebue.Simulator;

/// <summary>How GET account/balance answers: units as documented, or the sister brand's KES fields.</summary>
internal enum BalanceFormat
{
    Units,
    Kes,
}

/// <summary>
/// The behaviour that can change while the simulator runs (POST /_sim/config). Immutable: the hot
/// path reads one snapshot per request and an update swaps the whole object.
/// </summary>
internal sealed record SimulatorConfig
{
    /// <summary>send-sms requests allowed in any sliding 1-second window; 0 lifts the limit.</summary>
    public int RateLimit { get; init; } = 120;

    /// <summary>Added before every send-sms response.</summary>
    public int LatencyMs { get; init; }

    /// <summary>
    /// The 99th percentile of the random delay each send-sms and voice-sms request waits before it is
    /// counted (see <see cref="ArrivalJitter"/>); 0 turns the jitter off.
    /// </summary>
    public int JitterP99Ms { get; init; }

    /// <summary>A minute: three times it stays far inside what a timer can wait, and far beyond any network.</summary>
    public const int MaxJitterP99Ms = 60_000;

    /// <summary>How long after acceptance a delivery receipt is POSTed.</summary>
    public int ReceiptDelayMs { get; init; } = 200;

    /// <summary>Share of receipts that report DeliveryImpossible instead of DeliveredToTerminal.</summary>
    public double ReceiptFailureRate { get; init; }

    public BalanceFormat BalanceFormat { get; init; } = BalanceFormat.Units;

    /// <summary>When set, a message the balance cannot pay for fails with "Insufficient units".</summary>
    public bool EnforceBalance { get; init; }

    public FaultPlan Faults { get; init; } = FaultPlan.None;

    /// <summary>Checks the ranges; returns an error message or null.</summary>
    public string? Validate()
    {
        if (RateLimit < 0) return "rateLimit must not be negative (0 lifts the limit).";
        if (LatencyMs < 0) return "latencyMs must not be negative.";
        if (JitterP99Ms is < 0 or > MaxJitterP99Ms) return $"jitterP99Ms must be from 0 (off) to {MaxJitterP99Ms}.";
        if (ReceiptDelayMs < 0) return "receiptDelayMs must not be negative.";
        if (ReceiptFailureRate is < 0 or > 1 || double.IsNaN(ReceiptFailureRate)) return "receiptFailureRate must be between 0 and 1.";
        foreach (var rule in Faults.Rules)
        {
            if (rule.Validate() is string error) return error;
        }

        return null;
    }
}
