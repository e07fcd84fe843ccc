using System.Text;
using CloudRebue.Core.Api;
using CloudRebue.Core.Sending;
using Xunit;

namespace CloudRebue.Core.Tests.Api;

/// <summary>
/// The send-sms answer reader: one pass over the bytes, as tolerant as the JsonDocument reading it
/// replaced (string or number, any brand's flag spelling, last repeated name wins), and unreadable for
/// anything that does not give exactly one object per message.
/// </summary>
public class SendResponseParserTests
{
    private static IReadOnlyList<SendItemResult>? Parse(string json, int count) => SendResponseParser.TryParse(Encoding.UTF8.GetBytes(json), count);

    [Theory]
    [InlineData("true", true)]
    [InlineData("\"true\"", true)]
    [InlineData("\"True\"", true)]
    [InlineData("1", true)]
    [InlineData("\"1\"", true)]
    [InlineData("false", false)]
    [InlineData("0", false)]
    [InlineData("\"yes\"", false)]
    [InlineData("null", false)]
    [InlineData("{\"a\":1}", false)]
    public void ReadsTheStatusFlagAsEachBrandWritesIt(string status, bool accepted)
    {
        var item = Assert.Single(Parse($"[{{\"status\":{status},\"data\":{{\"uniqueId\":\"u\"}}}}]", 1)!);
        Assert.Equal(accepted, item.Accepted);
        Assert.Equal("u", item.UniqueId);
    }

    [Theory]
    [InlineData("42", "42", 1)]
    [InlineData("4.20", "4.20", 1)]
    [InlineData("\"c-1\"", "c-1", 1)]
    [InlineData("true", "true", 1)]
    [InlineData("null", null, 1)]
    [InlineData("[\"x\"]", null, 1)]
    public void ReadsACorrelatorAsItsTextWhateverItsKind(string correlator, string? expected, int units)
    {
        var item = Assert.Single(Parse($"[{{\"status\":true,\"data\":{{\"correlator\":{correlator},\"sms_units\":{units},\"batch_id\":\"b\"}}}}]", 1)!);
        Assert.Equal(expected, item.Correlator);
        Assert.Equal(units, item.SmsUnits);
        Assert.Equal("b", item.BatchId);
    }

    [Theory]
    [InlineData("2", 2)]
    [InlineData("\"3\"", 3)]
    [InlineData("2.7", 2)]
    [InlineData("\"x\"", null)]
    [InlineData("1E400", null)]
    [InlineData("null", null)]
    public void ReadsUnitsFromANumberOrAString(string units, int? expected) =>
        Assert.Equal(expected, Assert.Single(Parse($"[{{\"status\":true,\"data\":{{\"sms_units\":{units}}}}}]", 1)!).SmsUnits);

    [Fact]
    public void TheLastOfRepeatedNamesWinsAndEscapedNamesMatch()
    {
        var item = Assert.Single(Parse("[{\"status\":false,\"data\":\"none\",\"st\\u0061tus\":true,\"data\":{\"phone\":\"254700000001\",\"phone\":\"254700000002\"},\"extra\":{\"deep\":[1,[2]]}}]", 1)!);
        Assert.True(item.Accepted);
        Assert.Equal("254700000002", item.Phone);
    }

    [Fact]
    public void DataThatIsNotAnObjectCarriesNoFields()
    {
        var item = Assert.Single(Parse("[{\"status\":true,\"message\":\"ok\",\"data\":[{\"uniqueId\":\"u\"}]}]", 1)!);
        Assert.True(item.Accepted);
        Assert.Equal("ok", item.Message);
        Assert.Null(item.UniqueId);
    }

    [Fact]
    public void ASingleObjectAnswersABatchOfOne()
    {
        Assert.Equal("u", Assert.Single(Parse("{\"status\":true,\"data\":{\"uniqueId\":\"u\"}}", 1)!).UniqueId);
        Assert.Null(Parse("{\"status\":true}", 2));
    }

    [Theory]
    [InlineData("", 1)]
    [InlineData("null", 1)]
    [InlineData("[]", 1)]
    [InlineData("[{\"status\":true}]", 2)]
    [InlineData("[{\"status\":true},{\"status\":true}]", 1)]
    [InlineData("[{\"status\":true},1]", 2)]
    [InlineData("[{\"status\":true}] x", 1)]
    [InlineData("[{\"status\":true}] []", 1)]
    [InlineData("[{\"status\":true},]", 1)]
    [InlineData("[{\"status\":true}/* c */]", 1)]
    [InlineData("[{\"status\":true,\"data\":{\"phone\":\"2547", 1)]
    public void AnythingButOneObjectPerMessageIsUnreadable(string json, int count) => Assert.Null(Parse(json, count));
}
