using System.Text;
using CloudRebue.Core.Api;
using Xunit;

namespace CloudRebue.Core.Tests.Api;

public class BalanceParserTests
{
    private static BalanceInfo? Parse(string json) => BalanceParser.TryParse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void ReadsTheDocumentedShapeWithUnitsAsAString()
    {
        var b = Parse("{\"status\": true, \"data\": {\"account_units\": \"6974\", \"date\": \"2021-12-03 11:10:44\"}}")!;
        Assert.Equal(6974m, b.AccountUnits);
        Assert.Null(b.BalanceKes);
        Assert.Null(b.BalanceMinor);
        Assert.Equal(new DateTimeOffset(2021, 12, 3, 11, 10, 44, TimeSpan.FromHours(3)), b.Date);
    }

    [Fact]
    public void ReadsUnitsSentAsANumber()
    {
        Assert.Equal(12.5m, Parse("{\"data\": {\"account_units\": 12.5}}")!.AccountUnits);
    }

    [Fact]
    public void ReadsTheSisterBrandsMoneyShape()
    {
        var b = Parse("{\"status\": true, \"data\": {\"balance_kes\": \"1250.50\", \"balance_minor\": 125050, \"date\": \"2021-12-03 11:10:44\"}}")!;
        Assert.Null(b.AccountUnits);
        Assert.Equal(1250.50m, b.BalanceKes);
        Assert.Equal(125050L, b.BalanceMinor);
    }

    [Fact]
    public void AMissingDateIsNullNotAFailure()
    {
        var b = Parse("{\"data\": {\"account_units\": \"5\"}}")!;
        Assert.Equal(5m, b.AccountUnits);
        Assert.Null(b.Date);
    }

    [Theory]
    [InlineData("{\"status\": true}")]
    [InlineData("{\"status\": true, \"data\": {}}")]
    [InlineData("{\"status\": true, \"data\": {\"account_units\": \"lots\"}}")]
    [InlineData("{\"status\": true, \"data\": []}")]
    [InlineData("<html>Gateway</html>")]
    [InlineData("")]
    public void AnythingElseIsUnreadable(string json)
    {
        Assert.Null(Parse(json));
    }
}
