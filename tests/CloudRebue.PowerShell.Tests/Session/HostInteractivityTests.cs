using CloudRebue.PowerShell.Session;
using Xunit;

namespace CloudRebue.PowerShell.Tests.Session;

/// <summary>The prompt for a token appears only where a person can answer it.</summary>
public class HostInteractivityTests
{
    private static readonly string[] NoArgs = { "pwsh" };

    private static bool CanPrompt(string? host, bool hasUI = true, bool userInteractive = true, string[]? args = null, bool redirected = false) =>
        HostInteractivity.CanPrompt(host, hasUI, userInteractive, args ?? NoArgs, () => redirected);

    [Fact]
    public void ATerminalConsoleCanPrompt() => Assert.True(CanPrompt("ConsoleHost"));

    [Theory]
    [InlineData("Visual Studio Code Host")]
    [InlineData("Windows PowerShell ISE Host")]
    public void EditorHostsCanPromptThoughTheirStdinIsAPipe(string host) => Assert.True(CanPrompt(host, redirected: true));

    [Theory]
    [InlineData("Default Host")] // PowerShell.Create(), Azure Automation, this test runner
    [InlineData("ServerRemoteHost")]
    [InlineData(null)]
    public void UnattendedHostsNeverPrompt(string? host) => Assert.False(CanPrompt(host));

    [Theory]
    [InlineData("-NonInteractive")]
    [InlineData("-noni")]
    [InlineData("-NonInter")]
    [InlineData("--noninteractive")]
    [InlineData("/NonInteractive")]
    public void NonInteractiveOnTheCommandLineMeansNoPrompt(string arg) =>
        Assert.False(CanPrompt("ConsoleHost", args: new[] { "pwsh", "-NoProfile", arg, "-File", "job.ps1" }));

    [Theory]
    [InlineData("-NoProfile")]
    [InlineData("-non")] // too short to be -NonInteractive
    [InlineData("noninteractive")] // a value, not a switch
    public void OtherArgumentsDoNotCount(string arg) => Assert.True(CanPrompt("ConsoleHost", args: new[] { "pwsh", arg }));

    [Fact]
    public void ARedirectedConsoleCannotPrompt() => Assert.False(CanPrompt("ConsoleHost", redirected: true));

    [Fact]
    public void AServiceSessionCannotPrompt() => Assert.False(CanPrompt("ConsoleHost", userInteractive: false));

    [Fact]
    public void AHostWithoutUICannotPrompt() => Assert.False(CanPrompt("ConsoleHost", hasUI: false));
}
