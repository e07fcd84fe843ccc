using Xunit;

namespace CloudRebue.Simulator.Tests;

public class PhoneRulesTests
{
    [Theory]
    [InlineData("254712345678", "254712345678")]
    [InlineData("254112345678", "254112345678")]
    [InlineData("0712345678", "254712345678")]
    [InlineData("0112345678", "254112345678")]
    [InlineData("712345678", "254712345678")]
    [InlineData("112345678", "254112345678")]
    public void DocumentedFormatsAreNormalisedTo254(string given, string expected) =>
        Assert.Equal(expected, PhoneRules.Normalise(given));

    [Theory]
    [InlineData("")]
    [InlineData("+254712345678")]
    [InlineData("0712 345 678")]
    [InlineData("0712-345-678")]
    [InlineData("07XXXXXXXX")]
    [InlineData("25471234567")]
    [InlineData("2547123456789")]
    [InlineData("255712345678")]
    [InlineData("254812345678")]
    [InlineData("07123456789")]
    [InlineData("0812345678")]
    [InlineData("812345678")]
    [InlineData("71234567")]
    public void AnythingElseIsRejected(string given) => Assert.Null(PhoneRules.Normalise(given));

    [Theory]
    [InlineData("254712345678", "safaricom")]
    [InlineData("254722345678", "safaricom")]
    [InlineData("254795345678", "safaricom")]
    [InlineData("254112345678", "safaricom")]
    [InlineData("254733345678", "airtel")]
    [InlineData("254753345678", "airtel")]
    [InlineData("254785345678", "airtel")]
    [InlineData("254102345678", "airtel")]
    [InlineData("254772345678", "telkom")]
    [InlineData("254764345678", "equitel")]
    [InlineData("254747345678", "faiba")]
    [InlineData("254199345678", "unknown")]
    public void OperatorComesFromThePrefix(string phone, string expected) => Assert.Equal(expected, PhoneRules.Operator(phone));
}
