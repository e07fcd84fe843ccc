using System.Management.Automation;
using System.Text;
using CloudRebue.Core.Api;
using CloudRebue.PowerShell.Session;
using Xunit;

namespace CloudRebue.PowerShell.Tests.Session;

/// <summary>The account/balance check and how each way it can fail is reported; base URI, proxy, timeout.</summary>
[Collection(SessionCollection.Name)]
public sealed class ConnectValidationTests : IDisposable
{
    private readonly SessionTestContext _t = new();

    public void Dispose() => _t.Dispose();

    [Fact]
    public void ARejectedTokenIsTokenRejectedAndKeepsThePreviousSession()
    {
        var first = Assert.Single(_t.Run("Connect-CloudRebue -Token $token -BaseUri $ok").Objects<CloudRebueConnection>());
        var (_, error) = _t.Try("Connect-CloudRebue -Token $token -BaseUri $unauthorized");
        var record = ErrorAssert.Is(error, "CloudRebue.TokenRejected", ErrorCategory.AuthenticationError);
        Assert.Contains("rejected the token", record.Exception.Message);
        Assert.Contains("Generate a new API token", record.Exception.Message);
        Assert.Same(first, SessionStore.Current);
        Assert.False(first.IsDisposed);
    }

    [Fact]
    public void AServerErrorIsApiErrorWithTheStatus()
    {
        var (_, error) = _t.Try("Connect-CloudRebue -Token $token -BaseUri $servererror");
        var record = ErrorAssert.Is(error, "CloudRebue.ApiError", ErrorCategory.InvalidResult);
        Assert.Contains("500", record.Exception.Message);
        Assert.Null(SessionStore.Current);
    }

    [Fact]
    public void NoAnswerWithinTimeoutSecIsTimeout()
    {
        var (_, error) = _t.Try("Connect-CloudRebue -Token $token -BaseUri $slow -TimeoutSec 1");
        var record = ErrorAssert.Is(error, "CloudRebue.Timeout", ErrorCategory.OperationTimeout);
        Assert.Contains("-TimeoutSec", record.Exception.Message);
    }

    [Fact]
    public void AnUnreachableHostNamesTheUrlAndTheCause()
    {
        var (_, error) = _t.Try("Connect-CloudRebue -Token $token -BaseUri $unreachable");
        var record = ErrorAssert.Is(error, "CloudRebue.Unreachable", ErrorCategory.ConnectionError);
        Assert.Contains("Could not connect to http://127.0.0.1:", record.Exception.Message);
        Assert.Contains("/api/v1/account/balance", record.Exception.Message);
        Assert.Contains("refused", record.Exception.Message, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(record.Exception.InnerException);
    }

    [Fact]
    public void SkipValidationMakesNoRequest()
    {
        var result = _t.Run("Connect-CloudRebue -Token $token -BaseUri $unreachable -SkipValidation");
        Assert.Empty(result.Errors);
        var connection = Assert.Single(result.Objects<CloudRebueConnection>());
        Assert.Null(connection.AccountUnits);
        Assert.Empty(_t.Api.Requests);
        Assert.Same(connection, SessionStore.Current);
    }

    [Fact]
    public void TheDefaultBaseUriIsTheDocumentedOne()
    {
        var connection = Assert.Single(_t.Run("Connect-CloudRebue -Token $token -SkipValidation").Objects<CloudRebueConnection>());
        Assert.Equal("https://bulk.cloudrebue.co.ke/api/v1/", connection.BaseUri.ToString());
    }

    [Fact]
    public void TheBaseUriComesFromTheEnvironmentWhenNotGiven()
    {
        Environment.SetEnvironmentVariable("CLOUDREBUE_BASE_URI", _t.Api.BaseUri("kes").ToString());
        var connection = Assert.Single(_t.Run("Connect-CloudRebue -Token $token").Objects<CloudRebueConnection>());
        Assert.Equal(_t.Api.BaseUri("kes") + "/", connection.BaseUri.ToString());
    }

    [Fact]
    public void BaseUriParameterWinsOverTheEnvironment()
    {
        Environment.SetEnvironmentVariable("CLOUDREBUE_BASE_URI", "http://127.0.0.1:1/nowhere/api/v1");
        var result = _t.Run("Connect-CloudRebue -Token $token -BaseUri $ok");
        Assert.Empty(result.Errors);
        Assert.Equal(6974m, Assert.Single(result.Objects<CloudRebueConnection>()).AccountUnits);
    }

    [Theory]
    [InlineData("-BaseUri 'api/v1'")]
    [InlineData("-BaseUri 'ftp://example.com/api/v1'")]
    public void AnUnusableBaseUriIsInvalidBaseUri(string argument)
    {
        var (_, error) = _t.Try("Connect-CloudRebue -Token $token -SkipValidation " + argument);
        var record = ErrorAssert.Is(error, "CloudRebue.InvalidBaseUri", ErrorCategory.InvalidArgument);
        Assert.Contains("https://bulk.cloudrebue.co.ke/api/v1", record.Exception.Message);
    }

    [Fact]
    public void RequestsGoThroughTheProxyWithItsCredential()
    {
        _t.Api.RequireProxyAuthorization = true;
        var vars = _t.Variables();
        vars["proxy"] = _t.Api.ProxyUri;
        vars["proxyCredential"] = new PSCredential("proxyuser", SessionTestContext.Secure("proxypass"));
        var result = _t.PS.Run("Connect-CloudRebue -Token $token -BaseUri 'http://api.example.invalid/ok/api/v1' -Proxy $proxy -ProxyCredential $proxyCredential", vars);
        Assert.Empty(result.Errors);
        Assert.Equal(6974m, Assert.Single(result.Objects<CloudRebueConnection>()).AccountUnits);
        var last = _t.Api.Requests.Last();
        Assert.True(last.ViaProxy);
        Assert.Equal("http://api.example.invalid/ok/api/v1/account/balance", last.Target);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("proxyuser:proxypass")), last.ProxyAuthorization);
    }

    [Fact]
    public void TimeoutSecIsTheConnectionsTimeout()
    {
        var connection = Assert.Single(_t.Run("Connect-CloudRebue -Token $token -SkipValidation -TimeoutSec 7").Objects<CloudRebueConnection>());
        Assert.Equal(TimeSpan.FromSeconds(7), connection.Timeout);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(601)]
    public void TimeoutSecOutsideItsRangeIsRefused(int seconds)
    {
        var (_, error) = _t.Try($"Connect-CloudRebue -Token $token -SkipValidation -TimeoutSec {seconds}");
        Assert.IsAssignableFrom<ParameterBindingException>(error!.Exception);
    }
}
