using CloudRebue.Core.Phones;
using Xunit;

namespace CloudRebue.Core.Tests.Phones;

public class PhoneNumberNormalizerTests
{
    [Theory]
    [InlineData("254712345678", "254712345678")]
    [InlineData("+254712345678", "254712345678")]
    [InlineData("+254 712 345 678", "254712345678")]
    [InlineData("0712345678", "254712345678")]
    [InlineData("0712-345-678", "254712345678")]
    [InlineData("0712 345 678", "254712345678")]
    [InlineData("(0712) 345678", "254712345678")]
    [InlineData("0712.345.678", "254712345678")]
    [InlineData("712345678", "254712345678")]
    [InlineData("712345678.0", "254712345678")]
    [InlineData("254712345678.0", "254712345678")]
    [InlineData(" 0712345678 ", "254712345678")]
    [InlineData("0112345678", "254112345678")]
    [InlineData("112345678", "254112345678")]
    [InlineData("254112345678", "254112345678")]
    [InlineData("00254712345678", "254712345678")]
    [InlineData("+254 (0) 712 345 678", "254712345678")]
    [InlineData("+255712345678", "255712345678")]
    [InlineData("256772123456", "256772123456")]
    [InlineData("'0712345678", "254712345678")]
    [InlineData("0712\u00A0345\u00A0678", "254712345678")]
    [InlineData("+254-712-345-678", "254712345678")]
    public void NormalisesWhatPeopleAndSpreadsheetsWrite(string input, string expected)
    {
        PhoneNumberResult result = PhoneNumberNormalizer.Parse(input);
        Assert.True(result.IsValid, result.Error);
        Assert.Equal(expected, result.Normalized);
        Assert.Null(result.Error);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("07123", "too short")]
    [InlineData("12345678", "too short")]
    [InlineData("071234567890123", "too long")]
    [InlineData("0712abc678", "not a phone number")]
    [InlineData("call me", "not a phone number")]
    [InlineData("2.54712E+11", "scientific notation")]
    [InlineData("2.54712345678e11", "scientific notation")]
    [InlineData("0812345678", "not a number the API accepts")]
    [InlineData("812345678", "not a number the API accepts")]
    [InlineData("012345678901", "not a number the API accepts")]
    [InlineData("0712+345678", "not a phone number")]
    public void RejectsWithAReasonThatSaysWhatToDo(string input, string reason)
    {
        PhoneNumberResult result = PhoneNumberNormalizer.Parse(input);
        Assert.False(result.IsValid);
        Assert.Null(result.Normalized);
        Assert.Contains(reason, result.Error);
    }

    [Fact]
    public void NullIsEmpty()
    {
        Assert.Contains("empty", PhoneNumberNormalizer.Parse(null).Error);
        Assert.Contains("empty", Assert.Single(PhoneNumberNormalizer.ParseList(null)).Error);
    }

    [Theory]
    [InlineData("0712345678,0722000000", 2)]
    [InlineData("0712345678; 0722000000;0733000000", 3)]
    [InlineData("0712345678,,0722000000,", 2)]
    [InlineData("0712345678\n0722000000", 2)]
    public void SplitsListsIntoOneResultPerRecipient(string input, int count)
    {
        var results = PhoneNumberNormalizer.ParseList(input);
        Assert.Equal(count, results.Count);
        Assert.All(results, r => Assert.True(r.IsValid));
    }

    [Fact]
    public void AListKeepsItsBadEntriesAsInvalidResults()
    {
        var results = PhoneNumberNormalizer.ParseList("0712345678,abc,0722000000");
        Assert.Equal(new bool[] { true, false, true }, results.Select(r => r.IsValid));
        Assert.Equal("abc", results[1].Input);
    }

    [Fact]
    public void AListOfOnlySeparatorsIsInvalid() =>
        Assert.False(Assert.Single(PhoneNumberNormalizer.ParseList(" , ; ")).IsValid);

    [Theory]
    [InlineData("0712 345 678 / 0722 000 111", true)]
    [InlineData("0712345678 0722000111", true)]
    [InlineData("071234567890123", false)]
    public void TwoNumbersRunTogetherAreToldToUseCommas(string text, bool hinted)
    {
        var result = PhoneNumberNormalizer.Parse(text);
        Assert.False(result.IsValid);
        Assert.Equal(hinted, result.Error!.Contains("separate them with commas"));
    }
}
