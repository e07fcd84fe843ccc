using CloudRebue.Core.Sending;
using Xunit;

namespace CloudRebue.Core.Tests.Sending;

public class DuplicateFilterTests
{
    private static OutgoingMessage Msg(string phone, string text, long row, string sender = "ACME", string correlator = "c") =>
        new(phone, text, sender, correlator + row, null, null, null, row);

    [Fact]
    public void TheSameTextToTheSameNumberIsSentOnceAndTheRepeatNamesTheFirstRow()
    {
        var filter = new DuplicateFilter();
        Assert.Null(filter.Check(Msg("254712345678", "hi", 1), DateTimeOffset.Now));
        SendResult? repeat = filter.Check(Msg("254712345678", "hi", 3), DateTimeOffset.Now);
        Assert.NotNull(repeat);
        Assert.Equal(SendStatus.Skipped, repeat!.Status);
        Assert.Equal(SendErrorIds.Duplicate, repeat.ErrorId);
        Assert.Equal(3, repeat.Row);
        Assert.Contains("(row 1)", repeat.Error);
        Assert.Contains("-AllowDuplicate", repeat.Error);
        Assert.Equal(1, filter.Skipped);
    }

    [Fact]
    public void ADifferentTextNumberOrSenderIsNotARepeat()
    {
        var filter = new DuplicateFilter();
        Assert.Null(filter.Check(Msg("254712345678", "Dear Ann", 1), DateTimeOffset.Now));
        Assert.Null(filter.Check(Msg("254712345678", "Dear Bob", 2), DateTimeOffset.Now));
        Assert.Null(filter.Check(Msg("254722000000", "Dear Ann", 3), DateTimeOffset.Now));
        Assert.Null(filter.Check(Msg("254712345678", "Dear Ann", 4, sender: "OTHER"), DateTimeOffset.Now));
        Assert.Equal(0, filter.Skipped);
    }

    [Fact]
    public void EveryRepeatIsSkippedNotOnlyTheSecond()
    {
        var filter = new DuplicateFilter();
        var results = Enumerable.Range(1, 3).Select(i => filter.Check(Msg("254712345678", "same", i), DateTimeOffset.Now)).ToList();
        Assert.Null(results[0]);
        Assert.All(results.Skip(1), r => Assert.Contains("(row 1)", r!.Error));
        Assert.Equal(2, filter.Skipped);
    }

    [Fact]
    public void ARepeatInTheSameCellSaysSo()
    {
        var filter = new DuplicateFilter();
        Assert.Null(filter.Check(Msg("254712345678", "hi", 2), DateTimeOffset.Now));
        Assert.Contains("(earlier in the same row)", filter.Check(Msg("254712345678", "hi", 2, correlator: "d"), DateTimeOffset.Now)!.Error);
    }
}
