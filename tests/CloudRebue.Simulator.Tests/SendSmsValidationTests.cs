using System.Text;
using System.Text.Json;
using Xunit;

namespace CloudRebue.Simulator.Tests;

public class SendSmsValidationTests
{
    [Fact]
    public async Task AnInvalidPhoneFailsThatItemAloneAndEchoesWhatWasSent()
    {
        await using var sim = await TestSimulator.StartAsync();
        var answer = await sim.SendSmsJsonAsync(Json.Array([
            Json.Message(phone: "0712345678", correlator: "1"),
            Json.Message(phone: "07XXXXXXXX", correlator: "\"two\""),
            Json.Message(phone: "0722345678", correlator: "3"),
        ]));

        var entries = answer.EnumerateArray().ToArray();
        Assert.Equal([true, false, true], entries.Select(e => e.GetProperty("status").GetBoolean()));
        var failed = entries[1];
        Assert.StartsWith("Invalid phone number", failed.GetProperty("message").GetString());
        Assert.Equal("07XXXXXXXX", failed.GetProperty("data").GetProperty("phone").GetString());
        Assert.Equal("two", failed.GetProperty("data").GetProperty("correlator").GetString());
        Assert.False(failed.GetProperty("data").TryGetProperty("uniqueId", out _));

        var stats = await sim.StatsAsync();
        Assert.Equal(2, stats.GetProperty("acceptedMessages").GetInt64());
        Assert.Equal(1, stats.GetProperty("rejectedMessages").GetInt64());
        Assert.Equal(["254712345678", "254722345678"], (await sim.MessagesAsync()).EnumerateArray().Select(m => m.GetProperty("phone").GetString()));
    }

    [Fact]
    public async Task OneBadNumberInACommaListFailsTheWholeObject()
    {
        await using var sim = await TestSimulator.StartAsync();
        var answer = await sim.SendSmsJsonAsync(Json.Message(phone: "0712345678,12345"));
        Assert.False(answer[0].GetProperty("status").GetBoolean());
        Assert.Empty((await sim.MessagesAsync()).EnumerateArray());
    }

    [Theory]
    [InlineData("""{"message":"m","phone":"0712345678"}""", "The sender field is required.")]
    [InlineData("""{"sender":"S","phone":"0712345678"}""", "The message field is required.")]
    [InlineData("""{"sender":"S","message":"m"}""", "The phone field is required.")]
    [InlineData("""{"sender":"S","message":"  ","phone":"0712345678"}""", "The message field is required.")]
    [InlineData("""{"sender":"S","message":"m","phone":null}""", "The phone field is required.")]
    [InlineData("""{"sender":5,"message":"m","phone":"0712345678"}""", "The sender field must be a string.")]
    [InlineData("""{"sender":"S","message":"m","phone":"0712345678","endpoint":"not a url"}""", "The endpoint field must be a valid URL.")]
    [InlineData("42", "Each message must be a JSON object.")]
    public async Task InABatchAnItemWithAMissingFieldFailsAlone(string item, string expected)
    {
        await using var sim = await TestSimulator.StartAsync();
        var answer = await sim.SendSmsJsonAsync(Json.Array([Json.Message(), item]));
        Assert.True(answer[0].GetProperty("status").GetBoolean());
        Assert.False(answer[1].GetProperty("status").GetBoolean());
        Assert.Equal(expected, answer[1].GetProperty("message").GetString());
        Assert.Equal(1, (await sim.StatsAsync()).GetProperty("acceptedMessages").GetInt64());
    }

    [Fact]
    public async Task ASingleObjectWithMissingFieldsIsALaravel422()
    {
        await using var sim = await TestSimulator.StartAsync();
        var answer = await sim.SendSmsJsonAsync("""{"sender":"S"}""", expectedStatus: 422);
        Assert.Equal("The message field is required. (and 1 more error)", answer.GetProperty("message").GetString());
        var errors = answer.GetProperty("errors");
        Assert.Equal(["message", "phone"], Json.PropertyNames(errors));
        Assert.Equal("The phone field is required.", errors.GetProperty("phone")[0].GetString());
        Assert.Equal(0, (await sim.StatsAsync()).GetProperty("acceptedMessages").GetInt64());
    }

    [Fact]
    public async Task ASingleObjectWithAnInvalidPhoneIsAnItemFailureNotA422()
    {
        await using var sim = await TestSimulator.StartAsync();
        var answer = await sim.SendSmsJsonAsync(Json.Message(phone: "12345"));
        Assert.False(answer[0].GetProperty("status").GetBoolean());
    }

    [Fact]
    public async Task AHundredMessagesAreAccepted()
    {
        await using var sim = await TestSimulator.StartAsync();
        var answer = await sim.SendSmsJsonAsync(Json.Batch(100));
        Assert.Equal(100, answer.GetArrayLength());
        Assert.All(answer.EnumerateArray(), e => Assert.True(e.GetProperty("status").GetBoolean()));
        Assert.Equal(100, (await sim.StatsAsync()).GetProperty("maxItemsInRequest").GetInt32());
    }

    [Fact]
    public async Task AHundredAndOneMessagesAreA422AndNothingIsSent()
    {
        await using var sim = await TestSimulator.StartAsync();
        var answer = await sim.SendSmsJsonAsync(Json.Batch(101), expectedStatus: 422);
        Assert.Equal("The messages field must not have more than 100 items.", answer.GetProperty("message").GetString());
        Assert.Equal("The messages field must not have more than 100 items.", answer.GetProperty("errors").GetProperty("messages")[0].GetString());

        var stats = await sim.StatsAsync();
        Assert.Equal(0, stats.GetProperty("acceptedMessages").GetInt64());
        Assert.Equal(101, stats.GetProperty("maxItemsInRequest").GetInt32());
        Assert.Equal(1, stats.GetProperty("requests").GetProperty("422").GetInt64());
    }

