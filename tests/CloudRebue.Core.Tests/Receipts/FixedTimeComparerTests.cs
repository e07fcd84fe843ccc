using CloudRebue.Core.Receipts;
using Xunit;

namespace CloudRebue.Core.Tests.Receipts;

public class FixedTimeComparerTests
{
    [Theory]
    [InlineData("abc", "abc", true)]
    [InlineData("", "", true)]
    [InlineData("abd", "abc", false)]
    [InlineData("ab", "abc", false)]
    [InlineData("abcd", "abc", false)]
    [InlineData("", "abc", false)]
    [InlineData("abc\0", "abc", false)]
    [InlineData("ab\0", "ab", false)]
    [InlineData("ABC", "abc", false)]
    public void IsOrdinalEquality(string candidate, string expected, bool equal) =>
        Assert.Equal(equal, FixedTimeComparer.Equals(candidate, expected));
}
