using CloudRebue.Core.Api;
using Xunit;

namespace CloudRebue.Core.Tests.Api;

/// <summary>The one filter for server text: whole, cut and case-changed echoes of the token are masked.</summary>
public class ServerTextScrubberTests
{
    private const string Token = "Zq7Kp2Wm9Xv4Rt8Ln3Bc6Hd1Jf5Gs0Ty";
    private readonly ServerTextScrubber _scrubber = new(Token);

    [Theory]
    [InlineData("Bearer " + Token)]
    [InlineData("header was: BEARER ZQ7KP2WM9XV4RT8LN3BC6HD1JF5GS0TY.")]
    [InlineData("cut: Zq7Kp2Wm9Xv4Rt8Ln3Bc6Hd1J")]
    [InlineData("middle Wm9Xv4Rt8L only")]
    [InlineData("tail 3Bc6Hd1Jf5Gs0Ty")]
    public void NoEightCharactersOfTheTokenSurvive(string text)
    {
        string clean = _scrubber.Clean(text)!;
        Assert.Contains(ServerTextScrubber.Mask, clean);
        for (int i = 0; i + 8 <= Token.Length; i++)
        {
            Assert.DoesNotContain(Token.Substring(i, 8), clean, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void TwoEchoesAreBothMaskedAndTheRestIsKept()
    {
        Assert.Equal("a **** b **** c", _scrubber.Clean("a " + Token + " b " + Token.Substring(5, 12).ToLowerInvariant() + " c"));
    }

    [Theory]
    [InlineData("The sender ID ACME is not registered.")]
    [InlineData("Zq7Kp2W and Rt8Ln3B are seven characters each")]
    [InlineData("")]
    [InlineData(null)]
    public void OtherTextIsTheSameInstance(string? text) => Assert.Same(text, _scrubber.Clean(text));
}
