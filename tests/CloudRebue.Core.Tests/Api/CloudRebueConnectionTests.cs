using System.Net;
using CloudRebue.Core.Api;
using CloudRebue.Core.Tests.Fakes;
using Xunit;

namespace CloudRebue.Core.Tests.Api;

public class CloudRebueConnectionTests
{
    private const string Token = "connection-test-token-4321";

    private static CloudRebueConnection Connection() =>
        new(new CloudRebueClient(new CloudRebueClientOptions(ApiToken.FromPlainText(Token)) { BaseUri = new Uri("https://api.example/api/v1") }, new ScriptedHandler(HttpStatusCode.OK, "{}")),
            "  ACME ", 42m, DateTimeOffset.Now);

    [Fact]
    public void ShowsTheHintAndNeverTheToken()
    {
        using var connection = Connection();
        Assert.Equal("****4321", connection.TokenHint);
        Assert.Equal("https://api.example/api/v1/ (****4321)", connection.ToString());
        Assert.Equal("ACME", connection.DefaultSender);

        // Every public property, as Format-List * or ConvertTo-Json would read them.
        foreach (var property in typeof(CloudRebueConnection).GetProperties())
        {
            Assert.DoesNotContain(Token, Convert.ToString(property.GetValue(connection)) ?? string.Empty);
        }
    }

    [Fact]
    public void TheClientThatHoldsTheTokenIsNotPublic()
    {
        Assert.Null(typeof(CloudRebueConnection).GetProperty("Client"));
    }

    [Fact]
    public void DisposeMarksItDisposedOnce()
    {
        var connection = Connection();
        connection.Dispose();
        connection.Dispose();
        Assert.True(connection.IsDisposed);
    }

    [Theory]
    [InlineData("https://bulk.cloudrebue.co.ke/api/v1", "https://bulk.cloudrebue.co.ke/api/v1/")]
    [InlineData("https://rebuetext.com/api/v1///", "https://rebuetext.com/api/v1/")]
    [InlineData("http://127.0.0.1:8080/api/v1?x=1", "http://127.0.0.1:8080/api/v1/")]
    public void BaseUrisEndInExactlyOneSlash(string given, string expected)
    {
        Assert.Equal(expected, CloudRebueClientOptions.NormalizeBaseUri(new Uri(given)).ToString());
    }

    [Fact]
    public void ABaseUriThatIsNotHttpIsRefused()
    {
        Assert.Throws<ArgumentException>(() => CloudRebueClientOptions.NormalizeBaseUri(new Uri("ftp://example/api/v1")));
    }
}
