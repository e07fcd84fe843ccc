using Xunit;

namespace CloudRebue.PowerShell.Tests;

/// <summary>The Windows PowerShell 5.1 binding fix, checked where it can be: which requests it answers.</summary>
public class ModuleInitializerTests
{
    [Fact]
    public void AnswersAnyVersionOfADependencyWeShip()
    {
        // Polly.Core ships beside the module; a request for another version still gets our copy.
        var assembly = ModuleInitializer.Resolve("Polly.Core, Version=1.2.3.4, Culture=neutral, PublicKeyToken=c8a3ffc3f8f825cc");
        Assert.NotNull(assembly);
        Assert.Equal("Polly.Core", assembly!.GetName().Name);
    }

    [Theory]
    [InlineData("Some.Other.Module, Version=1.0.0.0, Culture=neutral, PublicKeyToken=null")]
    [InlineData("..\\..\\evil, Version=1.0.0.0")]
    [InlineData("not an assembly name ,,,")]
    public void LeavesEverythingElseAlone(string requested) => Assert.Null(ModuleInitializer.Resolve(requested));
}
