using CloudRebue.Core.Sending;
using Xunit;

namespace CloudRebue.Core.Tests.Sending;

public class RowRejectionTests
{
    [Fact]
    public void EveryRecipientOfTheCellGetsTheRowsResult()
    {
        var row = new SendRow { Phone = "0712345678, 0722000000,bad", Sender = "ACME", Correlator = "INV-1", Row = 4, InputObject = "row" };
        var results = RowRejection.PerRecipient(row, SendErrorIds.TemplateFieldMissing, "Row 4 has no Name", DateTimeOffset.Now);
        Assert.Equal(new[] { "254712345678", "254722000000", "bad" }, results.Select(r => r.Phone));
        Assert.All(results, r =>
        {
            Assert.Equal(SendStatus.Invalid, r.Status);
            Assert.Equal(SendErrorIds.TemplateFieldMissing, r.ErrorId);
            Assert.Equal(4, r.Row);
            Assert.Equal("INV-1", r.Correlator);
            Assert.Equal("row", r.InputObject);
        });
    }

    [Fact]
    public void AnEmptyPhoneStillGetsOneResult()
    {
        var results = RowRejection.PerRecipient(new SendRow { Phone = null, Row = 1 }, SendErrorIds.TemplateFieldMissing, "x", DateTimeOffset.Now);
        Assert.Single(results);
    }
}
