using CloudRebue.Core.Phones;
using Xunit;

namespace CloudRebue.Core.Tests.Phones;

public class ExcludeListTests
{
    [Fact]
    public void NumbersAreNormalisedLikeRecipients()
    {
        var list = new ExcludeList(new[] { "0712 345 678", "+254 722-000-000", "110123456", "254733000111,0744000222" });
        Assert.Equal(5, list.Count);
        Assert.True(list.Contains("254712345678"));
        Assert.True(list.Contains("254722000000"));
        Assert.True(list.Contains("254110123456"));
        Assert.True(list.Contains("254744000222"));
        Assert.False(list.Contains("254712345679"));
        Assert.Equal(0, list.ProblemCount);
    }

    [Fact]
    public void BlankLinesOfAFileAreIgnored()
    {
        var list = new ExcludeList(new[] { "", "0712345678", "   ", null, "0712345678" });
        Assert.Equal(1, list.Count);
        Assert.Equal(0, list.ProblemCount);
    }

    [Fact]
    public void AnEntryThatIsNotANumberIsAProblemNamedByItsPosition()
    {
        var list = new ExcludeList(new[] { "Phone", "0712345678", "07123" });
        Assert.Equal(2, list.ProblemCount);
        Assert.StartsWith("entry 1 'Phone':", list.Problems[0]);
        Assert.StartsWith("entry 3 '07123':", list.Problems[1]);
        Assert.Contains("so nothing was sent", list.DescribeProblems());
        Assert.DoesNotContain("..", list.DescribeProblems());
    }

    [Fact]
    public void OnlyTenProblemsAreKeptButAllAreCounted()
    {
        var list = new ExcludeList(Enumerable.Range(1, 25).Select(i => "x" + i));
        Assert.Equal(25, list.ProblemCount);
        Assert.Equal(10, list.Problems.Count);
        Assert.EndsWith("; .... Fix or remove them; blank lines are ignored.", list.DescribeProblems());
    }

    [Fact]
    public void NoEntriesIsAnEmptyList()
    {
        Assert.Equal(0, new ExcludeList(null).Count);
    }
}
