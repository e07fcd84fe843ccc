using Xunit;

namespace CloudRebue.PowerShell.Tests.Session;

/// <summary>
/// The session and the CLOUDREBUE_* environment variables are process-wide, so the tests that touch
/// them run one at a time (other test classes may still run beside them: they never use either).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SessionCollection
{
    public const string Name = "Session";
}
