using CloudRebue.Core.Receipts;
using Xunit;

namespace CloudRebue.Core.Tests.Receipts;

public class ReceiptQueueTests
{
    private static DeliveryReceipt R(string uniqueId, string status = "DeliveredToTerminal") =>
        new("254700000000", null, uniqueId, status, null, DateTimeOffset.UnixEpoch, null);

    private static List<string> Drain(ReceiptQueue queue)
    {
        var ids = new List<string>();
        while (queue.TryTake(out var r, TimeSpan.Zero, CancellationToken.None))
        {
            ids.Add(r.UniqueId);
        }

        return ids;
    }

    [Fact]
    public void HandsOverInOrder()
    {
        var q = new ReceiptQueue(10, 100, null);
        Assert.Equal(OfferStatus.Accepted, q.Offer(new[] { R("a"), R("b") }).Status);
        Assert.Equal(OfferStatus.Accepted, q.Offer(new[] { R("c") }).Status);
        Assert.Equal(new[] { "a", "b", "c" }, Drain(q));
    }

    [Fact]
    public void TakesAllOfABodyOrNone()
    {
        var q = new ReceiptQueue(2, 100, null);
        Assert.Equal(OfferStatus.Accepted, q.Offer(new[] { R("a") }).Status);
        Assert.Equal(OfferStatus.NoRoom, q.Offer(new[] { R("b"), R("c") }).Status);
        Assert.Equal(1, q.Count);
        Assert.Equal(new[] { "a" }, Drain(q));

        // Refused receipts were not remembered as seen: the provider's retry is accepted.
        var retry = q.Offer(new[] { R("b"), R("c") });
        Assert.Equal(OfferStatus.Accepted, retry.Status);
        Assert.Equal(2, retry.Added);
    }

    [Fact]
    public void AcknowledgesADuplicateWithoutQueueingItAgain()
    {
        var q = new ReceiptQueue(10, 100, null);
        q.Offer(new[] { R("a") });
        var again = q.Offer(new[] { R("a") });
        Assert.Equal(OfferStatus.Accepted, again.Status);
        Assert.Equal(0, again.Added);
        Assert.Equal(1, again.Duplicates);

        var mixed = q.Offer(new[] { R("a"), R("b"), R("b"), R("a", "DeliveryImpossible") });
        Assert.Equal(2, mixed.Added);
        Assert.Equal(2, mixed.Duplicates);
        Assert.Equal(new[] { "a", "b", "a" }, Drain(q));
    }

    [Fact]
    public void ADuplicateIsAcknowledgedEvenWhenFullOrClosed()
    {
        var q = new ReceiptQueue(1, 100, null);
        q.Offer(new[] { R("a") });
        Assert.Equal(OfferStatus.Accepted, q.Offer(new[] { R("a") }).Status);
        q.Close();
        Assert.Equal(OfferStatus.Accepted, q.Offer(new[] { R("a") }).Status);
        Assert.Equal(OfferStatus.Closed, q.Offer(new[] { R("b") }).Status);
    }

    [Fact]
    public void StopsAcceptingWhenTheBudgetIsSpent()
    {
        var q = new ReceiptQueue(10, 100, maxReceipts: 3);
        Assert.Equal(OfferStatus.Accepted, q.Offer(new[] { R("a"), R("b") }).Status);
        Assert.Equal(OfferStatus.NoRoom, q.Offer(new[] { R("c"), R("d") }).Status);
        Assert.False(q.IsClosed);
        Assert.Equal(OfferStatus.Accepted, q.Offer(new[] { R("c") }).Status);
        Assert.True(q.IsClosed);
        Assert.Equal(OfferStatus.Closed, q.Offer(new[] { R("e") }).Status);
        Assert.Equal(new[] { "a", "b", "c" }, Drain(q));
    }

    [Fact]
    public void ClosingKeepsWhatIsQueued()
    {
        var q = new ReceiptQueue(10, 100, null);
        q.Offer(new[] { R("a") });
        q.Close();
        Assert.Equal(new[] { "a" }, Drain(q));
    }

    [Fact]
    public void TakeGivesUpAfterItsWaitAndObeysCancellation()
    {
        var q = new ReceiptQueue(10, 100, null);
        Assert.False(q.TryTake(out _, TimeSpan.FromMilliseconds(20), CancellationToken.None));
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => q.TryTake(out _, TimeSpan.FromSeconds(30), cts.Token));
    }

    [Fact]
    public void ManyProducersOneConsumerLoseNothing()
    {
        var q = new ReceiptQueue(100_000, 100_000, null);
        Parallel.For(0, 8, p =>
        {
            for (int i = 0; i < 1000; i++)
            {
                Assert.Equal(OfferStatus.Accepted, q.Offer(new[] { R(p + "-" + i) }).Status);
            }
        });
        var ids = Drain(q);
        Assert.Equal(8000, ids.Count);
        Assert.Equal(8000, ids.Distinct().Count());
    }
}
