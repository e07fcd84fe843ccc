using CloudRebue.Core.Receipts;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CloudRebue.Core.Tests.Receipts;

public class PrintableTextTests
{
    [Theory]
    [InlineData("plain text, é and 中文", "plain text, é and 中文")]
    [InlineData("a\r\nb", "a\\u000D\\u000Ab")]
    [InlineData("\u001b[31mred", "\\u001B[31mred")]
    [InlineData("x\u0085y\u2028z\u202Ew", "x\\u0085y\\u2028z\\u202Ew")]
    [InlineData("tab\there", "tab\\u0009here")]
    public void EscapesWhatCouldForgeALine(string text, string expected) => Assert.Equal(expected, PrintableText.Escape(text));

    [Fact]
    public void NullStaysNull() => Assert.Null(PrintableText.Escape(null));
}

public class ListenerFailureAlarmTests
{
    [Fact]
    public void ReportsTheFirstAtOnceThenAtMostOneAnIntervalCountingThoseHeldBack()
    {
        var time = new FakeTimeProvider();
        var alarm = ListenerFailureAlarm.OnClock(time);

        Assert.Contains("boom\\u000Aforged", alarm.Report("boom\nforged"));
        Assert.Null(alarm.Report("again"));
        Assert.Null(alarm.Report("again"));
        time.Advance(ListenerFailureAlarm.ReportInterval);
        string? next = alarm.Report("later");
        Assert.Contains("later", next);
        Assert.Contains("2 more failed", next);
    }

    [Fact]
    public void StopsOnlyAfterTheThresholdInARow()
    {
        Assert.False(ListenerFailureAlarm.ShouldStop(ListenerFailureAlarm.FailuresInARowToStop - 1));
        Assert.True(ListenerFailureAlarm.ShouldStop(ListenerFailureAlarm.FailuresInARowToStop));
    }
}
