using CloudRebue.Core.Sending;
using CloudRebue.Core.Tests.Fakes;
using Xunit;

namespace CloudRebue.Core.Tests.Sending;

public class EndpointMaskTests
{
    [Theory]
    [InlineData("https://hooks.example.co.ke/receipts/9c1e7a2b4d6f4e8a", "https://hooks.example.co.ke/receipts/***")]
    [InlineData("http://127.0.0.1:8080/receipts/9c1e7a2b/", "http://127.0.0.1:8080/receipts/***")]
    [InlineData("https://user:pw@example.com/r/secret?key=abc", "https://***@example.com/r/***?***")]
    [InlineData("https://example.com/", "https://example.com")]
    [InlineData("not a url/with/secret", "not a url/with/***")]
    [InlineData("secret", "***")]
    [InlineData(null, null)]
    [InlineData("", "")]
    public void TheLastSegmentQueryAndUserAreMasked(string? endpoint, string? shown) =>
        Assert.Equal(shown, EndpointMask.Apply(endpoint));

    [Fact]
    public void ResultsShowTheMaskedUrlWhileTheMessageKeepsTheRealOne()
    {
        var message = TestMessages.Message(1, "https://hooks.example.co.ke/receipts/9c1e7a2b4d6f4e8a");
        var result = SendResult.For(message, SendStatus.Queued, DateTimeOffset.UtcNow);
        Assert.Equal("https://hooks.example.co.ke/receipts/***", result.Endpoint);
        Assert.Equal("https://hooks.example.co.ke/receipts/9c1e7a2b4d6f4e8a", message.Endpoint);
    }
}
