using System.Management.Automation;
using System.Net;
using System.Text.Json.Nodes;
using CloudRebue.Core.Sending;
using CloudRebue.PowerShell.Session;
using CloudRebue.PowerShell.Tests.Fakes;
using Xunit;

namespace CloudRebue.PowerShell.Tests.Cmdlets;

/// <summary>The contract of Send-RebueSms: binding, accounting for every recipient, errors, -WhatIf.</summary>
public class SendRebueSmsTests : IDisposable
{
    private readonly PowerShellRunner _ps = new();
    private readonly FakeApiHandler _api = new();
    private readonly Dictionary<string, object?> _vars;

    public SendRebueSmsTests()
    {
        _vars = new() { ["conn"] = FakeConnection.Create(_api) };
    }

    public void Dispose() => _ps.Dispose();

    private RunResult Run(string script) => _ps.Run(script, _vars);

    private IEnumerable<JsonNode> SentMessages => _api.Batches.SelectMany(b => b).Select(n => n!);

    [Theory]
    [InlineData("To,Text,SenderId")]
    [InlineData("Mobile,Body,From")]
    [InlineData("MSISDN,Message,Sender")]
    [InlineData("PhoneNumber,Text,Sender")]
    [InlineData("Number,Message,SenderId")]
    [InlineData("Phone,Message,Sender")]
    public void CsvColumnsBindByPropertyNameAndAlias(string header)
    {
        var result = Run($"@'\n{header}\n0712345678,Hello,BIZ\n712345679,World,BIZ\n'@ | ConvertFrom-Csv | Send-RebueSms -Connection $conn");
        Assert.Empty(result.Errors);
        var results = result.Objects<SendResult>().OrderBy(x => x.Row).ToList();
        Assert.Equal(new[] { "254712345678", "254712345679" }, results.Select(x => x.Phone));
        Assert.Equal(new[] { "Hello", "World" }, results.Select(x => x.Message));
        Assert.All(results, x => Assert.Equal("BIZ", x.Sender));
        Assert.All(results, x => Assert.Equal(SendStatus.Queued, x.Status));
        Assert.All(results, x => Assert.IsType<PSObject>(x.InputObject));
    }

    [Fact]
    public void ACommandLineMessageIsATemplateForEveryRow()
    {
        var result = Run("@'\nPhone,Name,Message\n0712345678,Ann,ignored\n0722000000,Bob,ignored\n'@ | ConvertFrom-Csv | Send-RebueSms -Message 'Invoice ready' -Connection $conn");
        Assert.Equal(2, result.Objects<SendResult>().Count());
        Assert.All(SentMessages, m => Assert.Equal("Invoice ready", m["message"]!.GetValue<string>()));
    }

    [Fact]
    public void TakesAnArrayOfPhonesDirectly()
    {
        var result = Run("Send-RebueSms -Phone 0712345678,0722000000 -Message hi -Connection $conn");
        Assert.Equal(new[] { "254712345678", "254722000000" }, result.Objects<SendResult>().Select(r => r.Phone).OrderBy(p => p));
    }

    [Fact]
    public void TakesBareNumbersFromThePipeline()
    {
        var result = Run("'0712345678', 712345679 | Send-RebueSms -Message hi -Connection $conn");
        Assert.Empty(result.Errors);
        Assert.Equal(new[] { "254712345678", "254712345679" }, result.Objects<SendResult>().Select(r => r.Phone).OrderBy(p => p));
    }

    [Fact]
    public void UsesTheConnectionsDefaultSenderUnlessOneIsGiven()
    {
        Run("Send-RebueSms -Phone 0712345678 -Message hi -Connection $conn");
        Run("Send-RebueSms -Phone 0712345678 -Message hi -Sender OTHER -Connection $conn");
        Assert.Equal(new[] { "ACME", "OTHER" }, SentMessages.Select(m => m["sender"]!.GetValue<string>()));
    }

    [Fact]
    public void SendsLinkIdEndpointAndTheRowsCorrelator()
    {
        Run("[pscustomobject]@{ Phone='0712345678'; Message='hi'; Id='INV-1'; LinkId='L1'; Endpoint='https://example.com/dlr' } | Send-RebueSms -Connection $conn");
        var m = Assert.Single(SentMessages);
        Assert.Equal("INV-1", m["correlator"]!.GetValue<string>());
        Assert.Equal("L1", m["link_id"]!.GetValue<string>());
        Assert.Equal("https://example.com/dlr", m["endpoint"]!.GetValue<string>());
    }

