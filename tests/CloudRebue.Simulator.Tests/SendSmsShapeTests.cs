using System.Text.Json;
using Xunit;

namespace CloudRebue.Simulator.Tests;

/// <summary>The answers have the shapes of the provider's samples (reference/cloudrebue-send-sms.txt).</summary>
public class SendSmsShapeTests
{
    private static readonly string[] DataFields =
        ["correlator", "uniqueId", "client_id", "phone", "operator", "sms_units", "short_code", "message", "link_id", "end_point", "batch_id", "created_at"];

    [Fact]
    public async Task ASingleObjectAnswersAnArrayOfOneWithEveryDocumentedField()
    {
        await using var sim = await TestSimulator.StartAsync();
        var answer = await sim.SendSmsJsonAsync("""
            {"sender":"BizTxt","message":"Test message","phone":"254712345678","correlator":1,
             "link_id":"link-id-here","endpoint":"http://127.0.0.1/delivery"}
            """);

        Assert.Equal(JsonValueKind.Array, answer.ValueKind);
        var entry = Assert.Single(answer.EnumerateArray().ToArray());
        Assert.Equal(["status", "message", "data"], Json.PropertyNames(entry));
        Assert.True(entry.GetProperty("status").GetBoolean());
        Assert.Equal("Message successfully queued!", entry.GetProperty("message").GetString());

        var data = entry.GetProperty("data");
        Assert.Equal(DataFields, Json.PropertyNames(data));
        Assert.Equal(JsonValueKind.Number, data.GetProperty("correlator").ValueKind);
        Assert.Equal(1, data.GetProperty("correlator").GetInt32());
        Assert.True(Guid.TryParse(data.GetProperty("uniqueId").GetString(), out _));
        Assert.Equal("1", data.GetProperty("client_id").GetString());
        Assert.Equal("254712345678", data.GetProperty("phone").GetString());
        Assert.Equal("safaricom", data.GetProperty("operator").GetString());
        Assert.Equal(1, data.GetProperty("sms_units").GetInt32());
        Assert.Equal("BizTxt", data.GetProperty("short_code").GetString());
        Assert.Equal("Test message", data.GetProperty("message").GetString());
        Assert.Equal("link-id-here", data.GetProperty("link_id").GetString());
        Assert.Equal("http://127.0.0.1/delivery", data.GetProperty("end_point").GetString());
        Assert.True(Guid.TryParse(data.GetProperty("batch_id").GetString(), out _));
        // 05:51:16 UTC on the fake clock is 08:51:16 in East Africa Time, as in the sample.
        Assert.Equal("2021-12-03 08:51:16", data.GetProperty("created_at").GetString());
    }

    [Fact]
    public async Task AStringCorrelatorStaysAString()
    {
        await using var sim = await TestSimulator.StartAsync();
        var answer = await sim.SendSmsJsonAsync(Json.Message(correlator: "\"1\""));
        var correlator = answer[0].GetProperty("data").GetProperty("correlator");
        Assert.Equal(JsonValueKind.String, correlator.ValueKind);
        Assert.Equal("1", correlator.GetString());
    }

    [Fact]
    public async Task AbsentOptionalFieldsAreNull()
    {
        await using var sim = await TestSimulator.StartAsync();
        var data = (await sim.SendSmsJsonAsync(Json.Message(correlator: null)))[0].GetProperty("data");
        Assert.Equal(DataFields, Json.PropertyNames(data));
        Assert.Equal(JsonValueKind.Null, data.GetProperty("correlator").ValueKind);
        Assert.Equal(JsonValueKind.Null, data.GetProperty("link_id").ValueKind);
        Assert.Equal(JsonValueKind.Null, data.GetProperty("end_point").ValueKind);
    }

