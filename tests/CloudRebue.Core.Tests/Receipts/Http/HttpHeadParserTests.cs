using System.Text;
using CloudRebue.Core.Receipts;
using CloudRebue.Core.Receipts.Http;
using Xunit;

namespace CloudRebue.Core.Tests.Receipts.Http;

public class HttpHeadParserTests
{
    private static HttpRequestHead Parse(string head)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(head);
        int scanned = 0;
        int length = HttpHeadParser.FindEnd(bytes, 0, bytes.Length, ref scanned);
        Assert.Equal(bytes.Length, length);
        return HttpHeadParser.Parse(bytes, 0, length);
    }

    private static int StatusOf(string head) => Assert.Throws<ReceiptRequestException>(() => Parse(head)).StatusCode;

    [Fact]
    public void ReadsWhatTheListenerNeeds()
    {
        var head = Parse("POST /receipts/abc?x=1 HTTP/1.1\r\nHost: h\r\ncontent-length: 12\r\nExpect: 100-continue\r\n\r\n");
        Assert.Equal("POST", head.Method);
        Assert.Equal("/receipts/abc", head.Path);
        Assert.Equal(12, head.ContentLength);
        Assert.True(head.ExpectContinue);
        Assert.True(head.KeepAlive);
        Assert.False(head.Chunked);
    }

    [Theory]
    [InlineData("GET / HTTP/1.0\r\n\r\n", false)]
    [InlineData("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", true)]
    [InlineData("GET / HTTP/1.1\r\nConnection: close\r\n\r\n", false)]
    [InlineData("GET http://h:1/receipts/abc HTTP/1.1\n\n", true)]
    public void KeepAliveFollowsVersionAndConnection(string text, bool keepAlive) => Assert.Equal(keepAlive, Parse(text).KeepAlive);

    [Theory]
    [InlineData("POST / HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n")]
    [InlineData("POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n")]
    [InlineData("POST / HTTP/1.1\r\nContent-Length: -5\r\n\r\n")]
    [InlineData("POST / HTTP/1.1\r\nContent-Length: 5, 5\r\n\r\n")]
    [InlineData("POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n")]
    [InlineData("POST / HTTP/1.1\r\nX: a\r\n folded\r\n\r\n")]
    [InlineData("POST / HTTP/1.1\r\nX : a\r\n\r\n")]
    [InlineData("POST  / HTTP/1.1\r\n\r\n")]
    [InlineData("POST / HTTP/2.0\r\n\r\n")]
    [InlineData("\u0016\u0003\u0001 / HTTP/1.1\r\n\r\n")]
    public void AmbiguousOrMalformedHeadsAre400(string head) => Assert.Equal(400, StatusOf(head));

    [Fact]
    public void TooManyHeaderLinesAre431() =>
        Assert.Equal(431, StatusOf("GET / HTTP/1.1\r\n" + string.Concat(Enumerable.Range(0, 101).Select(i => $"X{i}: y\r\n")) + "\r\n"));

    [Fact]
    public void TheEndIsFoundWhenTheHeadArrivesAByteAtATime()
    {
        byte[] bytes = Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: h\r\n\r\nNEXT");
        int scanned = 0;
        int found = -1;
        for (int count = 1; count <= bytes.Length && found < 0; count++)
        {
            found = HttpHeadParser.FindEnd(bytes, 0, count, ref scanned);
        }

        Assert.Equal(bytes.Length - 4, found);
    }
}
