using System.Net;
using System.Net.Http;
using CloudRebue.Core.Api;
using Xunit;

namespace CloudRebue.Core.Tests.Api;

/// <summary>
/// The handler a connection owns, and the TLS 1.2 rule it applies to ServicePointManager on .NET
/// Framework (that call only runs on Windows PowerShell 5.1; the rule itself is tested here).
/// </summary>
public class HttpHandlerFactoryTests
{
    private static CloudRebueClientOptions Options() => new(ApiToken.FromPlainText("abcdefghijklmnop6789"));

    [Theory]
    [InlineData(8)]
    [InlineData(64)]
    [InlineData(128)]
    public void MaxConnectionsPerServerFollowsTheOptions(int max)
    {
        var options = Options();
        options.MaxConnections = max;
        using var handler = Assert.IsType<HttpClientHandler>(HttpHandlerFactory.Create(options));
        Assert.Equal(max, handler.MaxConnectionsPerServer);
    }

    [Fact]
    public void TheDefaultCapCoversTheSendersHighestThrottleLimit()
    {
        using var handler = Assert.IsType<HttpClientHandler>(HttpHandlerFactory.Create(Options()));
        Assert.Equal(128, handler.MaxConnectionsPerServer);
    }

    [Fact]
    public void TheProxyAndItsCredentialAreUsed()
    {
        var options = Options();
        options.Proxy = new Uri("http://proxy.example:3128");
        options.ProxyCredential = new NetworkCredential("user", "pass");
        using var handler = Assert.IsType<HttpClientHandler>(HttpHandlerFactory.Create(options));
        Assert.True(handler.UseProxy);
        var proxy = Assert.IsType<WebProxy>(handler.Proxy);
        Assert.Equal(new Uri("http://proxy.example:3128"), proxy.Address);
        Assert.Same(options.ProxyCredential, proxy.Credentials);
    }

    // A redirect would turn a POST into a GET and hide a wrong -BaseUri behind a confusing answer.
    [Fact]
    public void RedirectsAreNotFollowed()
    {
        using var handler = Assert.IsType<HttpClientHandler>(HttpHandlerFactory.Create(Options()));
        Assert.False(handler.AllowAutoRedirect);
    }

#pragma warning disable SYSLIB0039 // the old protocols are exactly what must survive untouched
    [Theory]
    [InlineData(SecurityProtocolType.SystemDefault)]
    [InlineData(SecurityProtocolType.Tls)]
    [InlineData(SecurityProtocolType.Tls13)]
    [InlineData(SecurityProtocolType.Tls11 | SecurityProtocolType.Tls13)]
    [InlineData(SecurityProtocolType.Tls12)]
#pragma warning restore SYSLIB0039
    public void AddsTls12AndKeepsWhateverWasEnabled(SecurityProtocolType enabled)
    {
        var result = HttpHandlerFactory.WithTls12(enabled);
        Assert.True(result.HasFlag(SecurityProtocolType.Tls12));
        Assert.Equal(enabled, result & enabled);
        Assert.Equal(enabled | SecurityProtocolType.Tls12, result);
    }
}
