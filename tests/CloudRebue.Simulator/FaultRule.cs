using System.Globalization;

namespace CloudRebue.Simulator;

/// <summary>
/// One fault and when it fires: on every Nth send-sms request (<see cref="Every"/>) or with a
/// probability (<see cref="Probability"/>). The parameters that only some kinds read have defaults.
/// </summary>
internal sealed record FaultRule
{
    public required FaultKind Kind { get; init; }

    /// <summary>Fires when the request number (1-based) is a multiple of this.</summary>
    public int? Every { get; init; }

    /// <summary>Fires with this probability (0 to 1) on each request.</summary>
    public double? Probability { get; init; }

    /// <summary>429: seconds in Retry-After.</summary>
    public int RetryAfter { get; init; } = 1;

    /// <summary>slow: how long the answer is held back.</summary>
    public int DelayMs { get; init; } = 30_000;

    /// <summary>partial: how many items of the batch fail.</summary>
    public int Count { get; init; } = 3;

    public bool Matches(long requestNumber, SimulatorRandom random) =>
        Every is int every ? requestNumber % every == 0 : random.NextDouble() < Probability.GetValueOrDefault();

    /// <summary>Checks the ranges; returns an error message or null.</summary>
    public string? Validate()
    {
        if (Every is not null && Probability is not null) return $"fault '{Kind.ToName()}': give either every or probability, not both.";
        if (Every is < 1) return $"fault '{Kind.ToName()}': every must be at least 1.";
        if (Probability is < 0 or > 1 || (Probability is double p && double.IsNaN(p))) return $"fault '{Kind.ToName()}': probability must be between 0 and 1.";
        if (Every is null && Probability is null) return $"fault '{Kind.ToName()}': give every=N or p=0.x.";
        if (RetryAfter < 1) return $"fault '{Kind.ToName()}': retry-after must be at least 1.";
        if (DelayMs < 0) return $"fault '{Kind.ToName()}': delay-ms must not be negative.";
        if (Count < 1) return $"fault '{Kind.ToName()}': count must be at least 1.";
        return null;
    }

    /// <summary>
    /// Parses the command-line form <c>kind:every=N</c> or <c>kind:p=0.05</c>, with optional extra
    /// parameters separated by commas: <c>slow:every=3,delay-ms=500</c>, <c>429:p=0.1,retry-after=2</c>.
    /// A bare kind fires on every request.
    /// </summary>
    public static FaultRule Parse(string spec)
    {
        int colon = spec.IndexOf(':');
        string kindText = colon < 0 ? spec : spec[..colon];
        if (!FaultKindNames.TryParse(kindText, out var kind))
        {
            throw new FormatException($"Unknown fault kind '{kindText}' in '{spec}'. Known kinds: {FaultKindNames.All}.");
        }

        var rule = new FaultRule { Kind = kind };
        if (colon < 0) return rule with { Every = 1 };

        foreach (string part in spec[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int eq = part.IndexOf('=');
            if (eq < 0) throw new FormatException($"Expected name=value, got '{part}' in '{spec}'.");
            string name = part[..eq].Trim().ToLowerInvariant();
            string value = part[(eq + 1)..].Trim();
            rule = name switch
            {
                "every" => rule with { Every = ParseInt(value, spec) },
                "p" or "probability" => rule with { Probability = ParseDouble(value, spec) },
                "retry-after" => rule with { RetryAfter = ParseInt(value, spec) },
                "delay-ms" => rule with { DelayMs = ParseInt(value, spec) },
                "count" => rule with { Count = ParseInt(value, spec) },
                _ => throw new FormatException($"Unknown fault parameter '{name}' in '{spec}' (every, p, retry-after, delay-ms, count)."),
            };
        }

        if (rule.Every is null && rule.Probability is null) rule = rule with { Every = 1 };
        string? error = rule.Validate();
        if (error is not null) throw new FormatException(error);
        return rule;
    }

    private static int ParseInt(string value, string spec) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n)
            ? n
            : throw new FormatException($"'{value}' is not an integer in '{spec}'.");

    private static double ParseDouble(string value, string spec) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double d)
            ? d
            : throw new FormatException($"'{value}' is not a number in '{spec}'.");
}
