using System.Text;
using CloudRebue.Core.Api;
using Xunit;

namespace CloudRebue.Core.Tests.Api;

/// <summary>The account a journal records: tells accounts apart, never shows the token.</summary>
public class AccountIdentityTests
{
    private static string Jwt(string payload, string signature) =>
        B64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + B64(payload) + "." + signature;

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [Fact]
    public void TwoTokensOfOneJwtSubjectAreOneAccount()
    {
        string first = AccountIdentity.Of(ApiToken.FromPlainText(Jwt("{\"iss\":\"bulk.cloudrebue.co.ke\",\"sub\":\"42\",\"exp\":4102444800}", "sigAAAAAAAAAAAAAAAAAAAAAA")));
        string renewed = AccountIdentity.Of(ApiToken.FromPlainText(Jwt("{\"iss\":\"bulk.cloudrebue.co.ke\",\"sub\":\"42\",\"exp\":4200000000}", "sigBBBBBBBBBBBBBBBBBBBBBB")));
        string other = AccountIdentity.Of(ApiToken.FromPlainText(Jwt("{\"iss\":\"bulk.cloudrebue.co.ke\",\"sub\":\"43\"}", "sigAAAAAAAAAAAAAAAAAAAAAA")));
        Assert.StartsWith("sub:", first);
        Assert.Equal(first, renewed);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void AnyOtherTokenIsKnownByAHashThatShowsNoneOfIt()
    {
        const string token = "plain-token-abcdefghijklmnop";
        string id = AccountIdentity.Of(ApiToken.FromPlainText(token));
        Assert.Matches("^token:[0-9a-f]{16}$", id);
        Assert.Equal(id, AccountIdentity.Of(ApiToken.FromPlainText(token)));
        Assert.NotEqual(id, AccountIdentity.Of(ApiToken.FromPlainText(token + "x")));
        Assert.Equal(id, new ServerTextScrubber(token).Clean(id));
    }

    [Theory]
    [InlineData("header.!!not-base64!!.signature")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.signature")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJ4In0.signature")]
    public void ATokenThatOnlyLooksLikeAJwtOrNamesNoSubjectIsKnownByItsHash(string token) =>
        Assert.StartsWith("token:", AccountIdentity.Of(ApiToken.FromPlainText(token)));
}
