using System.Management.Automation;
using CloudRebue.Core.Api;
using Xunit;

namespace CloudRebue.PowerShell.Tests.Session;

[Collection(SessionCollection.Name)]
public sealed class GetRebueBalanceTests : IDisposable
{
    private readonly SessionTestContext _t = new();

    public void Dispose() => _t.Dispose();

    [Fact]
    public void ReadsUnitsAndDateThroughTheSession()
    {
        _t.Run("Connect-CloudRebue -Token $token -BaseUri $ok -SkipValidation");
        _t.Api.Units = 1234;
        var result = _t.Run("Get-RebueBalance");
        Assert.Empty(result.Errors);
        var balance = Assert.Single(result.Objects<BalanceInfo>());
        Assert.Equal(1234m, balance.AccountUnits);
        Assert.Equal(new DateTimeOffset(2021, 12, 3, 11, 10, 44, TimeSpan.FromHours(3)), balance.Date);
        Assert.Equal("/ok/api/v1/account/balance", _t.Api.Requests.Single().Path);
    }

    [Fact]
    public void VerboseSaysWhereItAskedAndWhatItFound()
    {
        _t.Run("Connect-CloudRebue -Token $token -BaseUri $ok -SkipValidation");
        _t.Api.Units = 1234;
        var verbose = _t.Run("Get-RebueBalance -Verbose").Verbose;
        Assert.Contains(verbose, v => v.StartsWith("Reading the balance from ", StringComparison.Ordinal) && v.Contains("/account/balance"));
        Assert.Contains("The account holds 1,234 unit(s).", verbose);
        Assert.DoesNotContain(verbose, v => v.Contains(_t.Token));
    }

    [Fact]
    public void ReadsTheSisterBrandsMoneyShape()
    {
        _t.Run("Connect-CloudRebue -Token $token -BaseUri $kes -SkipValidation");
        var balance = Assert.Single(_t.Run("Get-RebueBalance").Objects<BalanceInfo>());
        Assert.Null(balance.AccountUnits);
        Assert.Equal(1250.50m, balance.BalanceKes);
        Assert.Equal(125050L, balance.BalanceMinor);
    }

    [Fact]
    public void ConnectionParameterWinsOverTheSession()
    {
        _t.Run("Connect-CloudRebue -Token $token -BaseUri $unauthorized -SkipValidation");
        var result = _t.Run("$other = Connect-CloudRebue -Token $token -BaseUri $ok -SkipValidation; Connect-CloudRebue -Token $token -BaseUri $unauthorized -SkipValidation | Out-Null; Get-RebueBalance -Connection $other");
        Assert.Empty(result.Errors);
        Assert.Equal(6974m, Assert.Single(result.Objects<BalanceInfo>()).AccountUnits);
    }

    [Theory]
    [InlineData("$unauthorized", "CloudRebue.TokenRejected", ErrorCategory.AuthenticationError)]
    [InlineData("$servererror", "CloudRebue.ApiError", ErrorCategory.InvalidResult)]
    [InlineData("$unreachable", "CloudRebue.Unreachable", ErrorCategory.ConnectionError)]
    public void FailuresAreTerminatingWithTheSameIdsAsConnect(string baseUri, string errorId, ErrorCategory category)
    {
        _t.Run($"Connect-CloudRebue -Token $token -BaseUri {baseUri} -SkipValidation");
        var (_, error) = _t.Try("Get-RebueBalance");
        ErrorAssert.Is(error, errorId, category);
    }
}
