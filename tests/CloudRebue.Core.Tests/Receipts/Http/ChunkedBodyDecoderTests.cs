using System.Text;
using CloudRebue.Core.Receipts;
using CloudRebue.Core.Receipts.Http;
using Xunit;

namespace CloudRebue.Core.Tests.Receipts.Http;

public class ChunkedBodyDecoderTests
{
    private static string Decode(string wire, int maxBytes = 1000, int step = int.MaxValue)
    {
        using var body = PooledBody.Growing(maxBytes);
        var decoder = new ChunkedBodyDecoder(body);
        byte[] bytes = Encoding.ASCII.GetBytes(wire);
        int offset = 0;
        while (!decoder.IsDone && offset < bytes.Length)
        {
            offset += decoder.Decode(bytes, offset, Math.Min(step, bytes.Length - offset));
        }

        Assert.True(decoder.IsDone);
        Assert.Equal("AFTER", Encoding.ASCII.GetString(bytes, offset, bytes.Length - offset));
        return Encoding.ASCII.GetString(body.Content.Array!, 0, body.Length);
    }

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(1)]
    [InlineData(3)]
    public void DecodesChunksExtensionsAndTrailersHoweverTheyArrive(int step) =>
        Assert.Equal("hello, world", Decode("5;ext=1\r\nhello\r\n7\r\n, world\r\n0\r\nTrailer: x\r\n\r\nAFTER", step: step));

    [Fact]
    public void TheFirstByteOverTheCapIs413()
    {
        var ex = Assert.Throws<ReceiptRequestException>(() => Decode("A\r\n0123456789\r\n1\r\nx\r\n0\r\n\r\nAFTER", maxBytes: 10));
        Assert.Equal(413, ex.StatusCode);
    }

    [Theory]
    [InlineData("z\r\nhello\r\n0\r\n\r\nAFTER")]
    [InlineData("\r\nhello\r\n0\r\n\r\nAFTER")]
    [InlineData("5\r\nhelloXX0\r\n\r\nAFTER")]
    [InlineData("FFFFFFFFFFFFFFFFF\r\n")]
    public void MalformedChunkingIs400(string wire) =>
        Assert.Equal(400, Assert.Throws<ReceiptRequestException>(() => Decode(wire)).StatusCode);
}
