using System.Globalization;

namespace CloudRebue.Simulator;

/// <summary>
/// Everything given on the command line. <see cref="Config"/> is the starting point of the runtime
/// configuration; the rest is fixed for the life of the process.
/// </summary>
internal sealed record SimulatorOptions
{
    public const string Usage = """
        CloudRebue.Simulator --token <token> [options]
          --port <n>                    port on 127.0.0.1 (default 0: a free port)
          --brand <b>                   cloudrebue|rebuetext|bongatech: whose documented shapes (default cloudrebue)
          --token <t>                   the bearer token clients must present (required)
          --rate-limit <n>              send-sms requests per sliding second (default 120, 0 = no limit)
          --latency-ms <n>              delay added to every send-sms response (default 0)
          --jitter-p99-ms <n>           random delay before a send-sms/voice-sms request is counted:
                                        exponential, 99th percentile n ms, capped at 3n (default 0 = off, at most 60000)
          --receipt-delay-ms <n>        delay before a delivery receipt is POSTed (default 200)
          --receipt-failure-rate <p>    share of receipts reporting DeliveryImpossible (default 0)
          --balance <n>                 starting account units (default 100000)
          --balance-format units|kes    shape of GET account/balance (default units; kes for rebuetext)
          --enforce-balance             fail messages the balance cannot pay for
          --sub-account <id>            an account id top-up accepts (repeatable; default 2)
          --fault <spec>                kind:every=N or kind:p=0.05 [,retry-after=1][,delay-ms=30000][,count=3]
                                        kinds: 429, 503, 500-after-accept, reset-before, reset-after,
                                        slow, malformed, partial (repeatable)
          --seed <n>                    seed for probability faults and receipt failures
          --allow-remote-receipts       POST receipts to hosts other than loopback
        """;

    public int Port { get; init; }

    public SimulatorBrand Brand { get; init; } = SimulatorBrand.CloudRebue;

    public string Token { get; init; } = "";

    public long Balance { get; init; } = 100_000;

    public IReadOnlyList<int> SubAccounts { get; init; } = [2];

    public int? Seed { get; init; }

    /// <summary>Receipts go only to loopback unless this is set: a test must never spray the internet.</summary>
    public bool AllowRemoteReceipts { get; init; }

    /// <summary>Attempts after the first when a receipt endpoint fails.</summary>
    public int ReceiptRetries { get; init; } = 3;

    /// <summary>First retry delay; doubles with each attempt.</summary>
    public int ReceiptRetryBaseDelayMs { get; init; } = 100;

    /// <summary>Receipts POSTed at the same time, at most.</summary>
    public int ReceiptSenders { get; init; } = 4;

    public SimulatorConfig Config { get; init; } = new();

    /// <summary>Parses the command line; throws <see cref="FormatException"/> with a readable message.</summary>
    public static SimulatorOptions Parse(IReadOnlyList<string> args)
    {
        var options = new SimulatorOptions();
        var config = new SimulatorConfig();
        var faults = new List<FaultRule>();
        var subAccounts = new List<int>();
        bool tokenGiven = false;
        bool balanceFormatGiven = false;

        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new FormatException($"{name} needs a value.");
            switch (name.ToLowerInvariant())
            {
                case "--port": options = options with { Port = Int(name, Value(), 0, 65535) }; break;
                case "--token": options = options with { Token = Value() }; tokenGiven = true; break;
                case "--rate-limit": config = config with { RateLimit = Int(name, Value(), 0, int.MaxValue) }; break;
                case "--latency-ms": config = config with { LatencyMs = Int(name, Value(), 0, int.MaxValue) }; break;
                case "--jitter-p99-ms": config = config with { JitterP99Ms = Int(name, Value(), 0, SimulatorConfig.MaxJitterP99Ms) }; break;
                case "--receipt-delay-ms": config = config with { ReceiptDelayMs = Int(name, Value(), 0, int.MaxValue) }; break;
                case "--receipt-failure-rate": config = config with { ReceiptFailureRate = Rate(name, Value()) }; break;
                case "--balance": options = options with { Balance = Long(name, Value()) }; break;
                case "--balance-format": config = config with { BalanceFormat = ParseBalanceFormat(Value()) }; balanceFormatGiven = true; break;
                case "--brand": options = options with { Brand = BrandRules.Parse(Value()) }; break;
                case "--enforce-balance": config = config with { EnforceBalance = true }; break;
                case "--sub-account": subAccounts.Add(Int(name, Value(), 1, int.MaxValue)); break;
                case "--fault": faults.Add(FaultRule.Parse(Value())); break;
                case "--seed": options = options with { Seed = Int(name, Value(), int.MinValue, int.MaxValue) }; break;
                case "--allow-remote-receipts": options = options with { AllowRemoteReceipts = true }; break;
                default: throw new FormatException($"Unknown option '{name}'.");
            }
        }

        if (!tokenGiven || string.IsNullOrWhiteSpace(options.Token)) throw new FormatException("--token is required.");
        if (subAccounts.Count > 0) options = options with { SubAccounts = subAccounts };
        if (!balanceFormatGiven) config = config with { BalanceFormat = BrandRules.DefaultBalanceFormat(options.Brand) };
        return options with { Config = config with { Faults = new FaultPlan(faults) } };
    }

    public static BalanceFormat ParseBalanceFormat(string value) => value.Trim().ToLowerInvariant() switch
    {
        "units" => BalanceFormat.Units,
        "kes" => BalanceFormat.Kes,
        _ => throw new FormatException($"Balance format '{value}' is not 'units' or 'kes'."),
    };

    private static int Int(string name, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n >= min && n <= max
            ? n
            : throw new FormatException($"{name} needs an integer from {min} to {max}, got '{value}'.");

    private static long Long(string name, string value) =>
        long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out long n) && n >= 0
            ? n
            : throw new FormatException($"{name} needs a non-negative integer, got '{value}'.");

    private static double Rate(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && d >= 0 && d <= 1
            ? d
            : throw new FormatException($"{name} needs a number from 0 to 1, got '{value}'.");
}
