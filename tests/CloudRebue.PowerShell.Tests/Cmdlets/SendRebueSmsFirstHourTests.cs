using System.Management.Automation;
using System.Text.Json.Nodes;
using CloudRebue.Core.Sending;
using CloudRebue.PowerShell.Tests.Fakes;
using Xunit;

namespace CloudRebue.PowerShell.Tests.Cmdlets;

/// <summary>What a new user meets first: -ErrorAction Stop alerts, spreadsheet headers, quiet mistakes made loud.</summary>
public class SendRebueSmsFirstHourTests : IDisposable
{
    private readonly PowerShellRunner _ps = new();
    private readonly FakeApiHandler _api = new();
    private readonly Dictionary<string, object?> _vars;

    public SendRebueSmsFirstHourTests()
    {
        _vars = new() { ["conn"] = FakeConnection.Create(_api) };
    }

    public void Dispose() => _ps.Dispose();

    private RunResult Run(string script) => _ps.Run(script, _vars);

    private List<string> SentPhones => _api.Batches.SelectMany(b => b).Select(n => n!["phone"]!.GetValue<string>()).OrderBy(p => p).ToList();

    [Theory]
    [InlineData("'07223000','0712345678','0110123456'")]
    [InlineData("'0712345678','07223000','0110123456'")]
    [InlineData("'0712345678','0110123456','07223000'")]
    public void UnderErrorActionStopEveryValidNumberIsSentBeforeTheErrorStopsTheScript(string phones)
    {
        var result = Run($"try {{ Send-RebueSms -Phone {phones} -Message 'DB01 is down' -Connection $conn -ErrorAction Stop; 'went on' }} catch {{ 'stopped: ' + $_.FullyQualifiedErrorId + ' | ' + $_.ToString() }}");
        Assert.Equal(new[] { "254110123456", "254712345678" }, SentPhones);
        string caught = Assert.Single(result.Output.Select(o => o.BaseObject).OfType<string>());
        Assert.StartsWith("stopped: CloudRebue.InvalidPhone", caught);
        Assert.Contains("2 queued", caught);
        Assert.Contains("'07223000'", caught);
    }

    [Fact]
    public void EachNumberOfAPhoneArrayHasItsOwnRow()
    {
        var result = Run("Send-RebueSms -Phone '0712345678','07223000','0110123456' -Message hi -Connection $conn");
        var rows = result.Objects<SendResult>().OrderBy(r => r.Row).ToList();
        Assert.Equal(new long[] { 1, 2, 3 }, rows.Select(r => r.Row));
        Assert.Equal(SendStatus.Invalid, rows[1].Status);
        Assert.StartsWith("Row 2:", result.Error("CloudRebue.InvalidPhone").Exception.Message);
    }

