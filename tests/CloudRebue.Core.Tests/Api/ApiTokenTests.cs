using System.Security;
using CloudRebue.Core.Api;
using Xunit;

namespace CloudRebue.Core.Tests.Api;

public class ApiTokenTests
{
    private const string Secret = "abcdefghijklmnop6789";

    [Fact]
    public void HintShowsOnlyTheLastFourCharacters()
    {
        var token = ApiToken.FromPlainText(Secret);
        Assert.Equal("****6789", token.Hint);
        Assert.Equal("****6789", token.ToString());
    }

    [Fact]
    public void ShortTokensShowNoCharactersAtAll()
    {
        // Four characters of an 8-character token would be half of it.
        Assert.Equal("****", ApiToken.FromPlainText("short678").Hint);
    }

    [Fact]
    public void SecureStringRoundTripsAndSurroundingSpaceIsDropped()
    {
        var secure = new SecureString();
        foreach (char c in "  " + Secret + "\n")
        {
            secure.AppendChar(c);
        }

        var token = ApiToken.FromSecureString(secure);
        Assert.Equal(Secret, token.Reveal());
        Assert.Equal(Secret, ApiToken.FromSecureString(token.ToSecureString()).Reveal());
        Assert.True(token.ToSecureString().IsReadOnly());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void EmptyTokensAreRefusedWithAMessageThatSaysWhatToDo(string? value)
    {
        var ex = Assert.Throws<ArgumentException>(() => ApiToken.FromPlainText(value!));
        Assert.Contains("empty", ex.Message);
    }
}
