using CloudRebue.Core.Hashing;
using Xunit;

namespace CloudRebue.Core.Tests.Hashing;

/// <summary>The module's one SHA-256: the standard digest, and the same from any thread after reuse.</summary>
public class Sha256Tests
{
    [Fact]
    public void IsTheStandardDigest() =>
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Sha256.Hex(Sha256.Of("abc"), 32));

    [Fact]
    public async Task ReuseOnManyThreadsGivesTheSameDigests()
    {
        var digests = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() =>
        {
            string last = string.Empty;
            for (int n = 0; n < 50; n++)
            {
                last = Sha256.Hex(Sha256.Of("abc"), 8);
            }

            return last;
        })));
        Assert.All(digests, d => Assert.Equal("ba7816bf8f01cfea", d));
    }
}
