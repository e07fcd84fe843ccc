using System.Text;
using CloudRebue.Core.Receipts;
using Xunit;

namespace CloudRebue.Core.Tests.Receipts;

/// <summary>Receipts from a body given by the caller: the listener's parser, its refusals, and the journal join.</summary>
public class ReceiptBodyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    private sealed class OneMessageJournal : IReceiptCorrelator
    {
        public List<(string? Correlator, string UniqueId)> Asked { get; } = new();

        public string? Problem => null;

        public SentMessage? FindSent(string? correlator, string uniqueId)
        {
            Asked.Add((correlator, uniqueId));
            return correlator == "7" ? new SentMessage("ACME", "DB01 is down", "row") : null;
        }
    }

    [Fact]
    public void AnArrayBodyGivesOneJoinedReceiptPerElementInOrder()
    {
        var journal = new OneMessageJournal();
        var receipts = ReceiptBody.Parse(Encoding.UTF8.GetBytes("""[{"phone":"254712345678","correlator":7,"uniqueId":"a","deliveryStatus":"DeliveredToTerminal"},{"phone":"254722000000","uniqueId":"b","deliveryStatus":"SenderBlacklisted"}]"""), Now, new ReceiptJoin(journal));
        Assert.Equal(["a", "b"], receipts.Select(r => r.UniqueId));
        Assert.Equal("DB01 is down", receipts[0].Message);
        Assert.Null(receipts[1].Message);
        Assert.Equal([("7", "a"), (null, "b")], journal.Asked);
        Assert.All(receipts, r => Assert.Equal(Now, r.ReceivedAt));
        Assert.All(receipts, r => Assert.Null(r.RemoteAddress));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("""{"phone":"254712345678","uniqueId":"a"}""")]
    public void ABodyTheListenerRefusesIsRefusedHereToo(string body)
    {
        var ex = Assert.Throws<ReceiptRequestException>(() => ReceiptBody.Parse(Encoding.UTF8.GetBytes(body), Now, null));
        Assert.Equal(400, ex.StatusCode);
    }

    [Theory]
    [InlineData("""{"WebhookName":"w","RequestBody":"{\"phone\":\"1\"}","RequestHeader":{}}""", """{"phone":"1"}""")]
    [InlineData("""{"requestbody":[{"phone":"1"}]}""", """[{"phone":"1"}]""")]
    [InlineData("""{"phone":"254712345678","uniqueId":"a","deliveryStatus":"x"}""", null)]
    [InlineData("""not json""", null)]
    [InlineData("""[1]""", null)]
    public void AWebhookWrapperIsRecognisedByItsRequestBody(string text, string? expected) =>
        Assert.Equal(expected, ReceiptBody.WebhookRequestBody(text));

    [Theory]
    [InlineData("DeliveredToTerminal", DeliveryState.Delivered)]
    [InlineData("deliveredtoterminal", DeliveryState.Delivered)]
    [InlineData("DeliveryImpossible", DeliveryState.Failed)]
    [InlineData("AbsentSubscriber", DeliveryState.Failed)]
    [InlineData("Insufficient_Balance", DeliveryState.Failed)]
    [InlineData("DeliveredToNetwork", DeliveryState.Pending)]
    [InlineData("MessageWaiting", DeliveryState.Pending)]
    [InlineData("DeliveryUncertain", DeliveryState.Pending)]
    [InlineData("SomethingNew", DeliveryState.Pending)]
    [InlineData(null, DeliveryState.Pending)]
    public void StatusesAreClassifiedAsApiMdSays(string? status, DeliveryState expected)
    {
        Assert.Equal(expected, DeliveryStates.Classify(status));
        Assert.Equal(expected != DeliveryState.Pending, DeliveryStates.IsFinal(expected));
    }
}
