using System.Text.Json;
using Xunit;

namespace CloudRebue.Simulator.Tests;

public class AccountTests
{
    [Fact]
    public async Task BalanceHasTheDocumentedShapeWithUnitsAsAString()
    {
        await using var sim = await TestSimulator.StartAsync(["--balance", "6974"]);
        var answer = await Json.ReadAsync(await sim.GetAsync("/api/v1/account/balance"), 200);
        Assert.Equal(["status", "data"], Json.PropertyNames(answer));
        Assert.True(answer.GetProperty("status").GetBoolean());
        var data = answer.GetProperty("data");
        Assert.Equal(["account_units", "date"], Json.PropertyNames(data));
        Assert.Equal(JsonValueKind.String, data.GetProperty("account_units").ValueKind);
        Assert.Equal("6974", data.GetProperty("account_units").GetString());
        Assert.Equal("2021-12-03 08:51:16", data.GetProperty("date").GetString());
    }

    [Fact]
    public async Task TheDefaultBalanceIsAHundredThousandLessWhatWasAcceptedPerRecipient()
    {
        await using var sim = await TestSimulator.StartAsync();
        await sim.SendSmsJsonAsync(Json.Array([
            Json.Message(message: new string('a', 161)),          // 2 units
            Json.Message(phone: "0712345678,0722345678"),         // 1 unit x 2 recipients
            Json.Message(phone: "bad"),                           // not accepted: free
        ]));
        var answer = await Json.ReadAsync(await sim.GetAsync("/api/v1/account/balance"), 200);
        Assert.Equal("99996", answer.GetProperty("data").GetProperty("account_units").GetString());
    }

    [Fact]
    public async Task TheKesFormatAnswersLikeTheSisterBrand()
    {
        await using var sim = await TestSimulator.StartAsync(["--balance", "6974", "--balance-format", "kes"]);
        var data = (await Json.ReadAsync(await sim.GetAsync("/api/v1/account/balance"), 200)).GetProperty("data");
        Assert.Equal(["balance_kes", "balance_minor", "date"], Json.PropertyNames(data));
        Assert.Equal("6974.00", data.GetProperty("balance_kes").GetString());
        Assert.Equal(697400, data.GetProperty("balance_minor").GetInt64());
    }

    [Fact]
    public async Task WithEnforcementAMessageTheBalanceCannotPayForFails()
    {
        await using var sim = await TestSimulator.StartAsync(["--balance", "2", "--enforce-balance"]);
        var answer = await sim.SendSmsJsonAsync(Json.Batch(3));
        Assert.Equal([true, true, false], answer.EnumerateArray().Select(e => e.GetProperty("status").GetBoolean()));
        Assert.Equal("Insufficient units", answer[2].GetProperty("message").GetString());
        var balance = await Json.ReadAsync(await sim.GetAsync("/api/v1/account/balance"), 200);
        Assert.Equal("0", balance.GetProperty("data").GetProperty("account_units").GetString());
    }

