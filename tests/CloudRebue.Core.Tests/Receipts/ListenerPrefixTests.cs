using CloudRebue.Core.Receipts;
using Xunit;

namespace CloudRebue.Core.Tests.Receipts;

public class ListenerPrefixTests
{
    [Theory]
    [InlineData(null, 8080, "http://+:8080/")]
    [InlineData("+", 8080, "http://+:8080/")]
    [InlineData("*", 80, "http://*:80/")]
    [InlineData("127.0.0.1", 5000, "http://127.0.0.1:5000/")]
    [InlineData("::1", 5000, "http://[::1]:5000/")]
    [InlineData("receipts.example.com", 8080, "http://receipts.example.com:8080/")]
    public void BuildsThePrefixForAnAddressAndPort(string? address, int port, string expected) =>
        Assert.Equal(expected, ListenerPrefix.For(address, port).Value);

    [Fact]
    public void ParsesAPrefixWithAPath()
    {
        var p = ListenerPrefix.Parse("http://+:80/rebue");
        Assert.Equal("+", p.Host);
        Assert.Equal(80, p.Port);
        Assert.Equal("/rebue/", p.Path);
        Assert.Equal("http://+:80/rebue/", p.Value);
    }

    [Fact]
    public void RefusesHttpsAndSaysWhereTlsBelongs()
    {
        var ex = Assert.Throws<ArgumentException>(() => ListenerPrefix.Parse("https://+:443/"));
        Assert.Contains("reverse proxy", ex.Message);
    }

    [Theory]
    [InlineData("+:8080/")]
    [InlineData("http://+/")]
    [InlineData("http://+:0/")]
    [InlineData("http://+:70000/")]
    [InlineData("http://+:80a/")]
    public void RefusesMalformedPrefixes(string prefix) => Assert.Throws<ArgumentException>(() => ListenerPrefix.Parse(prefix));
}
