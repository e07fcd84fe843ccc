using System.Reflection;
using Xunit;

namespace CloudRebue.PowerShell.Tests.Loading;

/// <summary>
/// The Windows PowerShell 5.1 resolver's rules, checked where they can be (not on .NET Framework):
/// which failed requests it answers with a shipped file, and which it leaves to the host and other modules.
/// </summary>
public class DependencyResolutionRuleTests
{
    private const string PollyToken = "c8a3ffc3f8f825cc";
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "Modules", "CloudRebue", "0.1.0");
    private static readonly ModuleFolders Folders = new ModuleFolders(Root);
    private static readonly string Ours = Path.Combine(Root, "CloudRebue.PowerShell.dll");
    private static readonly string OurDependency = Path.Combine(Root, "dependencies", "System.Text.Json.dll");
    private static readonly string ShippedPolly = Path.Combine(Root, "dependencies", "Polly.Core.dll");

    // The dependencies folder as the rule sees it: Polly.Core 8.0.0.0 with its real token, nothing else.
    private static AssemblyName? Shipped(string path) =>
        path == ShippedPolly ? new AssemblyName($"Polly.Core, Version=8.0.0.0, Culture=neutral, PublicKeyToken={PollyToken}") : null;

    private static string? Answer(string requested, string? requester) =>
        DependencyResolutionRule.ShippedFileFor(requested, requester, Folders, Shipped);

    [Theory]
    [InlineData("Polly.Core, Version=8.0.0.0, Culture=neutral, PublicKeyToken=" + PollyToken)]
    [InlineData("Polly.Core, Version=7.2.0.0, Culture=neutral, PublicKeyToken=" + PollyToken)]
    [InlineData("Polly.Core")]
    public void AnswersOurAssembliesWithAShippedCopyOfAtLeastTheAskedVersion(string requested)
    {
        Assert.Equal(ShippedPolly, Answer(requested, Ours));
        Assert.Equal(ShippedPolly, Answer(requested, OurDependency));
    }

    [Fact]
    public void NeverAnswersWithALowerVersionThanAsked() =>
        Assert.Null(Answer($"Polly.Core, Version=8.1.0.0, Culture=neutral, PublicKeyToken={PollyToken}", Ours));

    [Fact]
    public void NeverAnswersWithAnotherPublisher_sCopy() =>
        Assert.Null(Answer("Polly.Core, Version=8.0.0.0, Culture=neutral, PublicKeyToken=0123456789abcdef", Ours));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void LeavesRequestsWithoutARequesterAlone(string? requester) =>
        Assert.Null(Answer($"Polly.Core, Version=8.0.0.0, Culture=neutral, PublicKeyToken={PollyToken}", requester));

    [Fact]
    public void LeavesOtherModulesRequestsAlone()
    {
        string otherModule = Path.Combine(Path.GetTempPath(), "Modules", "Az.Accounts", "Az.Accounts.dll");
        // A sibling folder whose name starts like ours is not ours either.
        string lookalike = Path.Combine(Path.GetTempPath(), "Modules", "CloudRebue", "0.1.0-other", "Other.dll");
        Assert.Null(Answer($"Polly.Core, Version=8.0.0.0, Culture=neutral, PublicKeyToken={PollyToken}", otherModule));
        Assert.Null(Answer($"Polly.Core, Version=8.0.0.0, Culture=neutral, PublicKeyToken={PollyToken}", lookalike));
    }

    [Theory]
    [InlineData("Some.Other.Library, Version=1.0.0.0, Culture=neutral, PublicKeyToken=null")]
    [InlineData("..\\..\\evil, Version=1.0.0.0")]
    [InlineData("not an assembly name ,,,")]
    [InlineData("Polly.Core.resources, Version=8.0.0.0, Culture=fr, PublicKeyToken=" + PollyToken)]
    public void LeavesWhatWeDoNotShipAlone(string requested) => Assert.Null(Answer(requested, Ours));
}
