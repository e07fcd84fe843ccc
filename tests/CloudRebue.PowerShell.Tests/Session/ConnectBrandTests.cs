using CloudRebue.Core.Api;
using Xunit;

namespace CloudRebue.PowerShell.Tests.Session;

/// <summary>Connect-CloudRebue's brand: inferred from the documented hosts, given with -Brand, shown on the connection.</summary>
[Collection(SessionCollection.Name)]
public sealed class ConnectBrandTests : IDisposable
{
    private readonly SessionTestContext _t = new();

    public void Dispose() => _t.Dispose();

    private CloudRebueConnection Connect(string arguments, out RunResult result)
    {
        result = _t.Run("Connect-CloudRebue -Token $token -Verbose " + arguments);
        return Assert.Single(result.Objects<CloudRebueConnection>());
    }

    [Theory]
    [InlineData("-SkipValidation", Brand.CloudRebue)]
    [InlineData("-SkipValidation -BaseUri https://bulk.cloudrebue.co.ke/api/v1", Brand.CloudRebue)]
    [InlineData("-SkipValidation -BaseUri https://rebuetext.com/api/v1", Brand.RebueText)]
    [InlineData("-SkipValidation -BaseUri https://bulk.bongatech.co.ke/api/v1", Brand.BongaTech)]
    [InlineData("-SkipValidation -BaseUri https://sms.reseller.example/api/v1", Brand.Unknown)]
    [InlineData("-SkipValidation -BaseUri https://sms.reseller.example/api/v1 -Brand RebueText", Brand.RebueText)]
    [InlineData("-SkipValidation -BaseUri https://sms.reseller.example/api/v1 -Brand bongatech", Brand.BongaTech)]
    public void TheBrandComesFromTheHostOrFromBrand(string arguments, Brand expected)
    {
        var connection = Connect(arguments, out var result);
        Assert.Equal(expected, connection.Brand);
        Assert.Equal(expected, connection.BrandProfile.Brand);
        Assert.Contains(result.Verbose, v => v.StartsWith($"Brand {expected} ("));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void AnUnknownHostSaysWhatThatMeansInVerbose()
    {
        Connect("-BaseUri $ok", out var result);
        Assert.Contains(result.Verbose, v => v.Contains("not a documented brand's") && v.Contains("endpoint and delivery_endpoint") && v.Contains("give -Brand"));
    }

    [Fact]
    public void ABrandThatContradictsADocumentedHostIsUsedWithAWarning()
    {
        var connection = Connect("-SkipValidation -BaseUri https://rebuetext.com/api/v1 -Brand CloudRebue", out var result);
        Assert.Equal(Brand.CloudRebue, connection.Brand);
        Assert.Contains(result.Warnings, w => w.Contains("rebuetext.com") && w.Contains("RebueText's documented host"));
    }

    [Fact]
    public void BrandTabCompletesItsNames()
    {
        var result = _t.Run("(TabExpansion2 -inputScript 'Connect-CloudRebue -Brand ' -cursorColumn 26).CompletionMatches.CompletionText");
        Assert.Equal(["BongaTech", "CloudRebue", "RebueText", "Unknown"], result.Output.Select(o => o.ToString()).OrderBy(s => s));
    }

    [Fact]
    public void TheConnectionShowsItsBrand()
    {
        var result = _t.Run("Connect-CloudRebue -Token $token -SkipValidation -BaseUri https://rebuetext.com/api/v1 | Out-String");
        Assert.Matches(@"Brand\s+: RebueText", string.Join("\n", result.Output));
    }
}
