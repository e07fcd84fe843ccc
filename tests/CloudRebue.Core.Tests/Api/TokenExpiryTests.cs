using System.Text;
using CloudRebue.Core.Api;
using Xunit;

namespace CloudRebue.Core.Tests.Api;

/// <summary>The JWT expiry: read from the payload alone, never shown with the token.</summary>
public class TokenExpiryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A JWT-shaped token (the signature is not checked, so any text will do).</summary>
    public static string Jwt(string payloadJson) =>
        Base64Url("""{"alg":"HS256","typ":"JWT"}""") + "." + Base64Url(payloadJson) + ".c2lnbmF0dXJlLW5vdC1jaGVja2Vk";

    private static string Base64Url(string json) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [Fact]
    public void TheExpiryComesFromThePayloadsExp()
    {
        var token = ApiToken.FromPlainText(Jwt("""{"iss":"bulk.cloudrebue.co.ke","exp":1924992000}"""));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1924992000), token.ExpiresAt);
    }

    [Theory]
    [InlineData("not-a-jwt-token-at-all")]
    [InlineData("a.b")]
    [InlineData("a.!!!.c")]
    [InlineData("a..c")]
    public void ATokenThatIsNotAJwtHasNoExpiry(string value) => Assert.Null(ApiToken.FromPlainText(value).ExpiresAt);

    [Theory]
    [InlineData("""{"iss":"x"}""")]
    [InlineData("""{"exp":"1924992000"}""")]
    [InlineData("""{"exp":-5}""")]
    [InlineData("""[1,2]""")]
    [InlineData("""not json""")]
    public void APayloadWithoutANumericExpHasNoExpiry(string payload) => Assert.Null(ApiToken.FromPlainText(Jwt(payload)).ExpiresAt);

    [Fact]
    public void AFractionalOrHugeExpIsStillAnExpiry()
    {
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1924992000), ApiToken.FromPlainText(Jwt("""{"exp":1924992000.75}""")).ExpiresAt);
        Assert.Equal(9999, ApiToken.FromPlainText(Jwt("""{"exp":1e300}""")).ExpiresAt!.Value.Year);
    }

    [Fact]
    public void AnExpiredTokenIsWarnedAboutWithItsHintOnly()
    {
        string value = Jwt("""{"exp":1764460800}"""); // 2025-11-30
        var token = ApiToken.FromPlainText(value);
        string warning = TokenExpiryWarning.Describe(token.ExpiresAt, token.Hint, Now)!;
        Assert.Contains("expired on 2025-11-30 00:00 UTC", warning);
        Assert.Contains(token.Hint, warning);
        Assert.DoesNotContain(value.Split('.')[1], warning);
        Assert.DoesNotContain(value.Split('.')[2].Substring(0, 8), warning);
    }

    [Theory]
    [InlineData(29, "in 29 days")]
    [InlineData(1, "in 1 day")]
    [InlineData(0.5, "in less than a day")]
    public void ATokenExpiringWithin30DaysIsWarnedAbout(double days, string expected) =>
        Assert.Contains(expected, TokenExpiryWarning.Describe(Now.AddDays(days), "****1234", Now));

    [Fact]
    public void NoWarningBeyond30DaysOrWithoutAnExpiry()
    {
        Assert.Null(TokenExpiryWarning.Describe(Now.AddDays(30).AddMinutes(1), "****1234", Now));
        Assert.Null(TokenExpiryWarning.Describe(null, "****1234", Now));
        Assert.NotNull(TokenExpiryWarning.Describe(Now.AddDays(30), "****1234", Now));
    }
}
