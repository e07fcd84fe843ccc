using CloudRebue.Core.Receipts;
using Xunit;

namespace CloudRebue.Core.Tests.Receipts;

public class ReceiptPathTests
{
    private const string Secret = "0f8e2c4d6a9b4c1d8e7f6a5b4c3d2e1f";

    [Theory]
    [InlineData("/receipts/" + Secret, "/receipts/***")]
    [InlineData("receipts/" + Secret + "/", "/receipts/***")]
    [InlineData("/" + Secret, "/***")]
    [InlineData("/a/b/" + Secret, "/a/b/***")]
    public void MasksTheLastSegment(string path, string masked)
    {
        var p = ReceiptPath.Parse(path);
        Assert.Equal(masked, p.Masked);
        Assert.Equal(masked, p.ToString());
        Assert.Equal(Secret.Length, p.SecretLength);
    }

    [Fact]
    public void MatchesItselfWithOrWithoutTrailingSlashAndNothingElse()
    {
        var p = ReceiptPath.Parse("/receipts/" + Secret);
        Assert.True(p.Matches("/receipts/" + Secret));
        Assert.True(p.Matches("/receipts/" + Secret + "/"));
        Assert.False(p.Matches("/receipts/" + Secret.Substring(1)));
        Assert.False(p.Matches("/receipts/" + Secret + "x"));
        Assert.False(p.Matches("/receipts/" + Secret.ToUpperInvariant()));
        Assert.False(p.Matches("/receipts/"));
        Assert.False(p.Matches("/"));
        Assert.False(p.Matches(null));
    }

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    [InlineData("/receipts//x")]
    [InlineData("/receipts/a b")]
    [InlineData("/receipts/%41")]
    [InlineData("/receipts/../x")]
    [InlineData("/receipts/sécret")]
    public void RefusesPathsThatAreNotPlainUrlSegments(string path) =>
        Assert.ThrowsAny<ArgumentException>(() => ReceiptPath.Parse(path));

    [Fact]
    public void ARefusalNeverRepeatsThePath()
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => ReceiptPath.Parse("/receipts/Zq9Kx7 Wm"));
        Assert.DoesNotContain("Zq9Kx7", ex.Message);
    }
}
