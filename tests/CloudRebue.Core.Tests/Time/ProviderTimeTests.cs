using CloudRebue.Core.Time;
using Xunit;

namespace CloudRebue.Core.Tests.Time;

public class ProviderTimeTests
{
    private static readonly TimeSpan Eat = TimeSpan.FromHours(3);

    [Theory]
    [InlineData("2020-01-01 00:00:00")]
    [InlineData("2020-01-01T00:00:00")]
    [InlineData(" 2020-01-01 00:00:00 ")]
    public void ATimeWithoutOffsetIsEastAfricaTime(string text)
    {
        Assert.True(ProviderTime.TryParse(text, out var value));
        Assert.Equal(new DateTimeOffset(2020, 1, 1, 0, 0, 0, Eat), value);
        Assert.Equal(Eat, value.Offset);
        Assert.Equal(new DateTime(2019, 12, 31, 21, 0, 0), value.UtcDateTime);
    }

    [Fact]
    public void MidYearIsStillUtcPlusThree()
    {
        // Kenya keeps no daylight saving: July is +03:00 like January.
        Assert.True(ProviderTime.TryParse("2024-07-15 12:30:45", out var value));
        Assert.Equal(new DateTime(2024, 7, 15, 9, 30, 45), value.UtcDateTime);
    }

    [Fact]
    public void KeepsFractionsOfASecond()
    {
        Assert.True(ProviderTime.TryParse("2020-01-01 00:00:00.250", out var value));
        Assert.Equal(250, value.Millisecond);
    }

    [Theory]
    [InlineData("2020-01-01T00:00:00Z", 0)]
    [InlineData("2020-01-01T00:00:00+01:00", 1)]
    [InlineData("2020-01-01 00:00:00+03:00", 3)]
    public void AnExplicitOffsetIsKept(string text, int hours)
    {
        Assert.True(ProviderTime.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromHours(hours), value.Offset);
        Assert.Equal(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.FromHours(hours)), value);
    }

    [Theory]
    [InlineData("01/01/2020 00:00:00")]
    [InlineData("2020-13-01 00:00:00")]
    [InlineData("2020-01-01")]
    [InlineData("tomorrow")]
    public void OtherFormsAreRefused(string text) => Assert.False(ProviderTime.TryParse(text, out _));
}
