using CloudRebue.Core.Api;
using Xunit;

namespace CloudRebue.Core.Tests.Api;

public class SendScheduleTests
{
    private static readonly DateTimeOffset Now = new(2024, 10, 31, 12, 0, 30, TimeSpan.Zero);

    [Fact]
    public void ATimeIsSentInEastAfricaTimeInTheDocumentedForm()
    {
        var schedule = SendSchedule.Create(new DateTimeOffset(2024, 10, 31, 15, 0, 0, TimeSpan.Zero), BrandProfile.RebueText, Now);
        Assert.Equal("2024-10-31 18:00", schedule.WireText);
        Assert.Equal(TimeSpan.FromHours(3), schedule.At.Offset);
        Assert.False(schedule.MovedToWholeMinute);
        Assert.Equal("2024-10-31 18:00 East Africa Time", schedule.ToString());
    }

    [Fact]
    public void AnyOffsetIsConverted()
    {
        var fromLagos = SendSchedule.Create(new DateTimeOffset(2024, 10, 31, 16, 0, 0, TimeSpan.FromHours(1)), BrandProfile.RebueText, Now);
        var fromNewYork = SendSchedule.Create(new DateTimeOffset(2024, 10, 31, 23, 30, 0, TimeSpan.FromHours(-4)), BrandProfile.RebueText, Now);
        Assert.Equal("2024-10-31 18:00", fromLagos.WireText);
        Assert.Equal("2024-11-01 06:30", fromNewYork.WireText);
    }

    [Theory]
    [InlineData(0, 0, 1, "2024-10-31 18:01")]
    [InlineData(59, 999, 0, "2024-10-31 18:01")]
    [InlineData(0, 1, 0, "2024-10-31 18:01")]
    public void SecondsMoveItToTheNextWholeMinuteNeverEarlier(int seconds, int milliseconds, int ticks, string expected)
    {
        var requested = new DateTimeOffset(2024, 10, 31, 15, 0, seconds, milliseconds, TimeSpan.Zero).AddTicks(ticks);
        var schedule = SendSchedule.Create(requested, BrandProfile.RebueText, Now);
        Assert.Equal(expected, schedule.WireText);
        Assert.True(schedule.MovedToWholeMinute);
        Assert.True(schedule.At > requested);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(-86400)]
    public void NowOrThePastIsRefused(int secondsFromNow)
    {
        var error = Assert.Throws<ScheduleRefusedException>(() => SendSchedule.Create(Now.AddSeconds(secondsFromNow), BrandProfile.RebueText, Now));
        Assert.Equal("CloudRebue.SendAtInPast", error.ErrorId);
        Assert.True(error.IsTimeProblem);
        Assert.Contains("Nothing was sent", error.Message);
        Assert.Contains("leave -SendAt out", error.Message);
    }

    [Fact]
    public void OneTickAfterNowIsAccepted() =>
        Assert.Equal("2024-10-31 15:01", SendSchedule.Create(Now.AddTicks(1), BrandProfile.RebueText, Now).WireText);

    [Theory]
    [InlineData(Brand.CloudRebue, "this connection is CloudRebue")]
    [InlineData(Brand.BongaTech, "this connection is BongaTech")]
    [InlineData(Brand.Unknown, "not one the module knows")]
    public void BrandsThatDoNotDocumentSchedulingRefuseItEvenForAFutureTime(Brand brand, string says)
    {
        var error = Assert.Throws<ScheduleRefusedException>(() => SendSchedule.Create(Now.AddDays(1), BrandProfile.For(brand), Now));
        Assert.Equal("CloudRebue.SchedulingNotSupported", error.ErrorId);
        Assert.False(error.IsTimeProblem);
        Assert.Contains(says, error.Message);
        Assert.Contains("nothing was sent", error.Message);
        Assert.Contains("-Brand RebueText", error.Message);
    }

    [Fact]
    public void TheBrandIsCheckedBeforeTheTime()
    {
        var error = Assert.Throws<ScheduleRefusedException>(() => SendSchedule.Create(Now.AddDays(-1), BrandProfile.CloudRebue, Now));
        Assert.Equal(ScheduleRefusedException.NotSupportedErrorId, error.ErrorId);
    }
}
