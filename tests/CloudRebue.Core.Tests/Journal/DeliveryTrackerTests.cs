using System.Text;
using CloudRebue.Core.Journal;
using CloudRebue.Core.Receipts;
using Xunit;

namespace CloudRebue.Core.Tests.Journal;

/// <summary>When a send is fully receipted, and what the report says about each recipient.</summary>
public class DeliveryTrackerTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    private static JournalEntry Sent(string correlator, JournalState state = JournalState.Queued, string? uniqueId = null, long row = 1) =>
        new() { Correlator = correlator, Phone = "2547120000" + correlator.PadLeft(2, '0'), State = state, UniqueId = uniqueId ?? "u-" + correlator, Row = row, At = At, Sender = "ACME", Message = "DB01 is down" };

    private static DeliveryReceipt Receipt(string? correlator, string uniqueId, string status) =>
        ReceiptBody.Parse(Encoding.UTF8.GetBytes($$"""{"phone":"254712000000","correlator":{{(correlator == null ? "null" : "\"" + correlator + "\"")}},"uniqueId":"{{uniqueId}}","deliveryStatus":"{{status}}"}"""), At, null)[0];

    [Fact]
    public void CompleteOnlyWhenEveryQueuedRecipientHasAFinalReceipt()
    {
        var journal = new[] { Sent("1"), Sent("2", row: 2), Sent("3", JournalState.Failed, row: 3), Sent("4", JournalState.Unknown, row: 4) };
        var tracker = new DeliveryTracker();
        Assert.False(tracker.IsComplete(journal));
        Assert.Equal(2, tracker.Outstanding(journal));

        tracker.Record(Receipt("1", "u-1", "DeliveredToTerminal"));
        tracker.Record(Receipt("2", "u-2", "MessageWaiting"));
        Assert.False(tracker.IsComplete(journal));
        Assert.Equal(1, tracker.Outstanding(journal));

        tracker.Record(Receipt(null, "u-2", "DeliveryImpossible")); // found by uniqueId alone
        Assert.True(tracker.IsComplete(journal));
        Assert.Equal(0, tracker.Outstanding(journal));
    }

    [Fact]
    public void ARequestStillInFlightOrAnEmptyJournalIsNeverComplete()
    {
        var tracker = new DeliveryTracker();
        tracker.Record(Receipt("1", "u-1", "DeliveredToTerminal"));
        Assert.False(tracker.IsComplete([]));
        Assert.False(tracker.IsComplete([Sent("1"), Sent("2", JournalState.Pending, row: 2)]));
        Assert.False(tracker.IsComplete([Sent("9", JournalState.Unknown)]));
        Assert.True(tracker.IsComplete([Sent("1")]));
    }

    [Fact]
    public void ALatePendingReceiptDoesNotUndoAFinalOne()
    {
        var tracker = new DeliveryTracker();
        tracker.Record(Receipt("1", "u-1", "DeliveredToTerminal"));
        tracker.Record(Receipt("1", "u-1", "DeliveredToNetwork"));
        Assert.Equal(DeliveryProgress.Delivered, Assert.Single(tracker.Report([Sent("1")])).Delivery);
    }

    [Fact]
    public void TheReportListsQueuedAndUnknownRecipientsWithTheirReceiptsVerbatim()
    {
        var journal = new[] { Sent("1"), Sent("2", row: 2), Sent("3", JournalState.Failed, row: 3), Sent("4", JournalState.Unknown, row: 4), Sent("5", row: 5) };
        var tracker = new DeliveryTracker();
        tracker.Record(Receipt("1", "u-1", "DeliveredToTerminal"));
        tracker.Record(Receipt("2", "u-2", "Some_New_Status"));
        tracker.Record(Receipt("5", "u-5", "CallBarred"));
        var report = tracker.Report(journal);
        Assert.Equal(["1", "2", "4", "5"], report.Select(e => e.Correlator));
        Assert.Equal([DeliveryProgress.Delivered, DeliveryProgress.Pending, DeliveryProgress.NoReceipt, DeliveryProgress.Failed], report.Select(e => e.Delivery));
        Assert.Equal("Some_New_Status", report[1].DeliveryStatus);
        Assert.Equal(JournalState.Unknown, report[2].SendState);
        Assert.Equal("DB01 is down", report[0].Message);
        Assert.True(report[0].Delivered);
    }
}
