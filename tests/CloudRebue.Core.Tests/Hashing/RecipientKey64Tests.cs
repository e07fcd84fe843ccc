using CloudRebue.Core.Hashing;
using Xunit;

namespace CloudRebue.Core.Tests.Hashing;

/// <summary>The repeat filter's key: field boundaries count, and a million distinct recipients get a million keys.</summary>
public class RecipientKey64Tests
{
    [Fact]
    public void TheSameFieldsGiveTheSameKey() =>
        Assert.Equal(RecipientKey64.Of("254712345678", "ACME", "", "Hello"), RecipientKey64.Of("254712345678", "ACME", "", "Hello"));

    [Theory]
    [InlineData("ab", "c", "", "")]
    [InlineData("a", "bc", "", "")]
    [InlineData("a", "", "bc", "")]
    [InlineData("", "", "", "abc")]
    public void MovingTextBetweenFieldsChangesTheKey(string a, string b, string c, string d) =>
        Assert.NotEqual(RecipientKey64.Of("abc", "", "", ""), RecipientKey64.Of(a, b, c, d));

    [Fact]
    public void AMillionPhonesWithOneTextGetAMillionKeys()
    {
        var keys = new HashSet<ulong>();
        for (int i = 0; i < 1_000_000; i++)
        {
            keys.Add(RecipientKey64.Of("2547" + (12000000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), "ACME", string.Empty, "Your invoice is ready."));
        }

        Assert.Equal(1_000_000, keys.Count);
    }

    [Fact]
    public void OneCharacterOfTheTextChangesTheKey() =>
        Assert.NotEqual(RecipientKey64.Of("254712345678", "ACME", "", "Dear Ann"), RecipientKey64.Of("254712345678", "ACME", "", "Dear Anm"));
}
