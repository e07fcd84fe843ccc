using System.Management.Automation;
using System.Net;
using System.Security;
using CloudRebue.Core.Api;
using CloudRebue.PowerShell.Session;
using Xunit;

namespace CloudRebue.PowerShell.Tests.Session;

/// <summary>-SecretName/-Vault read through Get-Secret; -SaveSecret writes through Set-Secret; both optional.</summary>
[Collection(SessionCollection.Name)]
public sealed class ConnectSecretManagementTests : IDisposable
{
    private readonly SessionTestContext _t = new();

    public void Dispose() => _t.Dispose();

    private void InstallFakeSecretManagement() => Assert.Empty(_t.Run(FakeSecretManagement.Script).Errors);

    private List<string> SecretCalls() => _t.Run("$SecretCalls").Output.Select(o => o.ToString()).ToList();

    [Theory]
    [InlineData("$token")]
    [InlineData("[Net.NetworkCredential]::new('', $token).Password")]
    [InlineData("[pscredential]::new('any-user', $token)")]
    public void ReadsASecureStringAStringOrACredentialSecret(string secretExpression)
    {
        InstallFakeSecretManagement();
        _t.Run("$FakeVault['CloudRebue'] = " + secretExpression);
        var result = _t.Run("Connect-CloudRebue -SecretName CloudRebue -Vault Store -BaseUri $ok");
        Assert.Empty(result.Errors);
        Assert.Equal(_t.Hint, Assert.Single(result.Objects<CloudRebueConnection>()).TokenHint);
        Assert.Equal(new[] { "Bearer " + _t.Token }, _t.AuthorizationsSeen());
        Assert.Equal(new[] { "Get CloudRebue Store" }, SecretCalls());
    }

    [Fact]
    public void TheVaultCallsLeaveNothingInTheCallersOutputOrVariables()
    {
        InstallFakeSecretManagement();
        _t.Run("$FakeVault['CloudRebue'] = [Net.NetworkCredential]::new('', $token).Password");
        var result = _t.Run("$Name = 'mine'; Connect-CloudRebue -SecretName CloudRebue -BaseUri $ok; Connect-CloudRebue -Token $token -SaveSecret -SecretName Copy -BaseUri $ok");

        // Only the two connections: the string secret must not be streamed into the caller's pipeline.
        Assert.Equal(2, result.Output.Count);
        Assert.All(result.Output, o => Assert.IsType<CloudRebueConnection>(o.BaseObject));
        var variables = _t.Run("$Name; $null -eq $Vault; $null -eq $Secret").Output.Select(o => o.BaseObject).ToList();
        Assert.Equal(new object[] { "mine", true, true }, variables);
    }

    [Fact]
    public void WithoutVaultTheDefaultVaultIsAsked()
    {
        InstallFakeSecretManagement();
        _t.Run("$FakeVault['Sms'] = $token");
        Assert.Empty(_t.Run("Connect-CloudRebue -SecretName Sms -BaseUri $ok").Errors);
        Assert.Equal(new[] { "Get Sms " }, SecretCalls());
    }

    [Fact]
    public void AMissingSecretIsSecretNotFound()
    {
        InstallFakeSecretManagement();
        var (_, error) = _t.Try("Connect-CloudRebue -SecretName Nope -BaseUri $ok");
        var record = ErrorAssert.Is(error, "CloudRebue.SecretNotFound", ErrorCategory.ObjectNotFound);
        Assert.Contains("'Nope'", record.Exception.Message);
        Assert.Contains("-SaveSecret", record.Exception.Message);
        Assert.Empty(_t.Api.Requests);
    }

    [Fact]
    public void AMissingSecretSaysSoWithoutPowerShellsStopWrapper()
    {
        InstallFakeSecretManagement();
        var (_, error) = _t.Try("Connect-CloudRebue -SecretName Nope -Vault Store -BaseUri $ok");
        var record = ErrorAssert.Is(error, "CloudRebue.SecretNotFound", ErrorCategory.ObjectNotFound);
        Assert.Contains("in vault 'Store'", record.Exception.Message);
        Assert.DoesNotContain("preference variable", record.Exception.Message);
        Assert.NotNull(record.Exception.InnerException); // the vault's own error is kept
    }

