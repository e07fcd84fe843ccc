using Xunit;

namespace CloudRebue.Simulator.Tests;

public class SmsUnitsTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(160, 1)]
    [InlineData(161, 2)]
    [InlineData(306, 2)]
    [InlineData(307, 3)]
    [InlineData(459, 3)]
    [InlineData(460, 4)]
    public void Gsm7IsOneUnitUpTo160Then153PerUnit(int length, int units) =>
        Assert.Equal(units, SmsUnits.Count(new string('a', length)));

    [Theory]
    [InlineData("^")]
    [InlineData("{")]
    [InlineData("}")]
    [InlineData("\\")]
    [InlineData("[")]
    [InlineData("~")]
    [InlineData("]")]
    [InlineData("|")]
    [InlineData("€")]
    [InlineData("\f")]
    public void ExtensionCharactersCountTwo(string c)
    {
        // 80 of them are 160 septets: one unit; one more plain character tips it over.
        string eighty = string.Concat(Enumerable.Repeat(c, 80));
        Assert.Equal(1, SmsUnits.Count(eighty));
        Assert.Equal(2, SmsUnits.Count(eighty + "a"));
    }

    [Theory]
    [InlineData("@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ¤¡ÄÖÑÜ§¿äöñüà")]
    [InlineData("Line one\nLine two\r")]
    public void BasicGsm7CharactersCountOne(string text) =>
        Assert.Equal(1, SmsUnits.Count(text + new string('a', 160 - text.Length)));

    [Theory]
    [InlineData(70, 1)]
    [InlineData(71, 2)]
    [InlineData(134, 2)]
    [InlineData(135, 3)]
    public void Ucs2IsOneUnitUpTo70Then67PerUnit(int length, int units)
    {
        // 'ç' (lower case) is not in GSM-7, unlike 'Ç'.
        Assert.Equal(units, SmsUnits.Count("ç" + new string('a', length - 1)));
    }

    [Fact]
    public void Ucs2CountsUtf16CodeUnitsSoAnEmojiCountsTwo()
    {
        string emoji = "🙂";
        Assert.Equal(1, SmsUnits.Count(string.Concat(Enumerable.Repeat(emoji, 35))));
        Assert.Equal(2, SmsUnits.Count(string.Concat(Enumerable.Repeat(emoji, 36))));
    }

    [Fact]
    public void OneNonGsmCharacterMakesTheWholeMessageUcs2() =>
        Assert.Equal(3, SmsUnits.Count("Karibu 🙂 " + new string('a', 130)));
}
