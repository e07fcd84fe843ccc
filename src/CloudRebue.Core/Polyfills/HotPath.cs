using System.Runtime.CompilerServices;

namespace CloudRebue.Core
{
    /// <summary>
    /// The implementation flag for methods that run once per message. On .NET Core they are compiled
    /// optimised on their first call instead of going through tiered compilation: on a machine with one
    /// core the runtime waits ten times longer before it recompiles hot code (and restarts the wait
    /// whenever new code is compiled), so a 100,000-row send ran mostly in unoptimised and instrumented
    /// code (tests/Benchmarks/README.md, "Reading figure 3"). netstandard2.0 does not name the value
    /// (AggressiveOptimization, 512); .NET Framework has no tiers and ignores the flag.
    /// </summary>
    internal static class HotPath
    {
        public const MethodImplOptions Compiled = (MethodImplOptions)512;
    }
}