    [Fact]
    public async Task AnEmptyArrayIsA422()
    {
        await using var sim = await TestSimulator.StartAsync();
        var answer = await sim.SendSmsJsonAsync("[]", expectedStatus: 422);
        Assert.True(answer.GetProperty("errors").TryGetProperty("messages", out _));
    }

    [Theory]
    [InlineData("""{"sender":"S","message":"m","phone":"0712345678" """)]
    [InlineData("""[{"sender":"S"},""")]
    [InlineData("not json")]
    public async Task MalformedJsonIs400(string body)
    {
        await using var sim = await TestSimulator.StartAsync();
        var answer = await sim.SendSmsJsonAsync(body, expectedStatus: 400);
        Assert.False(answer.GetProperty("status").GetBoolean());
        Assert.Equal(1, (await sim.StatsAsync()).GetProperty("requests").GetProperty("400").GetInt64());
    }

    [Fact]
    public async Task ABodyNotSentAsJsonIsNoInputAtAll()
    {
        await using var sim = await TestSimulator.StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/send-sms")
        {
            Content = new StringContent(Json.Message(), Encoding.UTF8, "text/plain"),
        };
        request.Headers.Authorization = new("Bearer", TestSimulator.Token);
        var answer = await Json.ReadAsync(await sim.Client.SendAsync(request), 422);
        Assert.Equal(["sender", "message", "phone"], Json.PropertyNames(answer.GetProperty("errors")));
    }

    [Fact]
    public async Task GetOnSendSmsIsNotAllowed()
    {
        await using var sim = await TestSimulator.StartAsync();
        using var response = await sim.GetAsync("/api/v1/send-sms");
        Assert.Equal(405, (int)response.StatusCode);
    }

    [Fact]
    public async Task TheSameCorrelatorAndPhoneAcceptedTwiceIsADuplicate()
    {
        await using var sim = await TestSimulator.StartAsync();
        await sim.SendSmsJsonAsync(Json.Message(phone: "0712345678", correlator: "\"A-1\""));
        await sim.SendSmsJsonAsync(Json.Message(phone: "0712345678", correlator: "\"A-2\""));   // other correlator
        await sim.SendSmsJsonAsync(Json.Message(phone: "0722345678", correlator: "\"A-1\""));   // other phone
        await sim.SendSmsJsonAsync(Json.Message(phone: "0712345678", correlator: null));        // no correlator
        await sim.SendSmsJsonAsync(Json.Message(phone: "0712345678", correlator: null));
        Assert.Equal(0, (await sim.StatsAsync()).GetProperty("duplicates").GetInt64());

        // Same number written another way, same correlator: the provider cannot tell them apart.
        await sim.SendSmsJsonAsync(Json.Message(phone: "254712345678", correlator: "\"A-1\""));
        var stats = await sim.StatsAsync();
        Assert.Equal(1, stats.GetProperty("duplicates").GetInt64());
        Assert.Equal(6, stats.GetProperty("acceptedMessages").GetInt64());
    }

    [Fact]
    public async Task ANumericAndAStringCorrelatorWithTheSameTextAreTheSameCorrelator()
    {
        await using var sim = await TestSimulator.StartAsync();
        await sim.SendSmsJsonAsync(Json.Message(correlator: "7"));
        await sim.SendSmsJsonAsync(Json.Message(correlator: "\"7\""));
        Assert.Equal(1, (await sim.StatsAsync()).GetProperty("duplicates").GetInt64());
    }

    [Fact]
    public async Task AcceptedMessagesAreRecordedWithTheirFields()
    {
        await using var sim = await TestSimulator.StartAsync();
        var answer = await sim.SendSmsJsonAsync(Json.Message(phone: "0712345678", message: "Hello", sender: "ACME", correlator: "\"c-9\"",
            extra: "\"link_id\":\"L1\",\"endpoint\":\"http://127.0.0.1:9/r\""));
        var data = answer[0].GetProperty("data");

        var message = Assert.Single((await sim.MessagesAsync()).EnumerateArray().ToArray());
        Assert.Equal(["correlator", "phone", "sender", "message", "linkId", "endpoint", "uniqueId", "batchId", "smsUnits", "fault", "timeToSend"], Json.PropertyNames(message));
        Assert.Equal("c-9", message.GetProperty("correlator").GetString());
        Assert.Equal("254712345678", message.GetProperty("phone").GetString());
        Assert.Equal("ACME", message.GetProperty("sender").GetString());
        Assert.Equal("Hello", message.GetProperty("message").GetString());
        Assert.Equal("L1", message.GetProperty("linkId").GetString());
        Assert.Equal("http://127.0.0.1:9/r", message.GetProperty("endpoint").GetString());
        Assert.Equal(data.GetProperty("uniqueId").GetString(), message.GetProperty("uniqueId").GetString());
        Assert.Equal(data.GetProperty("batch_id").GetString(), message.GetProperty("batchId").GetString());
        Assert.Equal(1, message.GetProperty("smsUnits").GetInt32());
        Assert.Equal(JsonValueKind.Null, message.GetProperty("fault").ValueKind);
    }

    [Fact]
    public async Task TheRebueTextNameDeliveryEndpointIsUnderstoodInRebueTextMode()
    {
        await using var sim = await TestSimulator.StartAsync(["--brand", "rebuetext"]);
        var answer = await sim.SendSmsJsonAsync(Json.Message(extra: "\"delivery_endpoint\":\"http://127.0.0.1:9/r\""));
        Assert.Equal("http://127.0.0.1:9/r", answer[0].GetProperty("data").GetProperty("end_point").GetString());
    }
}