    [Fact]
    public void EveryRowIsAccountedForAndBadOnesAreNeverSent()
    {
        var result = Run("@'\nPhone,Message\n0712345678,ok\n07123,short\nabc,letters\n2.54712E+11,excel\n,empty\n0722000000;0733000000,two\n0744000000,\n'@ | ConvertFrom-Csv | Send-RebueSms -Connection $conn");
        var results = result.Objects<SendResult>().ToList();
        Assert.Equal(8, results.Count); // 7 rows, one with two recipients
        Assert.Equal(3, results.Count(r => r.Status == SendStatus.Queued));
        Assert.Equal(4, results.Count(r => r.Status == SendStatus.Invalid && r.ErrorId == SendErrorIds.InvalidPhone));
        Assert.Single(results, r => r.Status == SendStatus.Invalid && r.ErrorId == SendErrorIds.InvalidMessage);
        Assert.Equal(3, SentMessages.Count());
        Assert.DoesNotContain(SentMessages, m => m["message"]!.GetValue<string>() != "ok" && m["message"]!.GetValue<string>() != "two");

        Assert.Equal(5, result.Errors.Count);
        var phoneError = result.Errors.First(e => e.FullyQualifiedErrorId.StartsWith(SendErrorIds.InvalidPhone));
        Assert.Equal("CloudRebue.InvalidPhone,CloudRebue.PowerShell.Cmdlets.SendRebueSmsCommand", phoneError.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidData, phoneError.CategoryInfo.Category);
        Assert.IsType<PSObject>(phoneError.TargetObject);
        Assert.Contains("Row 2", phoneError.Exception.Message);
        Assert.Contains(result.Errors, e => e.Exception.Message.Contains("scientific notation"));
    }

    [Fact]
    public void ErrorActionStopStopsAtTheFirstBadRow()
    {
        var result = Run("'abc','0712345678' | Send-RebueSms -Message hi -Connection $conn -ErrorAction Stop");
        Assert.NotNull(result.Terminating);
        Assert.StartsWith("CloudRebue.InvalidPhone", ((IContainsErrorRecord)result.Terminating!).ErrorRecord.FullyQualifiedErrorId);
    }

    [Fact]
    public void AnItemTheApiRefusesIsFailedWithTheApisReason()
    {
        _api.Respond = (_, batch) => FakeApiHandler.Json(HttpStatusCode.OK,
            "[" + string.Join(",", batch.Select((m, i) => i == 0
                ? "{\"status\":false,\"message\":\"Invalid sender id\",\"data\":{}}"
                : "{\"status\":true,\"message\":\"ok\",\"data\":{\"uniqueId\":\"u\",\"sms_units\":1}}")) + "]");
        var result = Run("Send-RebueSms -Phone 0712345678,0722000000 -Message hi -Connection $conn");
        var results = result.Objects<SendResult>().ToList();
        Assert.Single(results, r => r.Status == SendStatus.Failed);
        Assert.Single(results, r => r.Status == SendStatus.Queued);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith(SendErrorIds.MessageRejected, error.FullyQualifiedErrorId);
        Assert.Contains("Invalid sender id", error.Exception.Message);
    }

    [Fact]
    public void ATimeoutIsUnknownAndNotResent()
    {
        _api.Respond = (_, _) => FakeApiHandler.Json(HttpStatusCode.InternalServerError, "{\"message\":\"Server Error\"}");
        var result = Run("Send-RebueSms -Phone 0712345678 -Message hi -Connection $conn");
        Assert.Equal(SendStatus.Unknown, Assert.Single(result.Objects<SendResult>()).Status);
        Assert.Equal(1, _api.SendRequests);
        Assert.StartsWith(SendErrorIds.OutcomeUnknown, Assert.Single(result.Errors).FullyQualifiedErrorId);
    }

    [Fact]
    public void ARejectedTokenMidRunIsTerminatingAndKeepsWhatWasQueued()
    {
        _api.Respond = (n, _) => n == 1 ? null : FakeApiHandler.Json(HttpStatusCode.Unauthorized, "{\"status\":false,\"message\":\"Unauthenticated.\"}");
        var result = Run("$results = [System.Collections.Generic.List[object]]::new(); try { 1..30 | ForEach-Object { '07' + (10000000 + $_) } | Send-RebueSms -Message hi -BatchSize 10 -ThrottleLimit 1 -Connection $conn | ForEach-Object { $results.Add($_) } } catch { $caught = $_ }; $results; $caught");
        var results = result.Objects<SendResult>().ToList();
        Assert.Equal(10, results.Count(r => r.Status == SendStatus.Queued));
        var caught = result.Output.Select(o => o.BaseObject).OfType<ErrorRecord>().Single();
        Assert.StartsWith("CloudRebue.TokenRejected", caught.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, caught.CategoryInfo.Category);
    }