    [Fact]
    public async Task ABatchAnswersOneEntryPerObjectInOrderWithOneBatchId()
    {
        await using var sim = await TestSimulator.StartAsync();
        var answer = await sim.SendSmsJsonAsync("""
            [{"sender":"CLOUD_REBUE","message":"Test API","phone":"0712345678","correlator":1},
             {"sender":"BizTxt","message":"Test API 2","phone":"0722345678","correlator":2}]
            """);

        var entries = answer.EnumerateArray().ToArray();
        Assert.Equal(2, entries.Length);
        Assert.All(entries, e => Assert.True(e.GetProperty("status").GetBoolean()));
        Assert.Equal([1, 2], entries.Select(e => e.GetProperty("data").GetProperty("correlator").GetInt32()));
        Assert.Equal(["254712345678", "254722345678"], entries.Select(e => e.GetProperty("data").GetProperty("phone").GetString()));
        Assert.Equal(["CLOUD_REBUE", "BizTxt"], entries.Select(e => e.GetProperty("data").GetProperty("short_code").GetString()));
        Assert.Single(entries.Select(e => e.GetProperty("data").GetProperty("batch_id").GetString()).Distinct());
        Assert.Equal(2, entries.Select(e => e.GetProperty("data").GetProperty("uniqueId").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task EachRequestHasItsOwnBatchId()
    {
        await using var sim = await TestSimulator.StartAsync();
        var first = (await sim.SendSmsJsonAsync(Json.Message()))[0].GetProperty("data").GetProperty("batch_id").GetString();
        var second = (await sim.SendSmsJsonAsync(Json.Message()))[0].GetProperty("data").GetProperty("batch_id").GetString();
        Assert.NotEqual(first, second);
    }

    [Theory]
    [InlineData("0712345678", "254712345678")]
    [InlineData("712345678", "254712345678")]
    [InlineData("0112345678", "254112345678")]
    [InlineData("254733123456", "254733123456")]
    public async Task PhonesComeBackAs254(string given, string expected)
    {
        await using var sim = await TestSimulator.StartAsync();
        var data = (await sim.SendSmsJsonAsync(Json.Message(phone: given)))[0].GetProperty("data");
        Assert.Equal(expected, data.GetProperty("phone").GetString());
    }

    [Fact]
    public async Task APhoneSentAsANumberIsTakenByItsDigits()
    {
        await using var sim = await TestSimulator.StartAsync();
        var answer = await sim.SendSmsJsonAsync("""{"sender":"S","message":"m","phone":254712345678}""");
        Assert.Equal("254712345678", answer[0].GetProperty("data").GetProperty("phone").GetString());
    }

    [Fact]
    public async Task OperatorFollowsTheNetwork()
    {
        await using var sim = await TestSimulator.StartAsync();
        var answer = await sim.SendSmsJsonAsync(Json.Array([Json.Message(phone: "0733123456"), Json.Message(phone: "0712345678")]));
        Assert.Equal("airtel", answer[0].GetProperty("data").GetProperty("operator").GetString());
        Assert.Equal("safaricom", answer[1].GetProperty("data").GetProperty("operator").GetString());
    }

    [Theory]
    [InlineData(160, "a", 1)]
    [InlineData(161, "a", 2)]
    [InlineData(70, "ω", 1)]
    [InlineData(71, "ω", 2)]
    [InlineData(80, "€", 1)]
    [InlineData(81, "€", 2)]
    public async Task SmsUnitsFollowGsm7AndUcs2Rules(int length, string character, int units)
    {
        await using var sim = await TestSimulator.StartAsync();
        string text = string.Concat(Enumerable.Repeat(character, length));
        var data = (await sim.SendSmsJsonAsync(Json.Message(message: text)))[0].GetProperty("data");
        Assert.Equal(units, data.GetProperty("sms_units").GetInt32());
        Assert.Equal(text, data.GetProperty("message").GetString());
    }

    [Fact]
    public async Task ACommaListAnswersOnceAndRecordsEveryNumber()
    {
        await using var sim = await TestSimulator.StartAsync();
        var answer = await sim.SendSmsJsonAsync(Json.Message(phone: "254712345678,0733123456", message: new string('a', 161)));

        var entry = Assert.Single(answer.EnumerateArray().ToArray());
        var data = entry.GetProperty("data");
        Assert.Equal("254712345678,254733123456", data.GetProperty("phone").GetString());
        Assert.Equal(2, data.GetProperty("sms_units").GetInt32());

        var messages = (await sim.MessagesAsync()).EnumerateArray().ToArray();
        Assert.Equal(["254712345678", "254733123456"], messages.Select(m => m.GetProperty("phone").GetString()));
        Assert.Equal(data.GetProperty("uniqueId").GetString(), messages[0].GetProperty("uniqueId").GetString());
        Assert.NotEqual(messages[0].GetProperty("uniqueId").GetString(), messages[1].GetProperty("uniqueId").GetString());

        // Billed per recipient: 2 recipients x 2 units.
        var balance = await Json.ReadAsync(await sim.GetAsync("/api/v1/account/balance"), 200);
        Assert.Equal("99996", balance.GetProperty("data").GetProperty("account_units").GetString());
    }
}
