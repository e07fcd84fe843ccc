using System.Management.Automation;
using System.Text.Json.Nodes;
using CloudRebue.Core.Api;
using CloudRebue.Core.Sending;
using CloudRebue.PowerShell.Tests.Fakes;
using Xunit;

namespace CloudRebue.PowerShell.Tests.Cmdlets;

/// <summary>Send-RebueSms -SendAt: time_to_send where the brand documents it, refused before sending where not.</summary>
public class SendAtTests : IDisposable
{
    private readonly PowerShellRunner _ps = new();
    private readonly FakeApiHandler _api = new();
    private readonly Dictionary<string, object?> _vars;

    public SendAtTests()
    {
        _vars = new()
        {
            ["rebuetext"] = FakeConnection.Create(_api, brand: Brand.RebueText),
            ["cloudrebue"] = FakeConnection.Create(_api, brand: Brand.CloudRebue),
            ["bongatech"] = FakeConnection.Create(_api, brand: Brand.BongaTech),
            ["unknown"] = FakeConnection.Create(_api, brand: Brand.Unknown),
        };
    }

    public void Dispose() => _ps.Dispose();

    private RunResult Run(string script) => _ps.Run(script, _vars);

    private IEnumerable<JsonNode> SentMessages => _api.Batches.SelectMany(b => b).Select(n => n!);

    [Fact]
    public void RebueTextGetsTimeToSendInEastAfricaTimeAndTheResultsSayWhen()
    {
        var result = Run("Send-RebueSms -Phone 0712345678,0722000000 -Message hi -Connection $rebuetext -SendAt ([DateTimeOffset]'2031-03-01T15:00:00Z')");
        Assert.Empty(result.Errors);
        Assert.All(SentMessages, m => Assert.Equal("2031-03-01 18:00", m["time_to_send"]!.GetValue<string>()));
        var results = result.Objects<SendResult>().ToList();
        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.Equal(SendStatus.Queued, r.Status));
        Assert.All(results, r => Assert.Equal(new DateTimeOffset(2031, 3, 1, 18, 0, 0, TimeSpan.FromHours(3)), r.SendAt));
        Assert.All(results, r => Assert.Equal(TimeSpan.FromHours(3), r.SendAt!.Value.Offset));
    }

    [Theory]
    [InlineData("([datetime]::SpecifyKind([datetime]'2031-03-01 15:00', 'Utc'))")]
    [InlineData("'2031-03-01 18:00 +03:00'")]
    [InlineData("([DateTimeOffset]'2031-03-01T16:00:00+01:00')")]
    public void DateTimesAndTextWithAnOffsetBind(string sendAt)
    {
        var result = Run($"Send-RebueSms -Phone 0712345678 -Message hi -Connection $rebuetext -SendAt {sendAt}");
        Assert.Empty(result.Errors);
        Assert.Null(result.Terminating);
        Assert.Equal("2031-03-01 18:00", Assert.Single(SentMessages)["time_to_send"]!.GetValue<string>());
    }

    [Fact]
    public void SecondsMoveItToTheNextMinuteAndVerboseSaysSo()
    {
        var result = Run("Send-RebueSms -Phone 0712345678 -Message hi -Connection $rebuetext -SendAt ([DateTimeOffset]'2031-03-01T15:00:01Z') -Verbose");
        Assert.Equal("2031-03-01 18:01", Assert.Single(SentMessages)["time_to_send"]!.GetValue<string>());
        Assert.Contains(result.Verbose, v => v.Contains("next whole minute, 2031-03-01 18:01 East Africa Time"));
    }

    [Fact]
    public void WithoutSendAtNoTimeToSend()
    {
        var result = Run("Send-RebueSms -Phone 0712345678 -Message hi -Connection $rebuetext");
        Assert.Null(Assert.Single(SentMessages)["time_to_send"]);
        Assert.Null(Assert.Single(result.Objects<SendResult>()).SendAt);
    }

    [Theory]
    [InlineData("cloudrebue")]
    [InlineData("bongatech")]
    [InlineData("unknown")]
    public void OtherBrandsRefuseBeforeAnythingIsSent(string connection)
    {
        var result = Run($"'0712345678','0722000000' | Send-RebueSms -Message hi -Connection ${connection} -SendAt ([DateTimeOffset]::Now.AddDays(1))");
        var record = result.Error("CloudRebue.SchedulingNotSupported");
        Assert.Equal(ErrorCategory.NotImplemented, record.CategoryInfo.Category);
        Assert.Contains("only RebueText documents", record.Exception.Message);
        Assert.Empty(result.Objects<SendResult>());
        Assert.Equal(0, _api.SendRequests);
    }

    [Fact]
    public void APastTimeIsRefusedBeforeAnythingIsSent()
    {
        var result = Run("'0712345678' | Send-RebueSms -Message hi -Connection $rebuetext -SendAt (Get-Date).AddMinutes(-5)");
        var record = result.Error("CloudRebue.SendAtInPast");
        Assert.Equal(ErrorCategory.InvalidArgument, record.CategoryInfo.Category);
        Assert.Equal(0, _api.SendRequests);
    }

    [Fact]
    public void WhatIfPreviewsCarryTheScheduledTime()
    {
        var result = Run("Send-RebueSms -Phone 0712345678 -Message hi -Connection $rebuetext -SendAt ([DateTimeOffset]'2031-03-01T15:00:00Z') -WhatIf");
        var preview = Assert.Single(result.Objects<SendResult>());
        Assert.Equal(SendStatus.WouldSend, preview.Status);
        Assert.Equal(new DateTimeOffset(2031, 3, 1, 18, 0, 0, TimeSpan.FromHours(3)), preview.SendAt);
        Assert.Equal(0, _api.SendRequests);
    }

    [Fact]
    public void WhatIfIsRefusedToo()
    {
        var result = Run("Send-RebueSms -Phone 0712345678 -Message hi -Connection $cloudrebue -SendAt ([DateTimeOffset]::Now.AddDays(1)) -WhatIf");
        result.Error("CloudRebue.SchedulingNotSupported");
        Assert.Empty(result.Objects<SendResult>());
    }

    [Fact]
    public void AReceiptUrlGoesUnderTheConnectionsBrandName()
    {
        Run("Send-RebueSms -Phone 0712345678 -Message hi -Connection $rebuetext -Endpoint https://example.com/r/secret");
        Run("Send-RebueSms -Phone 0722000000 -Message hi -Connection $cloudrebue -Endpoint https://example.com/r/secret");
        var sent = SentMessages.ToDictionary(m => m["phone"]!.GetValue<string>());
        Assert.Equal("https://example.com/r/secret", sent["254712345678"]["delivery_endpoint"]!.GetValue<string>());
        Assert.Null(sent["254712345678"]["endpoint"]);
        Assert.Equal("https://example.com/r/secret", sent["254722000000"]["endpoint"]!.GetValue<string>());
        Assert.Null(sent["254722000000"]["delivery_endpoint"]);
    }
}