    [Fact]
    public async Task ATopUpMovesUnitsToASubAccountWithTheDocumentedShape()
    {
        await using var sim = await TestSimulator.StartAsync(["--balance", "1000"]);
        var answer = await Json.ReadAsync(await sim.PostAsync("/api/v1/account/top-up", """{"units":100,"account_id":2,"topup_reference":"SB93461"}"""), 200);
        Assert.True(answer.GetProperty("status").GetBoolean());
        Assert.Equal("account top up successful", answer.GetProperty("message").GetString());
        var data = answer.GetProperty("data");
        Assert.Equal(["topup_units", "initial_units", "updated_units", "topup_reference", "created_at"], Json.PropertyNames(data));
        Assert.Equal("100", data.GetProperty("topup_units").GetString());
        Assert.Equal("0", data.GetProperty("initial_units").GetString());
        Assert.Equal(100, data.GetProperty("updated_units").GetInt64());
        Assert.Equal("SB93461", data.GetProperty("topup_reference").GetString());
        Assert.Equal("2021-12-03 08:51:16", data.GetProperty("created_at").GetString());

        var again = await Json.ReadAsync(await sim.PostAsync("/api/v1/account/top-up", """{"units":"10","account_id":"2","topup_reference":"SB2"}"""), 200);
        Assert.Equal("100", again.GetProperty("data").GetProperty("initial_units").GetString());
        Assert.Equal(110, again.GetProperty("data").GetProperty("updated_units").GetInt64());

        var balance = await Json.ReadAsync(await sim.GetAsync("/api/v1/account/balance"), 200);
        Assert.Equal("890", balance.GetProperty("data").GetProperty("account_units").GetString());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task ATopUpOfAnAccountThatIsNotASubAccountIs403(int accountId)
    {
        await using var sim = await TestSimulator.StartAsync();
        var answer = await Json.ReadAsync(await sim.PostAsync("/api/v1/account/top-up", $$"""{"units":100,"account_id":{{accountId}}}"""), 403);
        Assert.False(answer.GetProperty("status").GetBoolean());
        Assert.Equal("The account is not a subaccount of the parent account.", answer.GetProperty("message").GetString());
    }

    [Fact]
    public async Task ConfiguredSubAccountsReplaceTheDefault()
    {
        await using var sim = await TestSimulator.StartAsync(["--sub-account", "7"]);
        (await Json.ReadAsync(await sim.PostAsync("/api/v1/account/top-up", """{"units":1,"account_id":7}"""), 200)).ToString();
        (await Json.ReadAsync(await sim.PostAsync("/api/v1/account/top-up", """{"units":1,"account_id":2}"""), 403)).ToString();
    }

    [Theory]
    [InlineData("""{"account_id":2}""", "units", "The units field is required.")]
    [InlineData("""{"units":0,"account_id":2}""", "units", "The units field must be at least 1.")]
    [InlineData("""{"units":"ten","account_id":2}""", "units", "The units field must be an integer.")]
    [InlineData("""{"units":5}""", "account_id", "The account id field is required.")]
    public async Task ATopUpWithoutValidFieldsIs422(string body, string field, string message)
    {
        await using var sim = await TestSimulator.StartAsync();
        var answer = await Json.ReadAsync(await sim.PostAsync("/api/v1/account/top-up", body), 422);
        Assert.Equal(message, answer.GetProperty("errors").GetProperty(field)[0].GetString());
    }

    [Fact]
    public async Task ATopUpLargerThanTheBalanceIs422AndChangesNothing()
    {
        await using var sim = await TestSimulator.StartAsync(["--balance", "50"]);
        await Json.ReadAsync(await sim.PostAsync("/api/v1/account/top-up", """{"units":51,"account_id":2}"""), 422);
        var balance = await Json.ReadAsync(await sim.GetAsync("/api/v1/account/balance"), 200);
        Assert.Equal("50", balance.GetProperty("data").GetProperty("account_units").GetString());
    }

    [Fact]
    public async Task TheKesFormTakesAnAmountAndAnswersWithBothBalances()
    {
        await using var sim = await TestSimulator.StartAsync(["--balance", "1000"]);
        var data = (await Json.ReadAsync(await sim.PostAsync("/api/v1/account/top-up", """{"account_id":2,"amount":500}"""), 200)).GetProperty("data");
        Assert.Equal("500.00", data.GetProperty("updated_balance_kes").GetString());
        Assert.Equal("500.00", data.GetProperty("parent_balance_kes").GetString());
        var balance = await Json.ReadAsync(await sim.GetAsync("/api/v1/account/balance"), 200);
        Assert.Equal("500", balance.GetProperty("data").GetProperty("account_units").GetString());
    }

    [Theory]
    [InlineData("""{"account_id":2,"amount":0}""", "The amount field must be at least 1.")]
    [InlineData("""{"account_id":2,"amount":2000}""", "Insufficient balance.")]
    public async Task TheKesFormValidatesItsAmount(string body, string message)
    {
        await using var sim = await TestSimulator.StartAsync(["--balance", "1000"]);
        var answer = await Json.ReadAsync(await sim.PostAsync("/api/v1/account/top-up", body), 422);
        Assert.Equal(message, answer.GetProperty("errors").GetProperty("amount")[0].GetString());
    }

    [Fact]
    public async Task A500AfterAcceptFaultMovesTheUnitsThenAnswers500()
    {
        await using var sim = await TestSimulator.StartAsync(["--balance", "1000", "--fault", "500-after-accept:every=1"]);
        using var response = await sim.PostAsync("/api/v1/account/top-up", """{"units":10,"account_id":2}""");
        Assert.Equal(500, (int)response.StatusCode);
        var balance = await Json.ReadAsync(await sim.GetAsync("/api/v1/account/balance"), 200);
        Assert.Equal("990", balance.GetProperty("data").GetProperty("account_units").GetString());
    }
}
