namespace CloudRebue.Simulator;

/// <summary>
/// The simulator's own garbage collections since the last reset. Every arrival that lands in a GC
/// pause is stamped late by up to that pause, so a benchmark reads these to bound how far the
/// simulator's view of arrival times (its rate limit included) could be off.
/// </summary>
internal sealed class GcActivity
{
    private Reading _atReset = Reading.Now();

    /// <summary>
    /// Collections of any generation (gen0 is collected by every GC) and the time they held
    /// managed threads paused, since the last reset. One baseline is read for both, so a reset
    /// in between cannot pair the count of one period with the pause of another.
    /// </summary>
    public (int Collections, TimeSpan Pause) SinceReset()
    {
        var atReset = Volatile.Read(ref _atReset);
        var now = Reading.Now();
        return (now.Collections - atReset.Collections, now.Pause - atReset.Pause);
    }

    public void Reset() => Volatile.Write(ref _atReset, Reading.Now());

    private sealed record Reading(int Collections, TimeSpan Pause)
    {
        public static Reading Now() => new(GC.CollectionCount(0), GC.GetTotalPauseDuration());
    }
}
