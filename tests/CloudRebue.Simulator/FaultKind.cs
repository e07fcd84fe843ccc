namespace CloudRebue.Simulator;

/// <summary>
/// The faults the simulator can inject into send-sms. The declaration order is the precedence:
/// when several rules match one request, the earliest kind wins.
/// </summary>
internal enum FaultKind
{
    /// <summary>429 with Retry-After, nothing processed.</summary>
    TooManyRequests,

    /// <summary>503, nothing processed.</summary>
    ServiceUnavailable,

    /// <summary>Messages recorded as accepted, then 500.</summary>
    ServerErrorAfterAccept,

    /// <summary>The connection is aborted before anything is processed.</summary>
    ResetBefore,

    /// <summary>Messages accepted, then the connection is aborted.</summary>
    ResetAfter,

    /// <summary>Messages accepted, the answer delayed by DelayMs (the client usually times out).</summary>
    Slow,

    /// <summary>Messages accepted, then 200 with a body that is not valid JSON.</summary>
    Malformed,

    /// <summary>Count items of the batch fail with "Insufficient units" and are not accepted.</summary>
    Partial,
}

internal static class FaultKindNames
{
    private static readonly string[] Names =
        ["429", "503", "500-after-accept", "reset-before", "reset-after", "slow", "malformed", "partial"];

    public static string ToName(this FaultKind kind) => Names[(int)kind];

    public static bool TryParse(string? name, out FaultKind kind)
    {
        int index = Array.FindIndex(Names, n => string.Equals(n, name?.Trim(), StringComparison.OrdinalIgnoreCase));
        kind = index < 0 ? default : (FaultKind)index;
        return index >= 0;
    }

    public static string All => string.Join(", ", Names);
}
