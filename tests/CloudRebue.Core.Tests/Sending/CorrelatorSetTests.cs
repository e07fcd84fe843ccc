using CloudRebue.Core.Sending;
using Xunit;

namespace CloudRebue.Core.Tests.Sending;

/// <summary>Correlators compared as text, whichever form the set keeps them in.</summary>
public class CorrelatorSetTests
{
    [Theory]
    [InlineData("cr00000000000000ff")]
    [InlineData("INV-1")]
    [InlineData("cr00000000000000FF")]
    [InlineData("cr0000000000000ff")]
    public void ACorrelatorIsAcceptedOnceOnly(string correlator)
    {
        var set = new CorrelatorSet();
        Assert.True(set.Add(correlator));
        Assert.False(set.Add(correlator));
    }

    [Fact]
    public void StringsThatDifferAreDifferentCorrelatorsWhateverTheirShape()
    {
        var set = new CorrelatorSet();
        Assert.True(set.Add("cr00000000000000ff"));
        Assert.True(set.Add("cr00000000000000FF"));   // upper case: another string
        Assert.True(set.Add("cr0000000000000ff"));    // 15 digits: another string
        Assert.True(set.Add("cr00000000000000fe"));
        Assert.True(set.Add("CR00000000000000ff"));
    }

    [Fact]
    public void AGeneratedCorrelatorGivenAgainInAColumnIsARepeat()
    {
        var generator = new CorrelatorGenerator();
        string generated = generator.Next("254712345678", "ACME", "Hello", null);
        var set = new CorrelatorSet();
        Assert.True(set.Add(generated));
        Assert.False(set.Add(new string(generated.ToCharArray())));
    }
}
