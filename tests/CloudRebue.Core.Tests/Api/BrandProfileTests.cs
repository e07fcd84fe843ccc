using CloudRebue.Core.Api;
using Xunit;

namespace CloudRebue.Core.Tests.Api;

public class BrandProfileTests
{
    [Theory]
    [InlineData("https://bulk.cloudrebue.co.ke/api/v1", Brand.CloudRebue)]
    [InlineData("https://BULK.CloudRebue.co.ke/api/v1/", Brand.CloudRebue)]
    [InlineData("https://rebuetext.com/api/v1", Brand.RebueText)]
    [InlineData("https://bulk.bongatech.co.ke/api/v1", Brand.BongaTech)]
    [InlineData("http://127.0.0.1:5000/api/v1", Brand.Unknown)]
    [InlineData("https://sms.reseller.example/api/v1", Brand.Unknown)]
    [InlineData("https://www.rebuetext.com/api/v1", Brand.Unknown)]          // only the documented host
    [InlineData("https://rebuetext.com.evil.example/api/v1", Brand.Unknown)]
    public void TheBrandIsInferredFromTheDocumentedHostsOnly(string baseUri, Brand expected) =>
        Assert.Equal(expected, BrandProfile.Infer(new Uri(baseUri), null));

    [Fact]
    public void TheDefaultBaseUriIsCloudRebue() =>
        Assert.Equal(Brand.CloudRebue, BrandProfile.Infer(CloudRebueClientOptions.DefaultBaseUri, null));

    [Theory]
    [InlineData("https://sms.reseller.example/api/v1", Brand.RebueText)]
    [InlineData("https://rebuetext.com/api/v1", Brand.CloudRebue)]
    [InlineData("https://rebuetext.com/api/v1", Brand.Unknown)]
    public void AGivenBrandWins(string baseUri, Brand given) =>
        Assert.Equal(given, BrandProfile.Infer(new Uri(baseUri), given));

    [Fact]
    public void EachBrandHasItsDocumentedDifferences()
    {
        Assert.Equal(["endpoint"], BrandProfile.CloudRebue.ReceiptUrlFields);
        Assert.Equal(["delivery_endpoint"], BrandProfile.RebueText.ReceiptUrlFields);
        Assert.Equal(["endpoint"], BrandProfile.BongaTech.ReceiptUrlFields);
        Assert.Equal(["endpoint", "delivery_endpoint"], BrandProfile.Unknown.ReceiptUrlFields);

        Assert.Equal([false, true, false, false], new[] { BrandProfile.CloudRebue, BrandProfile.RebueText, BrandProfile.BongaTech, BrandProfile.Unknown }.Select(p => p.SupportsScheduling));
        Assert.True(BrandProfile.RebueText.TopUpTakesKes);
        Assert.False(BrandProfile.CloudRebue.TopUpTakesKes);
        Assert.Equal(1, BrandProfile.CloudRebue.VoiceRepeatDefault);
        Assert.Equal(5, BrandProfile.RebueText.VoiceRepeatDefault);
        Assert.Null(BrandProfile.BongaTech.VoiceRepeatDefault);
    }

    [Theory]
    [InlineData(Brand.CloudRebue)]
    [InlineData(Brand.RebueText)]
    [InlineData(Brand.BongaTech)]
    [InlineData(Brand.Unknown)]
    public void ForGivesTheProfileOfThatBrand(Brand brand) => Assert.Equal(brand, BrandProfile.For(brand).Brand);
}
