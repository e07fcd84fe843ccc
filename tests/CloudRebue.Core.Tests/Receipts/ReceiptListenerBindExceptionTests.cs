using System.Net;
using System.Net.Sockets;
using CloudRebue.Core.Receipts;
using Xunit;

namespace CloudRebue.Core.Tests.Receipts;

public class ReceiptListenerBindExceptionTests
{
    private static readonly ListenerPrefix Prefix = ListenerPrefix.Parse("http://+:8080/");

    [Fact]
    public void AccessDeniedOnWindowsNamesTheExactUrlAclCommand()
    {
        var inner = new HttpListenerException(5, "Access is denied.");
        var ex = ReceiptListenerBindException.For(Prefix, 5, inner, @"CONTOSO\svc-sms");
        Assert.Equal(@"netsh http add urlacl url=http://+:8080/ user=CONTOSO\svc-sms", ex.UrlAclCommand);
        Assert.Contains(@"netsh http add urlacl url=http://+:8080/ user=CONTOSO\svc-sms", ex.Message);
        Assert.Same(inner, ex.InnerException);
        Assert.Equal("http://+:8080/", ex.Prefix);
    }

    [Theory]
    [InlineData((int)SocketError.AddressAlreadyInUse)]
    [InlineData(32)]
    [InlineData(183)]
    public void PortInUseSaysToChooseAnotherPort(int code)
    {
        var ex = ReceiptListenerBindException.For(Prefix, code, new HttpListenerException(code), "D\\u");
        Assert.Contains("already in use", ex.Message);
        Assert.Contains("-Port", ex.Message);
        Assert.Null(ex.UrlAclCommand);
    }

    [Fact]
    public void APrivilegedPortSaysToChooseAHigherOne()
    {
        var ex = ReceiptListenerBindException.For(Prefix, (int)SocketError.AccessDenied, new SocketException((int)SocketError.AccessDenied), "D\\u");
        Assert.Contains("1024", ex.Message);
    }

    [Fact]
    public void AnythingElseKeepsTheCause()
    {
        var ex = ReceiptListenerBindException.For(Prefix, 50, new HttpListenerException(50, "The request is not supported."), "D\\u");
        Assert.Contains("The request is not supported.", ex.Message);
        Assert.Contains("http://+:8080/", ex.Message);
    }
}