    [Fact]
    public void WhatIfSendsNothing()
    {
        var result = Run("Send-RebueSms -Phone 0712345678,0722000000,bad -Message ('x' * 200) -Connection $conn -WhatIf");
        Assert.Equal(0, _api.SendRequests);
        var results = result.Objects<SendResult>().OrderBy(r => r.Row).ToList();
        Assert.Equal(new[] { SendStatus.WouldSend, SendStatus.WouldSend, SendStatus.Invalid }, results.Select(r => r.Status));
        Assert.Equal(new int?[] { 2, 2, null }, results.Select(r => r.SmsUnits));
        Assert.Equal("254722000000", results[1].Phone);
    }

    [Fact]
    public void BatchesALargeInput()
    {
        var result = Run("1..250 | ForEach-Object { '07' + (10000000 + $_) } | Send-RebueSms -Message hi -Connection $conn");
        Assert.Equal(250, result.Objects<SendResult>().Count(r => r.Status == SendStatus.Queued));
        Assert.Equal(new[] { 50, 100, 100 }, _api.Batches.Select(b => b.Count).OrderBy(c => c));
        Assert.Equal(250, SentMessages.Select(m => m["correlator"]!.GetValue<string>()).Distinct().Count());
    }

    [Fact]
    public void NeedsAConnection()
    {
        SessionStore.Clear();
        var result = Run("Send-RebueSms -Phone 0712345678 -Message hi");
        var record = result.Error("CloudRebue.NotConnected");
        Assert.Equal(ErrorCategory.ConnectionError, record.CategoryInfo.Category);
        Assert.Contains("Connect-CloudRebue", record.Exception.Message);
        Assert.Empty(result.Output);
    }

    [Theory]
    [InlineData("-BatchSize 101")]
    [InlineData("-BatchSize 0")]
    [InlineData("-RequestsPerSecond 121")]
    public void RefusesLimitsBeyondTheApis(string parameter)
    {
        var result = Run($"Send-RebueSms -Phone 0712345678 -Message hi {parameter} -Connection $conn");
        Assert.StartsWith("ParameterArgumentValidationError", Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.Equal(0, _api.SendRequests);
    }
}

/// <summary>The benchmark's pace override must never apply to anything but a simulator on loopback.</summary>
public class LoopbackPaceOverrideTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5000/api/v1/", 5000)]
    [InlineData("http://localhost:5000/api/v1/", 5000)]
    [InlineData("http://[::1]:5000/api/v1/", 5000)]
    [InlineData("https://bulk.cloudrebue.co.ke/api/v1/", null)]
    [InlineData("http://10.0.0.5/api/v1/", null)]
    public void AppliesOnlyToLoopback(string baseUri, int? expected)
    {
        Environment.SetEnvironmentVariable(CloudRebue.PowerShell.Sending.LoopbackPaceOverride.Variable, "5000");
        try
        {
            Assert.Equal(expected, CloudRebue.PowerShell.Sending.LoopbackPaceOverride.Read(new Uri(baseUri)));
        }
        finally
        {
            Environment.SetEnvironmentVariable(CloudRebue.PowerShell.Sending.LoopbackPaceOverride.Variable, null);
        }
    }
}

/// <summary>Tab completion offers the session's default sender for -Sender.</summary>
public class SenderCompletionTests : IDisposable
{
    private readonly PowerShellRunner _ps = new();

    public void Dispose()
    {
        CloudRebue.PowerShell.Session.SessionStore.Clear();
        _ps.Dispose();
    }

    [Fact]
    public void CompletesTheDefaultSender()
    {
        CloudRebue.PowerShell.Session.SessionStore.Set(FakeConnection.Create(new FakeApiHandler(), "ACME_OPS"));
        var result = _ps.Run("(TabExpansion2 -inputScript 'Send-RebueSms -Sender AC' -cursorColumn 24).CompletionMatches | ForEach-Object CompletionText");
        Assert.Empty(result.Errors);
        Assert.Equal("ACME_OPS", Assert.Single(result.Output).BaseObject);
        var none = _ps.Run("@((TabExpansion2 -inputScript 'Send-RebueSms -Sender ZZ' -cursorColumn 24).CompletionMatches).Count");
        Assert.Equal(0, none.Output.Single().BaseObject);
    }
}
