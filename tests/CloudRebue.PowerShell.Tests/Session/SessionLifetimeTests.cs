using System.Management.Automation;
using CloudRebue.Core.Api;
using CloudRebue.PowerShell.Session;
using Xunit;

namespace CloudRebue.PowerShell.Tests.Session;

/// <summary>One process-wide session: made by Connect, replaced by Connect, forgotten and disposed by Disconnect.</summary>
[Collection(SessionCollection.Name)]
public sealed class SessionLifetimeTests : IDisposable
{
    private readonly SessionTestContext _t = new();

    public void Dispose() => _t.Dispose();

    [Fact]
    public void WithoutASessionGetRebueBalanceIsNotConnectedAndSaysHowToConnect()
    {
        var (_, error) = _t.Try("Get-RebueBalance");
        var record = ErrorAssert.Is(error, "CloudRebue.NotConnected", ErrorCategory.ConnectionError);
        Assert.Contains("Connect-CloudRebue", record.Exception.Message);
        Assert.Contains("-Connection", record.Exception.Message);
    }

    [Fact]
    public void DisconnectForgetsTheSessionAndDisposesAConnectionKeptInAVariable()
    {
        Assert.Empty(_t.Run("$conn = Connect-CloudRebue -Token $token -BaseUri $ok").Errors);
        var kept = Assert.IsType<CloudRebueConnection>(_t.Run("$conn").Output.Single().BaseObject);
        Assert.Empty(_t.Run("Disconnect-CloudRebue").Errors);

        Assert.Null(SessionStore.Current);
        Assert.True(kept.IsDisposed);
        ErrorAssert.Is(_t.Try("Get-RebueBalance").Terminating, "CloudRebue.NotConnected", ErrorCategory.ConnectionError);
        ErrorAssert.Is(_t.Try("Get-RebueBalance -Connection $conn").Terminating, "CloudRebue.NotConnected", ErrorCategory.ConnectionError);
    }

    [Fact]
    public void DisconnectWithoutASessionIsQuiet()
    {
        var result = _t.Run("Disconnect-CloudRebue -Verbose");
        Assert.Empty(result.Errors);
        Assert.Contains(result.Verbose, v => v.Contains("no CloudRebue session"));
    }

    [Fact]
    public void ConnectingAgainReplacesTheSessionAndTheFirstStaysUsableThroughConnection()
    {
        // Two accounts in one script: the second Connect becomes the session, the first still works.
        var result = _t.Run("$first = Connect-CloudRebue -Token $token -BaseUri $ok; $second = Connect-CloudRebue -Token $token -BaseUri $kes; Get-RebueBalance -Connection $first; Get-RebueBalance");
        Assert.Empty(result.Errors);
        var balances = result.Objects<BalanceInfo>().ToList();
        Assert.Equal(6974m, balances[0].AccountUnits);
        Assert.Equal(1250.50m, balances[1].BalanceKes);
        var second = Assert.IsType<CloudRebueConnection>(_t.Run("$second").Output.Single().BaseObject);
        Assert.Same(second, SessionStore.Current);
    }

    [Fact]
    public void TheSessionIsSeenFromAnotherRunspace()
    {
        // What ForEach-Object -Parallel and thread jobs rely on (the Pester suite runs those for real).
        Assert.Empty(_t.Run("Connect-CloudRebue -Token $token -BaseUri $ok").Errors);
        using var other = new PowerShellRunner();
        var result = other.Run("Get-RebueBalance");
        Assert.Empty(result.Errors);
        Assert.Equal(6974m, Assert.Single(result.Objects<BalanceInfo>()).AccountUnits);
    }
}
