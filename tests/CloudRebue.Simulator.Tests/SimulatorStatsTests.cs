using Xunit;

namespace CloudRebue.Simulator.Tests;

/// <summary>The simulator's own GC figures in the stats (their presence in the JSON is checked with the other fields).</summary>
public class SimulatorStatsTests
{
    [Fact]
    public void GcFiguresCountFromTheLastReset()
    {
        var stats = new SimulatorStats(TimeProvider.System);
        GC.Collect();
        GC.Collect();
        var before = stats.Snapshot();
        Assert.True(before.GcCount >= 2, $"gcCount {before.GcCount} after two forced collections");
        Assert.True(before.GcPauseMilliseconds > 0);

        // Other tests may collect meanwhile, so the figures after a reset are bounded by what the
        // runtime counted from just before the reset until just after the snapshot.
        int countBefore = GC.CollectionCount(0);
        var pauseBefore = GC.GetTotalPauseDuration();
        stats.Clear();
        var after = stats.Snapshot();
        int countSince = GC.CollectionCount(0) - countBefore;
        double pauseSince = (GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds;
        Assert.InRange(after.GcCount, 0, countSince);
        Assert.InRange(after.GcPauseMilliseconds, 0, pauseSince);
    }
}
