using CloudRebue.Core.Sending;
using Xunit;

namespace CloudRebue.Core.Tests.Sending;

public class UnitGuardTests
{
    private static OutgoingMessage Msg(long row, int units) =>
        new("2547" + (10000000 + row).ToString("D8"), new string('x', units == 1 ? 10 : 153 * units), "ACME", "c" + row, null, null, null, row);

    [Fact]
    public void TheDefaultCapIsTenUnits()
    {
        var guard = new UnitGuard();
        Assert.Null(guard.CheckCap(Msg(1, 10), DateTimeOffset.Now));
        SendResult? over = guard.CheckCap(Msg(2, 11), DateTimeOffset.Now);
        Assert.Equal(SendStatus.Invalid, over!.Status);
        Assert.Equal(SendErrorIds.OverUnitCap, over.ErrorId);
        Assert.Equal(11, over.SmsUnits);
        Assert.StartsWith("Row 2: the text costs 11 SMS units per recipient, over the cap of 10 (-MaxUnitsPerMessage)", over.Error);
        Assert.Contains("-MaxUnitsPerMessage 11 if the text is meant", over.Error);
    }

    [Fact]
    public void AHugeTextIsRefusedWithItsRealCost()
    {
        var message = new OutgoingMessage("254712345678", new string('a', 10 * 1024 * 1024), "ACME", "c", null, null, null, 1);
        SendResult? over = new UnitGuard().CheckCap(message, DateTimeOffset.Now);
        Assert.Equal(68_535, over!.SmsUnits);
        Assert.Contains("68,535 SMS units", over.Error);
    }

    [Fact]
    public void TheBudgetStopsTheRunAtTheFirstRecipientThatWouldCrossItAndEveryOneAfter()
    {
        var guard = new UnitGuard(maxUnits: 5);
        var results = new[] { Msg(1, 2), Msg(2, 2), Msg(3, 2), Msg(4, 1) }.Select(m => guard.Reserve(m, DateTimeOffset.Now)).ToList();
        Assert.Null(results[0]);
        Assert.Null(results[1]);
        Assert.All(results.Skip(2), r =>
        {
            Assert.Equal(SendStatus.NotSent, r!.Status);
            Assert.Equal(SendErrorIds.MaxUnitsReached, r.ErrorId);
            Assert.Contains("-MaxUnits 5 (the recipients before row 3 use 4 unit(s))", r.Error);
            Assert.Contains("same -JournalPath", r.Error);
        });
        Assert.Equal(4, guard.Units);
        Assert.Equal(2, guard.NotSent);
        Assert.Equal(SendErrorIds.MaxUnitsReached, guard.StoppedBy);
        Assert.StartsWith("2 recipient(s) were not sent (Status NotSent, CloudRebue.MaxUnitsReached): this run stopped at -MaxUnits 5", guard.Summary());
    }

    [Fact]
    public void TheBalanceIsReadOnceWhenTheFirstRecipientIsAboutToGoAndStopsTheRunBeforeItIsExceeded()
    {
        int reads = 0;
        var guard = new UnitGuard(readBalance: () => { reads++; return 3m; });
        Assert.Equal(0, reads);
        Assert.Null(guard.Reserve(Msg(1, 1), DateTimeOffset.Now));
        Assert.Null(guard.Reserve(Msg(2, 2), DateTimeOffset.Now));
        SendResult? third = guard.Reserve(Msg(3, 1), DateTimeOffset.Now);
        Assert.Equal(1, reads);
        Assert.Equal(SendStatus.NotSent, third!.Status);
        Assert.Equal(SendErrorIds.InsufficientBalance, third.ErrorId);
        Assert.Contains("the account held 3 unit(s) when this run started, and the recipients before row 3 use 3", third.Error);
        Assert.Equal(3m, guard.Balance);
    }

    [Fact]
    public void AnUnknownBalanceMeansNoBalanceGuard()
    {
        var guard = new UnitGuard(readBalance: () => null);
        Assert.All(Enumerable.Range(1, 20), i => Assert.Null(guard.Reserve(Msg(i, 5), DateTimeOffset.Now)));
        Assert.Equal(100, guard.Units);
        Assert.Null(guard.Summary());
    }

    [Fact]
    public void TheLowerOfBudgetAndBalanceStopsTheRun()
    {
        var guard = new UnitGuard(maxUnits: 10, readBalance: () => 2m);
        Assert.Null(guard.Reserve(Msg(1, 2), DateTimeOffset.Now));
        Assert.Equal(SendErrorIds.InsufficientBalance, guard.Reserve(Msg(2, 1), DateTimeOffset.Now)!.ErrorId);
    }

    [Fact]
    public void ThePlanNoteShowsTheTotalAgainstTheBalance()
    {
        var guard = new UnitGuard(maxUnits: 100, readBalance: () => 6974m);
        guard.Reserve(Msg(1, 3), DateTimeOffset.Now);
        Assert.Equal("; -MaxUnits 100; the account holds 6,974 unit(s), 6,971 would be left", guard.PlanNote());
    }

    [Fact]
    public void ACapOrBudgetBelowOneIsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new UnitGuard(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new UnitGuard(maxUnits: 0));
    }
}