    [Fact]
    public void ALockedVaultSaysToUnlockIt()
    {
        InstallFakeSecretManagement();
        _t.Run("""
            function global:Get-Secret {
                [CmdletBinding()] param([string] $Name, [string] $Vault)
                Write-Error -Message 'A valid password is required to access the Microsoft.PowerShell.SecretStore vault.' -ErrorId 'Microsoft.PowerShell.SecretManagement.PasswordRequiredException' -Category NotSpecified
            }
            """);
        var (_, error) = _t.Try("Connect-CloudRebue -SecretName CloudRebue -Vault Store -BaseUri $ok");
        var record = ErrorAssert.Is(error, "CloudRebue.SecretVaultLocked", ErrorCategory.PermissionDenied);
        Assert.Contains("Unlock-SecretStore", record.Exception.Message);
        Assert.Contains("'Store'", record.Exception.Message);
        Assert.DoesNotContain("check the name", record.Exception.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(_t.Api.Requests);
    }

    [Fact]
    public void AnyOtherVaultFailureIsSecretReadFailedWithTheVaultsWords()
    {
        InstallFakeSecretManagement();
        _t.Run("function global:Get-Secret { [CmdletBinding()] param([string] $Name, [string] $Vault) throw 'Unable to find vault Nowhere.' }");
        var (_, error) = _t.Try("Connect-CloudRebue -SecretName CloudRebue -Vault Nowhere -BaseUri $ok");
        var record = ErrorAssert.Is(error, "CloudRebue.SecretReadFailed", ErrorCategory.ReadError);
        Assert.Contains("Unable to find vault Nowhere.", record.Exception.Message);
    }

    [Fact]
    public void AByteArraySecretIsNamedAsSuch()
    {
        InstallFakeSecretManagement();
        _t.Run("$FakeVault['CloudRebue'] = [byte[]] (1, 2, 3)");
        var (_, error) = _t.Try("Connect-CloudRebue -SecretName CloudRebue -BaseUri $ok");
        var record = ErrorAssert.Is(error, "CloudRebue.SecretUnsupported", ErrorCategory.InvalidType);
        Assert.Contains("is a byte array", record.Exception.Message);
    }

    [Fact]
    public void ASecretOfAnotherTypeIsSecretUnsupported()
    {
        InstallFakeSecretManagement();
        _t.Run("$FakeVault['CloudRebue'] = @{ token = 'x' }");
        var (_, error) = _t.Try("Connect-CloudRebue -SecretName CloudRebue -BaseUri $ok");
        ErrorAssert.Is(error, "CloudRebue.SecretUnsupported", ErrorCategory.InvalidType);
    }

    [Fact]
    public void WithoutSecretManagementTheErrorSaysHowToInstallIt()
    {
        var (_, error) = _t.Try("Connect-CloudRebue -SecretName CloudRebue -BaseUri $ok");
        var record = ErrorAssert.Is(error, "CloudRebue.SecretManagementMissing", ErrorCategory.NotInstalled);
        Assert.Contains("Install-Module Microsoft.PowerShell.SecretManagement", record.Exception.Message);
    }

    [Fact]
    public void SaveSecretStoresTheTokenUnderTheDefaultName()
    {
        InstallFakeSecretManagement();
        var result = _t.Run("Connect-CloudRebue -Token $token -SaveSecret -BaseUri $ok");
        Assert.Empty(result.Errors);
        Assert.Equal(new[] { "Set CloudRebue " }, SecretCalls());
        var stored = Assert.IsType<SecureString>(_t.Run("$FakeVault['CloudRebue']").Output.Single().BaseObject);
        Assert.Equal(_t.Token, new NetworkCredential(string.Empty, stored).Password);
    }

    [Fact]
    public void SaveSecretUsesTheGivenNameAndVaultAndTheSavedSecretConnectsLater()
    {
        InstallFakeSecretManagement();
        Assert.Empty(_t.Run("Connect-CloudRebue -Credential ([pscredential]::new('u', $token)) -SaveSecret -SecretName Sms -Vault Store -BaseUri $ok").Errors);
        Assert.Empty(_t.Run("Disconnect-CloudRebue; Connect-CloudRebue -SecretName Sms -Vault Store -BaseUri $ok").Errors);
        Assert.Equal(new[] { "Set Sms Store", "Get Sms Store" }, SecretCalls());
        Assert.Equal(2, _t.AuthorizationsSeen().Count(a => a == "Bearer " + _t.Token));
    }

    [Fact]
    public void ARejectedTokenIsNeverSaved()
    {
        InstallFakeSecretManagement();
        var (_, error) = _t.Try("Connect-CloudRebue -Token $token -SaveSecret -BaseUri $unauthorized");
        ErrorAssert.Is(error, "CloudRebue.TokenRejected", ErrorCategory.AuthenticationError);
        Assert.Empty(SecretCalls());
    }

    [Fact]
    public void SaveSecretWithoutSecretManagementFailsAndLeavesNoSession()
    {
        var (_, error) = _t.Try("Connect-CloudRebue -Token $token -SaveSecret -BaseUri $ok");
        var record = ErrorAssert.Is(error, "CloudRebue.SecretManagementMissing", ErrorCategory.NotInstalled);
        Assert.Contains("Set-Secret", record.Exception.Message);
        Assert.Null(SessionStore.Current);
    }
}
