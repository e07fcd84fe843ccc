using System.Management.Automation;
using System.Net;
using CloudRebue.Core.Api;
using CloudRebue.Core.Journal;
using CloudRebue.Core.Sending;
using CloudRebue.PowerShell.Tests.Fakes;
using Xunit;

namespace CloudRebue.PowerShell.Tests.Cmdlets;

/// <summary>Send-RebueSms when the journal or the server misbehaves: clear errors, nothing sent twice, no token anywhere.</summary>
public sealed class SendJournalFaultCmdletTests : IDisposable
{
    private readonly PowerShellRunner _ps = new();
    private readonly FakeApiHandler _api = new();
    private readonly string _journal = Path.Combine(Path.GetTempPath(), "cr-cmdlet-fault-" + Guid.NewGuid().ToString("N") + ".jsonl");
    private readonly string _clixml = Path.Combine(Path.GetTempPath(), "cr-cmdlet-error-" + Guid.NewGuid().ToString("N") + ".xml");
    private readonly Dictionary<string, object?> _vars;

    public SendJournalFaultCmdletTests()
    {
        _vars = new() { ["conn"] = FakeConnection.Create(_api), ["journal"] = _journal, ["clixml"] = _clixml };
    }

    public void Dispose()
    {
        _ps.Dispose();
        File.Delete(_journal);
        File.Delete(JournalLock.LockPathOf(_journal));
        File.Delete(_clixml);
    }

    private static CloudRebueConnection Connection(FakeApiHandler api, string token, string baseUri = "http://fake.invalid/api/v1") =>
        new(new CloudRebueClient(new CloudRebueClientOptions(ApiToken.FromPlainText(token)) { BaseUri = new Uri(baseUri) }, api), "ACME", 100, DateTimeOffset.Now);

    private static void AssertNoEcho(string? text)
    {
        const string token = FakeConnection.Token;
        for (int i = 0; i + 8 <= token.Length; i++)
        {
            Assert.DoesNotContain(token.Substring(i, 8), text ?? string.Empty, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void ACanaryEchoedByTheServerReachesNoResultErrorJsonClixmlOrJournal()
    {
        string token = FakeConnection.Token;
        _api.Respond = (n, batch) => n switch
        {
            1 => FakeApiHandler.Json(HttpStatusCode.OK, $"[{{\"status\":false,\"message\":\"Bad header: Bearer {token}\",\"data\":{{\"correlator\":\"x\",\"uniqueId\":\"{token.ToUpperInvariant()}\"}}}}]"),
            2 => FakeApiHandler.Json(HttpStatusCode.InternalServerError, "{\"message\":\"" + new string('x', 285) + token + "\"}"),
            3 => FakeApiHandler.Json((HttpStatusCode)422, "{\"message\":{\"authorization\":[\"" + token.Substring(4) + " is invalid\"]}}"),
            _ => null,
        };
        var result = _ps.Run(
            "$r = '0710000001','0710000002','0710000003' | Send-RebueSms -Message hi -BatchSize 1 -ThrottleLimit 1 -Connection $conn -JournalPath $journal -ErrorVariable failed; " +
            "$r; $r | ConvertTo-Json -Depth 4; $failed | Export-Clixml $clixml; $failed | Out-String", _vars);

        var results = result.Objects<SendResult>().ToList();
        Assert.Equal(3, results.Count);
        Assert.Equal(3, result.Errors.Count);
        Assert.All(result.Output, o => AssertNoEcho(o.ToString()));
        Assert.All(results, r => AssertNoEcho(r.Error + r.UniqueId));
        Assert.All(result.Errors, e => AssertNoEcho(e + e.Exception.ToString() + e.ErrorDetails?.Message));
        AssertNoEcho(File.ReadAllText(_clixml));
        AssertNoEcho(File.ReadAllText(_journal));
        Assert.Contains(results, r => r.Error!.Contains("Bad header: Bearer ****"));
    }

    [Fact]
    public void ARepeatedCorrelatorIsRefusedSoReceiptsAndRerunsStayRight()
    {
        const string csv = "@'\nPhone,Message,Id\n0710000001,for Alice,7\n0710000002,for Bob,7\n'@ | ConvertFrom-Csv";
        var first = _ps.Run($"{csv} | Send-RebueSms -Connection $conn -JournalPath $journal", _vars);
        var results = first.Objects<SendResult>().OrderBy(r => r.Row).ToList();
        Assert.Equal(SendStatus.Queued, results[0].Status);
        Assert.Equal(SendStatus.Invalid, results[1].Status);
        Assert.Equal(ErrorCategory.InvalidData, first.Error(SendErrorIds.DuplicateCorrelator).CategoryInfo.Category);
        Assert.Equal(1, _api.SendRequests);

        // Rerun: Alice was queued and is skipped (not JournalMismatch); Bob is refused again; nothing is sent.
        var rerun = _ps.Run($"{csv} | Send-RebueSms -Connection $conn -JournalPath $journal", _vars).Objects<SendResult>().OrderBy(r => r.Row).ToList();
        Assert.Equal(SendStatus.Skipped, rerun[0].Status);
        Assert.Equal(SendErrorIds.DuplicateCorrelator, rerun[1].ErrorId);
        Assert.Equal(1, _api.SendRequests);
    }

    [Theory]
    [InlineData("another-token-9876543210", "http://fake.invalid/api/v1")]
    [InlineData(FakeConnection.Token, "http://other-brand.invalid/api/v1")]
    public void AJournalOfAnotherAccountOrBaseUrlStopsTheSendSayingHowToProceed(string token, string baseUri)
    {
        _ps.Run("'0710000001' | Send-RebueSms -Message hi -Connection $conn -JournalPath $journal", _vars);
        _vars["other"] = Connection(_api, token, baseUri);
        var result = _ps.Run("'0710000001' | Send-RebueSms -Message hi -Connection $other -JournalPath $journal", _vars);
        var error = result.Error("CloudRebue.JournalOwnerMismatch");
        Assert.Contains("own -JournalPath", error.Exception.Message);
        AssertNoEcho(error.Exception.Message);
        Assert.Empty(result.Objects<SendResult>());
        Assert.Equal(1, _api.SendRequests);
    }

    [Fact]
    public void ASecondSendOnAJournalInUseIsRefusedAtOnce()
    {
        using (var held = SendJournalSession.Open(_journal, new JournalOwner("http://fake.invalid/api/v1/", ((CloudRebueConnection)_vars["conn"]!).Account), forWriting: true))
        {
            var result = _ps.Run("'0710000001' | Send-RebueSms -Message hi -Connection $conn -JournalPath $journal", _vars);
            var error = result.Error("CloudRebue.JournalInUse");
            Assert.Equal(ErrorCategory.ResourceBusy, error.CategoryInfo.Category);
            Assert.Equal(0, _api.SendRequests);

            // Reading is still allowed while the other send writes.
            Assert.Single(_ps.Run("Get-RebueSendJournal $journal", _vars).Objects<SendJournalSummary>());
        }

        var after = _ps.Run("'0710000001' | Send-RebueSms -Message hi -Connection $conn -JournalPath $journal", _vars);
        Assert.Equal(SendStatus.Queued, Assert.Single(after.Objects<SendResult>()).Status);
    }
}
