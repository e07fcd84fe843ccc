using System.Management.Automation;
using CloudRebue.Core.Api;
using CloudRebue.PowerShell.Session;
using Xunit;

namespace CloudRebue.PowerShell.Tests.Session;

/// <summary>Where Connect-CloudRebue finds the token: -Token, -Credential, CLOUDREBUE_TOKEN, else NoToken.</summary>
[Collection(SessionCollection.Name)]
public sealed class ConnectTokenSourceTests : IDisposable
{
    private readonly SessionTestContext _t = new();

    public void Dispose() => _t.Dispose();

    [Fact]
    public void TokenParameterValidatesAndBecomesTheSession()
    {
        var result = _t.Run("Connect-CloudRebue -Token $token -BaseUri $ok -DefaultSender ACME");
        Assert.Empty(result.Errors);
        var connection = Assert.Single(result.Objects<CloudRebueConnection>());
        Assert.Equal(_t.Api.BaseUri("ok") + "/", connection.BaseUri.ToString());
        Assert.Equal(_t.Hint, connection.TokenHint);
        Assert.Equal(6974m, connection.AccountUnits);
        Assert.Equal("ACME", connection.DefaultSender);
        Assert.InRange(connection.ConnectedAt, DateTimeOffset.Now.AddMinutes(-1), DateTimeOffset.Now.AddSeconds(1));
        Assert.Equal(new[] { "Bearer " + _t.Token }, _t.AuthorizationsSeen());
        Assert.Same(connection, SessionStore.Current);
    }

    [Fact]
    public void CredentialPasswordIsTheTokenAndTheUserNameIsIgnored()
    {
        var result = _t.Run("Connect-CloudRebue -Credential ([pscredential]::new('whatever-user', $token)) -BaseUri $ok");
        Assert.Empty(result.Errors);
        Assert.Equal(_t.Hint, Assert.Single(result.Objects<CloudRebueConnection>()).TokenHint);
        Assert.Equal(new[] { "Bearer " + _t.Token }, _t.AuthorizationsSeen());
    }

    [Fact]
    public void EnvironmentVariableIsUsedWhenNoTokenIsGiven()
    {
        Environment.SetEnvironmentVariable("CLOUDREBUE_TOKEN", _t.Token);
        var result = _t.Run("Connect-CloudRebue -BaseUri $ok -Verbose");
        Assert.Empty(result.Errors);
        Assert.Single(result.Objects<CloudRebueConnection>());
        Assert.Equal(new[] { "Bearer " + _t.Token }, _t.AuthorizationsSeen());
        Assert.Contains(result.Verbose, v => v.Contains("CLOUDREBUE_TOKEN"));
    }

    [Fact]
    public void TokenParameterWinsOverTheEnvironmentVariable()
    {
        Environment.SetEnvironmentVariable("CLOUDREBUE_TOKEN", "some-other-token-from-the-environment");
        var result = _t.Run("Connect-CloudRebue -Token $token -BaseUri $ok");
        Assert.Empty(result.Errors);
        Assert.Equal(new[] { "Bearer " + _t.Token }, _t.AuthorizationsSeen());
    }

    [Fact]
    public void NoTokenAnywhereInANonInteractiveHostIsATerminatingErrorListingEveryWay()
    {
        // The test runspace's host is "Default Host": nobody can answer a prompt.
        var (_, error) = _t.Try("Connect-CloudRebue -BaseUri $ok");
        var record = ErrorAssert.Is(error, "CloudRebue.NoToken", ErrorCategory.AuthenticationError);
        foreach (string way in new[] { "-Token", "-Credential", "-SecretName", "-Vault", "CLOUDREBUE_TOKEN", "interactive" })
        {
            Assert.Contains(way, record.Exception.Message);
        }

        Assert.Empty(_t.Api.Requests);
        Assert.Null(SessionStore.Current);
    }

    [Fact]
    public void AnEmptySecureStringIsRefusedBeforeAnyRequest()
    {
        var (_, error) = _t.Try("Connect-CloudRebue -Token (New-Object System.Security.SecureString) -BaseUri $ok");
        ErrorAssert.Is(error, "CloudRebue.NoToken", ErrorCategory.InvalidArgument);
        Assert.Empty(_t.Api.Requests);
    }

    [Fact]
    public void APlainStringIsNotAcceptedAsTheToken()
    {
        var (_, error) = _t.Try("Connect-CloudRebue -Token 'plain-text-token-value' -BaseUri $ok");
        Assert.NotNull(error);
        Assert.IsAssignableFrom<ParameterBindingException>(error!.Exception);
        Assert.Empty(_t.Api.Requests);
    }

    [Fact]
    public void SecretNameWithoutSaveSecretWarnsThatItIsIgnored()
    {
        var result = _t.Run("Connect-CloudRebue -Token $token -SecretName Other -BaseUri $ok");
        Assert.Empty(result.Errors);
        Assert.Contains(result.Warnings, w => w.Contains("-SaveSecret"));
    }
}
