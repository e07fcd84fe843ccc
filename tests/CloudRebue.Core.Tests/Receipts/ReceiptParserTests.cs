using System.Text;
using CloudRebue.Core.Receipts;
using Xunit;

namespace CloudRebue.Core.Tests.Receipts;

public class ReceiptParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static IReadOnlyList<DeliveryReceipt> Parse(string json) =>
        ReceiptParser.Parse(new ArraySegment<byte>(Encoding.UTF8.GetBytes(json)), Now, "10.0.0.7");

    private static int StatusOf(string json) => Assert.Throws<ReceiptRequestException>(() => Parse(json)).StatusCode;

    [Fact]
    public void ReadsTheDocumentedReceipt()
    {
        var r = Assert.Single(Parse("""{"phone":"254712345678","correlator":2,"uniqueId":"u-1","deliveryStatus":"DeliveredToTerminal","deliveryTime":"2020-01-01 00:00:00"}"""));
        Assert.Equal("254712345678", r.Phone);
        Assert.Equal("2", r.Correlator);
        Assert.Equal("u-1", r.UniqueId);
        Assert.Equal("DeliveredToTerminal", r.DeliveryStatus);
        Assert.True(r.Delivered);
        Assert.Equal(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.FromHours(3)), r.DeliveryTime);
        Assert.Equal(TimeSpan.FromHours(3), r.DeliveryTime!.Value.Offset);
        Assert.Equal(Now, r.ReceivedAt);
        Assert.Equal("10.0.0.7", r.RemoteAddress);
        Assert.Null(r.Sender);
        Assert.Null(r.Message);
        Assert.Null(r.InputObject);
    }

    [Fact]
    public void KeepsAStringCorrelatorAsItIs()
    {
        var r = Assert.Single(Parse("""{"phone":"254712345678","correlator":"inv-0042","uniqueId":"u","deliveryStatus":"DeliveredToTerminal"}"""));
        Assert.Equal("inv-0042", r.Correlator);
    }

    [Fact]
    public void ReadsAnArrayOfReceiptsInOrder()
    {
        var all = Parse("""[{"phone":"254700000001","uniqueId":"a","deliveryStatus":"DeliveredToTerminal"},{"phone":"254700000002","uniqueId":"b","deliveryStatus":"DeliveryImpossible"}]""");
        Assert.Equal(new[] { "a", "b" }, all.Select(r => r.UniqueId));
        Assert.Equal(new[] { true, false }, all.Select(r => r.Delivered));
    }

    [Theory]
    [InlineData("DeliveryImpossible")]
    [InlineData("DeliveredToNetwork")]
    [InlineData("SomethingNew")]
    public void AnyOtherStatusIsNotDeliveredAndKeepsItsText(string status)
    {
        var r = Assert.Single(Parse($$"""{"phone":"254712345678","uniqueId":"u","deliveryStatus":"{{status}}"}"""));
        Assert.False(r.Delivered);
        Assert.Equal(status, r.DeliveryStatus);
    }

    [Fact]
    public void OptionalFieldsMayBeAbsentOrNull()
    {
        var r = Assert.Single(Parse("""{"phone":"254712345678","uniqueId":"u","deliveryStatus":"DeliveredToTerminal","correlator":null,"deliveryTime":""}"""));
        Assert.Null(r.Correlator);
        Assert.Null(r.DeliveryTime);
    }

    [Fact]
    public void ToleratesOtherCaseInFieldNamesAndUnknownFields()
    {
        var r = Assert.Single(Parse("""{"Phone":"254712345678","UNIQUEID":"u","deliverystatus":"DeliveredToTerminal","extra":{"a":1}}"""));
        Assert.Equal("u", r.UniqueId);
    }

    [Fact]
    public void SkipsAUtf8ByteOrderMark()
    {
        byte[] body = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("""{"phone":"2547","uniqueId":"u","deliveryStatus":"x"}""")).ToArray();
        Assert.Single(ReceiptParser.Parse(new ArraySegment<byte>(body), Now, null));
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("")]
    [InlineData("\"just a string\"")]
    [InlineData("42")]
    [InlineData("[]")]
    [InlineData("[1,2]")]
    [InlineData("""{"phone":"254712345678","uniqueId":"u","deliveryStatus":"DeliveredToTerminal"} trailing""")]
    public void MalformedBodiesAre400(string json) => Assert.Equal(400, StatusOf(json));

    [Theory]
    [InlineData("""{"uniqueId":"u","deliveryStatus":"DeliveredToTerminal"}""", "phone")]
    [InlineData("""{"phone":"254712345678","deliveryStatus":"DeliveredToTerminal"}""", "uniqueId")]
    [InlineData("""{"phone":"254712345678","uniqueId":"u"}""", "deliveryStatus")]
    [InlineData("""{"phone":"  ","uniqueId":"u","deliveryStatus":"DeliveredToTerminal"}""", "phone")]
    [InlineData("""{"phone":"254712345678","uniqueId":null,"deliveryStatus":"DeliveredToTerminal"}""", "uniqueId")]
    public void MissingRequiredFieldsAre400AndNamed(string json, string field)
    {
        var ex = Assert.Throws<ReceiptRequestException>(() => Parse(json));
        Assert.Equal(400, ex.StatusCode);
        Assert.Contains(field, ex.Message);
    }

    [Fact]
    public void OneBadElementRefusesTheWholeArray()
    {
        var ex = Assert.Throws<ReceiptRequestException>(() => Parse("""[{"phone":"1","uniqueId":"a","deliveryStatus":"x"},{"phone":"2","deliveryStatus":"x"}]"""));
        Assert.Equal(400, ex.StatusCode);
        Assert.Contains("Receipt 2 of 2", ex.Message);
    }

    [Theory]
    [InlineData("""{"phone":true,"uniqueId":"u","deliveryStatus":"x"}""")]
    [InlineData("""{"phone":"1","uniqueId":{"a":1},"deliveryStatus":"x"}""")]
    [InlineData("""{"phone":"1","uniqueId":"u","deliveryStatus":"x","correlator":[1]}""")]
    public void FieldsOfTheWrongKindAre400(string json) => Assert.Equal(400, StatusOf(json));

    [Fact]
    public void AnUnreadableDeliveryTimeIs400()
    {
        var ex = Assert.Throws<ReceiptRequestException>(() => Parse("""{"phone":"1","uniqueId":"u","deliveryStatus":"x","deliveryTime":"yesterday"}"""));
        Assert.Equal(400, ex.StatusCode);
        Assert.Contains("deliveryTime", ex.Message);
    }
}
