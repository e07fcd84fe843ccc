using CloudRebue.Core.Messages;
using Xunit;

namespace CloudRebue.Core.Tests.Messages;

public class SmsUnitCalculatorTests
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
    public void Gsm7Boundaries(int length, int units)
    {
        var m = SmsUnitCalculator.Measure(new string('x', length));
        Assert.Equal(SmsEncoding.Gsm7, m.Encoding);
        Assert.Equal(length, m.Length);
        Assert.Equal(units, m.Units);
    }

    [Theory]
    [InlineData(70, 1)]
    [InlineData(71, 2)]
    [InlineData(134, 2)]
    [InlineData(135, 3)]
    public void Ucs2Boundaries(int length, int units)
    {
        // One Greek small letter forces UCS-2; it is one UTF-16 code unit.
        var text = "ω" + new string('x', length - 1);
        var m = SmsUnitCalculator.Measure(text);
        Assert.Equal(SmsEncoding.Ucs2, m.Encoding);
        Assert.Equal(length, m.Length);
        Assert.Equal(units, m.Units);
        Assert.Equal(new[] { "ω" }, m.NonGsmCharacters);
    }

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
    public void ExtensionCharactersCountTwice(string extension)
    {
        var m = SmsUnitCalculator.Measure(extension + new string('x', 159));
        Assert.Equal(SmsEncoding.Gsm7, m.Encoding);
        Assert.Equal(161, m.Length);
        Assert.Equal(2, m.Units);
    }

    [Fact]
    public void EmojiIsTwoCodeUnitsAndOneCharacter()
    {
        var m = SmsUnitCalculator.Measure("Asante 🙏");
        Assert.Equal(SmsEncoding.Ucs2, m.Encoding);
        Assert.Equal(8, m.Characters);
        Assert.Equal(9, m.Length);
        Assert.Equal(1, m.Units);
        Assert.Equal(new[] { "🙏" }, m.NonGsmCharacters);
    }

    [Theory]
    [InlineData("@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ!\"#¤%&'()*+,-./:;<=>?¡ÄÖÑÜ§¿äöñüà")]
    [InlineData("Line one\nLine two\r")]
    public void WholeGsmAlphabetStaysGsm7(string text)
    {
        var m = SmsUnitCalculator.Measure(text);
        Assert.Equal(SmsEncoding.Gsm7, m.Encoding);
        Assert.Equal(text.Length, m.Length);
    }

    [Fact]
    public void CurlyQuoteFromWordForcesUcs2()
    {
        var m = SmsUnitCalculator.Measure("Don’t forget");
        Assert.Equal(SmsEncoding.Ucs2, m.Encoding);
        Assert.Equal(new[] { "’" }, m.NonGsmCharacters);
    }
}
