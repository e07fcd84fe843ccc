using System.Management.Automation;
using CloudRebue.Core.Sending;
using CloudRebue.PowerShell.Tests.Fakes;
using Xunit;

namespace CloudRebue.PowerShell.Tests.Cmdlets;

/// <summary>Money guard rails, repeats, opt-outs and input that looks wrong: every row still gets one result.</summary>
public class SendRebueSmsGuardRailsTests : IDisposable
{
    private readonly PowerShellRunner _ps = new();
    private readonly FakeApiHandler _api = new();
    private readonly Dictionary<string, object?> _vars;

    public SendRebueSmsGuardRailsTests()
    {
        _vars = new() { ["conn"] = FakeConnection.Create(_api) };
    }

    public void Dispose() => _ps.Dispose();

    private RunResult Run(string script) => _ps.Run(script, _vars);

    private int SentCount => _api.Batches.Sum(b => b.Count);

    private static string Phones(int count) => string.Join(",", Enumerable.Range(1, count).Select(i => "'07" + (10000000 + i) + "'"));

    [Fact]
    public void ATextOverTheDefaultCapIsInvalidWithHowToRaiseIt()
    {
        var result = Run("Send-RebueSms -Phone 0712345678,0722000000 -Message ('a' * 1531) -Connection $conn");
        var rows = result.Objects<SendResult>().ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(SendStatus.Invalid, r.Status));
        Assert.All(rows, r => Assert.Equal(11, r.SmsUnits));
        Assert.Equal(0, SentCount);
        Assert.Equal(2, result.Errors.Count(e => e.FullyQualifiedErrorId.StartsWith(SendErrorIds.OverUnitCap)));
        Assert.Contains("-MaxUnitsPerMessage 11", result.Errors[0].Exception.Message);
    }

    [Fact]
    public void ARaisedCapLetsTheTextGo()
    {
        var result = Run("Send-RebueSms -Phone 0712345678 -Message ('a' * 1531) -MaxUnitsPerMessage 11 -Connection $conn");
        Assert.Equal(SendStatus.Queued, Assert.Single(result.Objects<SendResult>()).Status);
    }

    [Fact]
    public void MaxUnitsStopsTheRunAndReportsTheRestNotSentWithOneErrorAndAWarning()
    {
        var result = Run($"{Phones(10)} | Send-RebueSms -Message ('b' * 200) -MaxUnits 9 -Connection $conn");
        var rows = result.Objects<SendResult>().OrderBy(r => r.Row).ToList();
        Assert.Equal(10, rows.Count);
        Assert.Equal(4, rows.Count(r => r.Status == SendStatus.Queued));
        Assert.All(rows.Skip(4), r =>
        {
            Assert.Equal(SendStatus.NotSent, r.Status);
            Assert.Equal(SendErrorIds.MaxUnitsReached, r.ErrorId);
        });
        Assert.Equal(4, SentCount);
        Assert.Equal(ErrorCategory.LimitsExceeded, result.Error(SendErrorIds.MaxUnitsReached).CategoryInfo.Category);
        Assert.Contains(result.Warnings, w => w.StartsWith("6 recipient(s) were not sent (Status NotSent, CloudRebue.MaxUnitsReached)"));
    }

    [Fact]
    public void AJournalRerunWithALargerBudgetSendsOnlyTheRest()
    {
        string journal = Path.Combine(Path.GetTempPath(), "cr18-" + Guid.NewGuid() + ".journal");
        try
        {
            Run($"{Phones(6)} | Send-RebueSms -Message hi -MaxUnits 4 -JournalPath '{journal}' -Connection $conn");
            Assert.Equal(4, SentCount);
            var second = Run($"{Phones(6)} | Send-RebueSms -Message hi -MaxUnits 4 -JournalPath '{journal}' -Connection $conn");
            var rows = second.Objects<SendResult>().ToList();
            Assert.Equal(6, rows.Count);
            Assert.Equal(4, rows.Count(r => r.Status == SendStatus.Skipped));
            Assert.Equal(2, rows.Count(r => r.Status == SendStatus.Queued));
            Assert.Equal(6, SentCount);
        }
        finally
        {
            File.Delete(journal);
            File.Delete(journal + ".lock");
        }
    }

    [Fact]
    public void TheBalanceIsReadOnceAndTheRunStopsBeforeExceedingIt()
    {
        _api.BalanceJson = "{\"status\":true,\"data\":{\"account_units\":\"5\",\"date\":\"2021-12-03 11:10:44\"}}";
        var result = Run($"{Phones(8)} | Send-RebueSms -Message ('c' * 200) -Connection $conn");
        var rows = result.Objects<SendResult>().ToList();
        Assert.Equal(8, rows.Count);
        Assert.Equal(2, rows.Count(r => r.Status == SendStatus.Queued));
        Assert.Equal(6, rows.Count(r => r.Status == SendStatus.NotSent && r.ErrorId == SendErrorIds.InsufficientBalance));
        Assert.Contains("the account held 5 unit(s) when this run started", result.Error(SendErrorIds.InsufficientBalance).Exception.Message);
        Assert.Equal(1, _api.AuthorizationHeaders.Count - _api.SendRequests);
    }

    [Fact]
    public void WhatIfPreviewsWhoWouldNotBeSentPastTheBalance()
    {
        // The "What if:" line itself goes to the host; SendRebueSms.Guards.Tests.ps1 reads it from a real pwsh.
        _api.BalanceJson = "{\"status\":true,\"data\":{\"account_units\":\"3\"}}";
        var result = Run($"Send-RebueSms -Phone {Phones(5)} -Message hi -Connection $conn -WhatIf");
        var rows = result.Objects<SendResult>().ToList();
        Assert.Equal(5, rows.Count);
        Assert.Equal(3, rows.Count(r => r.Status == SendStatus.WouldSend));
        Assert.Equal(2, rows.Count(r => r.Status == SendStatus.NotSent));
        Assert.Equal(0, _api.SendRequests);
    }

    [Fact]
    public void ABalanceThatCannotBeReadWarnsAndTheSendGoesOn()
    {
        _api.BalanceJson = "{\"status\":true}";
        var result = Run("Send-RebueSms -Phone 0712345678 -Message hi -Connection $conn");
        Assert.Equal(SendStatus.Queued, Assert.Single(result.Objects<SendResult>()).Status);
        Assert.Contains(result.Warnings, w => w.StartsWith("The account's balance could not be read") && w.Contains("no balance guard"));
    }

    [Fact]
    public void ABalanceInShillingsIsNotComparedWithUnits()
    {
        _api.BalanceJson = "{\"status\":true,\"data\":{\"balance_kes\":\"0.50\",\"balance_minor\":50}}";
        var result = Run("Send-RebueSms -Phone 0712345678,0722000000 -Message hi -Connection $conn -Verbose");
        Assert.Equal(2, result.Objects<SendResult>().Count(r => r.Status == SendStatus.Queued));
        Assert.Contains(result.Verbose, v => v.Contains("KES 0.50") && v.Contains("no balance guard"));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void NothingToSendReadsNoBalance()
    {
        Run("Send-RebueSms -Phone bad -Message hi -Connection $conn -ErrorAction SilentlyContinue");
        Assert.Empty(_api.AuthorizationHeaders);
    }

    [Fact]
    public void TheSameNumberThreeTimesInACellIsSentOnceAndTheRepeatsAreSkippedWithoutErrors()
    {
        var result = Run("Send-RebueSms -Phone '0712345678, +254712345678, 712345678' -Message hi -Connection $conn -ErrorAction Stop");
        var rows = result.Objects<SendResult>().ToList();
        Assert.Equal(3, rows.Count);
        Assert.Single(rows, r => r.Status == SendStatus.Queued);
        Assert.Equal(2, rows.Count(r => r.Status == SendStatus.Skipped && r.ErrorId == SendErrorIds.Duplicate));
        Assert.Empty(result.Errors);
        Assert.Null(result.Terminating);
        Assert.Equal(1, SentCount);
        Assert.Contains(result.Warnings, w => w.StartsWith("2 repeat(s)"));
    }

    [Fact]
    public void AllowDuplicateSendsRepeats()
    {
        var result = Run("Send-RebueSms -Phone '0712345678,0712345678' -Message hi -AllowDuplicate -Connection $conn");
        Assert.Equal(2, result.Objects<SendResult>().Count(r => r.Status == SendStatus.Queued));
        Assert.Equal(2, SentCount);
    }

    [Fact]
    public void ExcludedNumbersInAnyFormatAreSkipped()
    {
        string file = Path.Combine(Path.GetTempPath(), "cr18-optout-" + Guid.NewGuid() + ".txt");
        File.WriteAllLines(file, new[] { "+254 712 345 678", "", "0733000111" });
        try
        {
            var result = Run($"Send-RebueSms -Phone 0712345678,0722000000,733000111 -Message hi -ExcludePhone (Get-Content '{file}') -Connection $conn -Verbose");
            var rows = result.Objects<SendResult>().ToList();
            Assert.Equal(3, rows.Count);
            Assert.Equal(2, rows.Count(r => r.Status == SendStatus.Skipped && r.ErrorId == SendErrorIds.Excluded));
            Assert.Equal("254722000000", Assert.Single(_api.Batches.SelectMany(b => b))!["phone"]!.GetValue<string>());
            Assert.Empty(result.Errors);
            Assert.Contains(result.Verbose, v => v.StartsWith("2 recipient(s) were not sent because -ExcludePhone lists them"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void AnExcludeListWithANonNumberStopsBeforeSending()
    {
        var result = Run("Send-RebueSms -Phone 0712345678 -Message hi -ExcludePhone 'Phone','0722000000' -Connection $conn");
        Assert.Contains("entry 1 'Phone'", result.Error("CloudRebue.InvalidExcludePhone").Exception.Message);
        Assert.Empty(_api.Batches);
    }

    [Fact]
    public void AMisreadEncodingWarnsOncePerRun()
    {
        var result = Run("'0712345678','0722000000' | Send-RebueSms -Message \"Bei ya caf\u00e9 \uFFFD\" -Connection $conn");
        Assert.Equal(2, result.Objects<SendResult>().Count());
        Assert.Single(result.Warnings, w => w.Contains("U+FFFD") && w.Contains("-Encoding"));
    }

    [Theory]
    [InlineData("Phone`tMessage", "-Delimiter \"`t\"")]
    [InlineData("Phone|Message", "-Delimiter '|'")]
    [InlineData("sep=;", "Excel's 'sep=;' line")]
    public void OtherDelimitersGetTheirOwnHint(string header, string hint)
    {
        var result = Run($"[pscustomobject]@{{ \"{header}\" = 'x' }} | Send-RebueSms -Message hi -Connection $conn");
        Assert.Contains(hint, result.Error(SendErrorIds.NoPhoneColumn).Exception.Message);
        Assert.Single(result.Objects<SendResult>());
    }
}
