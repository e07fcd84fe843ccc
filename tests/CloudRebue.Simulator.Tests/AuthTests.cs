using System.Net.Http.Headers;
using Xunit;

namespace CloudRebue.Simulator.Tests;

public class AuthTests
{
    public static TheoryData<string, string> Endpoints => new()
    {
        { "POST", "/api/v1/send-sms" },
        { "GET", "/api/v1/account/balance" },
        { "POST", "/api/v1/account/top-up" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task AMissingTokenIsTheDocumented401(string method, string path)
    {
        await using var sim = await TestSimulator.StartAsync();
        using var response = await Send(sim, method, path, authorization: null);
        await AssertUnauthenticated(response);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task AWrongTokenIsTheSame401(string method, string path)
    {
        await using var sim = await TestSimulator.StartAsync();
        using var response = await Send(sim, method, path, new AuthenticationHeaderValue("Bearer", "wrong-token"));
        await AssertUnauthenticated(response);
    }

    [Theory]
    [InlineData("Basic", TestSimulator.Token)]
    [InlineData("Bearer", TestSimulator.Token + "4")]
    [InlineData("Bearer", "test-token-12")]
    public async Task OnlyTheExactBearerTokenIsAccepted(string scheme, string token)
    {
        await using var sim = await TestSimulator.StartAsync();
        using var response = await Send(sim, "POST", "/api/v1/send-sms", new AuthenticationHeaderValue(scheme, token));
        await AssertUnauthenticated(response);
        Assert.Equal(0, (await sim.StatsAsync()).GetProperty("acceptedMessages").GetInt64());
    }

    [Fact]
    public async Task TheRightTokenIsAccepted()
    {
        await using var sim = await TestSimulator.StartAsync();
        using var response = await Send(sim, "POST", "/api/v1/send-sms", new AuthenticationHeaderValue("Bearer", TestSimulator.Token));
        Assert.Equal(200, (int)response.StatusCode);
    }

    [Fact]
    public async Task RejectedRequestsAreCountedBy401()
    {
        await using var sim = await TestSimulator.StartAsync();
        (await sim.SendSmsAsync(Json.Message(), token: null)).Dispose();
        (await sim.SendSmsAsync(Json.Message(), token: "nope")).Dispose();
        var stats = await sim.StatsAsync();
        Assert.Equal(2, stats.GetProperty("requests").GetProperty("401").GetInt64());
        Assert.Equal(2, stats.GetProperty("sendRequests").GetInt64());
    }

    private static Task<HttpResponseMessage> Send(TestSimulator sim, string method, string path, AuthenticationHeaderValue? authorization)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST") request.Content = new StringContent(Json.Message(), System.Text.Encoding.UTF8, "application/json");
        request.Headers.Authorization = authorization;
        return sim.Client.SendAsync(request);
    }

    private static async Task AssertUnauthenticated(HttpResponseMessage response)
    {
        Assert.Equal(401, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"status":false,"message":"Unauthenticated."}""", await response.Content.ReadAsStringAsync());
    }
}