    [Fact]
    public void PipedRowsAlreadyReadAreSentBeforeAStop()
    {
        var result = Run("try { '0712345678','bad','0722000000' | Send-RebueSms -Message hi -Connection $conn -ErrorAction Stop } catch { 'stopped' }");
        Assert.Equal(new[] { "254712345678" }, SentPhones);
        Assert.Contains("stopped", result.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void WithoutStopErrorsStillComeAsTheyHappen()
    {
        var result = Run("Send-RebueSms -Phone '07223000','0712345678' -Message hi -Connection $conn");
        Assert.Equal(2, result.Objects<SendResult>().Count());
        Assert.DoesNotContain("stopped here", result.Error("CloudRebue.InvalidPhone").ToString());
    }

    [Theory]
    [InlineData("Mobile No")]
    [InlineData("Phone No")]
    [InlineData("TEL")]
    [InlineData("Cell")]
    [InlineData("phone_number")]
    [InlineData("Mobile.Number")]
    public void SpreadsheetHeadersAreRecognised(string header)
    {
        var result = Run($"@'\n\"{header}\",Text\n0712345678,Hello\n'@ | ConvertFrom-Csv | Send-RebueSms -Connection $conn");
        Assert.Empty(result.Errors);
        Assert.Equal(SendStatus.Queued, Assert.Single(result.Objects<SendResult>()).Status);
    }

    [Fact]
    public void AHashtableIsReadByItsKeys()
    {
        var result = Run("@{ Phone = '0712345678'; Message = 'from a hashtable' } | Send-RebueSms -Connection $conn");
        Assert.Empty(result.Errors);
        Assert.Equal("from a hashtable", Assert.Single(result.Objects<SendResult>()).Message);
    }

    [Fact]
    public void RowsWithoutAPhoneColumnGetOneErrorThatNamesTheColumnsAndEveryRowAResult()
    {
        var result = Run("@'\nCustomer,Amount\nAnn,100\nBob,200\nCid,300\n'@ | ConvertFrom-Csv | Send-RebueSms -Message hi -Connection $conn");
        var rows = result.Objects<SendResult>().ToList();
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal(SendErrorIds.NoPhoneColumn, r.ErrorId));
        var error = result.Error("CloudRebue.NoPhoneColumn");
        Assert.Contains("'Customer', 'Amount'", error.Exception.Message);
        Assert.Contains("Mobile No", error.Exception.Message);
        Assert.Empty(_api.Batches);
    }

    [Fact]
    public void ASemicolonFileReadAsOneColumnSuggestsTheDelimiter()
    {
        var result = Run("@'\nPhone;Message\n0712345678;hi\n'@ | ConvertFrom-Csv | Send-RebueSms -Connection $conn");
        Assert.Contains("-Delimiter ';'", result.Error("CloudRebue.NoPhoneColumn").Exception.Message);
    }

    [Fact]
    public void EmptyInputWarns()
    {
        var result = Run("@() | Send-RebueSms -Message hi -Connection $conn");
        Assert.Empty(result.Objects<SendResult>());
        Assert.Contains(result.Warnings, w => w.Contains("received no input"));
    }

    [Fact]
    public void PlaceholdersInMessageWarn()
    {
        var result = Run("Send-RebueSms -Phone 0712345678 -Message 'Dear {Customer Name}, hi' -Connection $conn");
        Assert.Contains(result.Warnings, w => w.Contains("{Customer Name}") && w.Contains("sent exactly as typed"));
    }

    [Fact]
    public void ResendUnknownWithoutAJournalWarns()
    {
        var result = Run("Send-RebueSms -Phone 0712345678 -Message hi -ResendUnknown -Connection $conn");
        Assert.Contains(result.Warnings, w => w.Contains("-ResendUnknown has no effect without -JournalPath"));
    }

    [Fact]
    public void ARepeatWithTheSameJournalWarnsOnceWithTheCount()
    {
        string journal = Path.Combine(Path.GetTempPath(), "cr-firsthour-" + Guid.NewGuid().ToString("N") + ".jsonl");
        try
        {
            _vars["journal"] = journal;
            Assert.Empty(Run("Send-RebueSms -Phone 0712345678,0722000000 -Message 'Disk full' -JournalPath $journal -Connection $conn").Warnings);
            var again = Run("Send-RebueSms -Phone 0712345678,0722000000 -Message 'Disk full' -JournalPath $journal -Connection $conn");
            Assert.All(again.Objects<SendResult>(), r => Assert.Equal(SendStatus.Skipped, r.Status));
            string warning = Assert.Single(again.Warnings);
            Assert.Contains("2 recipient(s) were not sent", warning);
            Assert.Contains("new -JournalPath", warning);
        }
        finally
        {
            File.Delete(journal);
        }
    }

    [Fact]
    public void VerboseSaysWhyEachRetryHappened()
    {
        _api.Respond = (n, _) => n == 1 ? FakeApiHandler.Json(System.Net.HttpStatusCode.ServiceUnavailable, "{\"message\":\"Down for maintenance\"}") : null;
        var result = Run("Send-RebueSms -Phone 0712345678 -Message hi -Connection $conn -Verbose");
        Assert.Equal(SendStatus.Queued, Assert.Single(result.Objects<SendResult>()).Status);
        string retry = Assert.Single(result.Verbose, v => v.StartsWith("Retrying a batch", StringComparison.Ordinal));
        Assert.Contains("(attempt 2)", retry);
        Assert.Contains("503", retry);
        Assert.Contains("Down for maintenance", retry);
    }
}
