namespace CloudRebue.Simulator;

/// <summary>
/// Holds each send-sms and voice-sms request for a random moment before it is counted or meets the
/// rate limiter (--jitter-p99-ms), so a client's pacer is measured against arrival stamps that vary
/// the way a real server's do behind a network and a load balancer.
/// </summary>
/// <remarks>
/// The delay is exponential: most requests arrive nearly on time and a thin tail arrives late, which
/// is what queueing on the way (a busy link, a load balancer, a proxy) does to arrival times; a
/// uniform or normal delay would shift every request by about the same amount and hide the tail that
/// bunches late requests into one window. The mean is p99 / ln(100), so 99 % of the draws are below
/// the chosen p99. A draw is capped at <see cref="CapFactor"/> times the p99 (beyond it lies one draw
/// in a million), so no request is held absurdly long. Draws come from <see cref="SimulatorRandom"/>,
/// so --seed replays them; with jitter off nothing is drawn and the faults' sequence is unchanged.
/// </remarks>
internal sealed class ArrivalJitter(ConfigStore config, SimulatorRandom random, SimulatorStats stats, TimeProvider time)
{
    /// <summary>The longest delay, as a multiple of the p99.</summary>
    public const double CapFactor = 3;

    private static readonly double Ln100 = Math.Log(100);

    /// <summary>
    /// The delay for one uniform draw in [0, 1) (inverse of the exponential distribution function),
    /// rounded to whole milliseconds. Zero when <paramref name="p99Milliseconds"/> is zero.
    /// </summary>
    public static TimeSpan Sample(int p99Milliseconds, double uniform)
    {
        if (p99Milliseconds <= 0) return TimeSpan.Zero;
        double mean = p99Milliseconds / Ln100;
        double milliseconds = -mean * Math.Log(1 - uniform);
        // Whole milliseconds, the finest Task.Delay waits (it truncates), so the stats report what was
        // held; rounding to the nearest keeps the mean where truncating would pull it down half a millisecond.
        return TimeSpan.FromMilliseconds(Math.Round(Math.Min(milliseconds, p99Milliseconds * CapFactor), MidpointRounding.AwayFromZero));
    }

    /// <summary>One delay drawn from <paramref name="random"/>; draws nothing when jitter is off.</summary>
    public static TimeSpan Draw(int p99Milliseconds, SimulatorRandom random) =>
        p99Milliseconds > 0 ? Sample(p99Milliseconds, random.NextDouble()) : TimeSpan.Zero;

    /// <summary>Holds the request for one draw of the current --jitter-p99-ms; ends early when the client leaves.</summary>
    public Task WaitAsync(CancellationToken aborted)
    {
        var delay = Draw(config.Current.JitterP99Ms, random);
        if (delay <= TimeSpan.Zero) return Task.CompletedTask;

        var wait = Task.Delay(delay, time, aborted);
        // Counted once the timer exists, so a test on a fake clock may advance it as soon as it sees this.
        stats.JitterApplied(delay);
        return wait;
    }
}
