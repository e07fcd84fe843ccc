using Xunit;

namespace CloudRebue.Simulator.Tests;

public class FaultRuleTests
{
    [Fact]
    public void ParsesEveryNth()
    {
        var rule = FaultRule.Parse("503:every=4");
        Assert.Equal(FaultKind.ServiceUnavailable, rule.Kind);
        Assert.Equal(4, rule.Every);
        Assert.Null(rule.Probability);
    }

    [Fact]
    public void ParsesProbabilityAndParameters()
    {
        var rule = FaultRule.Parse("429:p=0.05,retry-after=3");
        Assert.Equal(FaultKind.TooManyRequests, rule.Kind);
        Assert.Equal(0.05, rule.Probability);
        Assert.Equal(3, rule.RetryAfter);
        Assert.Equal(7, FaultRule.Parse("partial:every=2,count=7").Count);
        Assert.Equal(500, FaultRule.Parse("slow:every=2,delay-ms=500").DelayMs);
    }

    [Theory]
    [InlineData("429", nameof(FaultKind.TooManyRequests))]
    [InlineData("503", nameof(FaultKind.ServiceUnavailable))]
    [InlineData("500-after-accept", nameof(FaultKind.ServerErrorAfterAccept))]
    [InlineData("reset-before", nameof(FaultKind.ResetBefore))]
    [InlineData("reset-after", nameof(FaultKind.ResetAfter))]
    [InlineData("slow", nameof(FaultKind.Slow))]
    [InlineData("malformed", nameof(FaultKind.Malformed))]
    [InlineData("partial", nameof(FaultKind.Partial))]
    public void EveryKindHasItsName(string name, string kindName)
    {
        var kind = Enum.Parse<FaultKind>(kindName);
        var rule = FaultRule.Parse(name);
        Assert.Equal(kind, rule.Kind);
        Assert.Equal(1, rule.Every);
        Assert.Equal(name, kind.ToName());
    }

    [Fact]
    public void DefaultsAreTheDocumentedOnes()
    {
        var rule = FaultRule.Parse("slow:every=1");
        Assert.Equal(1, rule.RetryAfter);
        Assert.Equal(30_000, rule.DelayMs);
        Assert.Equal(3, rule.Count);
    }

    [Theory]
    [InlineData("404:every=1")]
    [InlineData("503:every=0")]
    [InlineData("503:p=1.5")]
    [InlineData("503:every=2,p=0.5")]
    [InlineData("503:every=x")]
    [InlineData("503:often=2")]
    [InlineData("503:every")]
    [InlineData("429:every=1,retry-after=0")]
    public void RejectsWhatItCannotHonour(string spec) => Assert.Throws<FormatException>(() => FaultRule.Parse(spec));

    [Fact]
    public void EveryNthFiresOnMultiplesOfN()
    {
        var plan = new FaultPlan([FaultRule.Parse("503:every=3")]);
        var random = new SimulatorRandom(1);
        var fired = Enumerable.Range(1, 9).Where(n => plan.Choose(n, random) is not null);
        Assert.Equal([3, 6, 9], fired);
    }

    [Fact]
    public void ProbabilityZeroNeverFiresAndOneAlwaysFires()
    {
        var random = new SimulatorRandom(42);
        var never = new FaultPlan([FaultRule.Parse("503:p=0")]);
        var always = new FaultPlan([FaultRule.Parse("503:p=1")]);
        Assert.All(Enumerable.Range(1, 200), n => Assert.Null(never.Choose(n, random)));
        Assert.All(Enumerable.Range(1, 200), n => Assert.NotNull(always.Choose(n, random)));
    }

    [Fact]
    public void ProbabilityFiresAboutThatShare()
    {
        var random = new SimulatorRandom(7);
        var plan = new FaultPlan([FaultRule.Parse("503:p=0.25")]);
        int fired = Enumerable.Range(1, 4000).Count(n => plan.Choose(n, random) is not null);
        Assert.InRange(fired, 850, 1150);
    }

    [Fact]
    public void TheEarliestKindInThePrecedenceOrderWinsWhateverTheOrderGiven()
    {
        var plan = new FaultPlan([
            FaultRule.Parse("partial:every=1"),
            FaultRule.Parse("reset-after:every=1"),
            FaultRule.Parse("503:every=1"),
            FaultRule.Parse("429:every=2"),
        ]);
        var random = new SimulatorRandom(1);
        Assert.Equal(FaultKind.ServiceUnavailable, plan.Choose(1, random)!.Kind);
        Assert.Equal(FaultKind.TooManyRequests, plan.Choose(2, random)!.Kind);
    }
}
