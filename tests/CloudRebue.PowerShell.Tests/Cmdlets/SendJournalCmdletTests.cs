using System.Management.Automation;
using System.Net;
using CloudRebue.Core.Journal;
using CloudRebue.Core.Sending;
using CloudRebue.PowerShell.Tests.Fakes;
using Xunit;

namespace CloudRebue.PowerShell.Tests.Cmdlets;

/// <summary>Send-RebueSms -JournalPath: a rerun skips what was queued and holds back what is unknown.</summary>
public sealed class SendJournalCmdletTests : IDisposable
{
    private readonly PowerShellRunner _ps = new();
    private readonly FakeApiHandler _api = new();
    private readonly string _journal = Path.Combine(Path.GetTempPath(), "cr-cmdlet-journal-" + Guid.NewGuid().ToString("N") + ".jsonl");
    private readonly Dictionary<string, object?> _vars;

    public SendJournalCmdletTests()
    {
        _vars = new() { ["conn"] = FakeConnection.Create(_api), ["journal"] = _journal };
    }

    public void Dispose()
    {
        _ps.Dispose();
        File.Delete(_journal);
    }

    private const string Csv = "@'\nPhone,Message,Name\n0710000001,one,Ann\n0710000002,two,Bob\n0710000003,three,Cy\n'@ | ConvertFrom-Csv";

    private RunResult Send(string extra = "") => _ps.Run($"{Csv} | Send-RebueSms -Connection $conn -JournalPath $journal {extra}", _vars);

    [Fact]
    public void ARerunSkipsWhatWasQueued()
    {
        Assert.Equal(3, Send().Objects<SendResult>().Count(r => r.Status == SendStatus.Queued));
        var second = Send();
        var results = second.Objects<SendResult>().ToList();
        Assert.Equal(3, results.Count);
        Assert.All(results, r => Assert.Equal(SendStatus.Skipped, r.Status));
        Assert.All(results, r => Assert.NotNull(r.UniqueId));
        Assert.Empty(second.Errors);
        Assert.Equal(1, _api.SendRequests);
    }

    [Fact]
    public void UnknownIsHeldBackUntilResendUnknown()
    {
        _api.Respond = (n, _) => n == 1 ? FakeApiHandler.Json(HttpStatusCode.BadGateway, "") : null;
        Assert.All(Send().Objects<SendResult>(), r => Assert.Equal(SendStatus.Unknown, r.Status));

        var held = Send();
        Assert.All(held.Objects<SendResult>(), r => Assert.Equal(SendStatus.Unknown, r.Status));
        Assert.Contains("-ResendUnknown", held.Errors[0].Exception.Message);
        Assert.Equal(1, _api.SendRequests);

        var resent = Send("-ResendUnknown");
        Assert.All(resent.Objects<SendResult>(), r => Assert.Equal(SendStatus.Queued, r.Status));
        Assert.Equal(2, _api.SendRequests);
    }

    [Fact]
    public void FailedIsResent()
    {
        _api.Respond = (n, _) => n == 1 ? FakeApiHandler.Json(HttpStatusCode.BadRequest, "{\"message\":\"bad\"}") : null;
        Assert.All(Send().Objects<SendResult>(), r => Assert.Equal(SendStatus.Failed, r.Status));
        Assert.All(Send().Objects<SendResult>(), r => Assert.Equal(SendStatus.Queued, r.Status));
    }

    [Fact]
    public void AChangedRowWithTheSameCorrelatorIsRefused()
    {
        _ps.Run("[pscustomobject]@{ Phone='0710000001'; Message='one'; Id='A1' } | Send-RebueSms -Connection $conn -JournalPath $journal", _vars);
        var changed = _ps.Run("[pscustomobject]@{ Phone='0710000009'; Message='one'; Id='A1' } | Send-RebueSms -Connection $conn -JournalPath $journal", _vars);
        Assert.Equal(SendStatus.Invalid, Assert.Single(changed.Objects<SendResult>()).Status);
        Assert.Equal(ErrorCategory.InvalidData, changed.Error(SendErrorIds.JournalMismatch).CategoryInfo.Category);
        Assert.Equal(1, _api.SendRequests);
    }

    [Fact]
    public void SummarisesAndListsWhatIsStillUnresolved()
    {
        _api.Respond = (_, _) => FakeApiHandler.Json(HttpStatusCode.InternalServerError, "");
        Send();
        var summary = Assert.Single(_ps.Run("Get-RebueSendJournal $journal", _vars).Objects<SendJournalSummary>());
        Assert.Equal(3, summary.Recipients);
        Assert.Equal(3, summary.Unknown);
        Assert.Equal(0, summary.Queued);
        Assert.Equal(3, summary.Unresolved.Count);

        var entries = _ps.Run("Get-RebueSendJournal -Path $journal -State Unknown", _vars).Objects<JournalEntry>().ToList();
        Assert.Equal(new[] { "Ann", "Bob", "Cy" }, entries.Select(e => e.Input!["Name"]));
    }

    [Fact]
    public void UnknownEntriesPipeBackIntoSendRebueSms()
    {
        _api.Respond = (n, _) => n == 1 ? FakeApiHandler.Json(HttpStatusCode.InternalServerError, "") : null;
        Send();
        var resent = _ps.Run("Get-RebueSendJournal $journal -State Unknown | Send-RebueSms -Connection $conn -JournalPath $journal -ResendUnknown", _vars);
        var results = resent.Objects<SendResult>().ToList();
        Assert.Equal(3, results.Count);
        Assert.All(results, r => Assert.Equal(SendStatus.Queued, r.Status));
        Assert.Empty(resent.Errors);
        Assert.Equal(3, Assert.Single(_ps.Run("Get-RebueSendJournal $journal", _vars).Objects<SendJournalSummary>()).Queued);
    }

    [Fact]
    public void ACorruptJournalStopsTheSendBeforeAnythingGoesOut()
    {
        File.WriteAllText(_journal, "{\"journal\":\"CloudRebue.SendJournal\",\"version\":2,\"baseUri\":\"http://x.test/\",\"account\":\"token:1\"}\nnot json\n{}\n");
        var result = Send();
        Assert.Contains("line 2", result.Error("CloudRebue.JournalCorrupt").Exception.Message);
        Assert.Equal(0, _api.SendRequests);
    }

    [Fact]
    public void WhatIfReadsTheJournalButWritesNothing()
    {
        Send("-WhatIf");
        Assert.False(File.Exists(_journal));
        Assert.Equal(0, _api.SendRequests);
    }
}
