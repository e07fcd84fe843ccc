using System.Management.Automation;
using CloudRebue.Core.Messages;
using CloudRebue.Core.Sending;
using CloudRebue.PowerShell.Tests.Fakes;
using Xunit;

namespace CloudRebue.PowerShell.Tests.Cmdlets;

/// <summary>-Template on Send-RebueSms and Measure-RebueSms: each row's text from its columns, never by accident.</summary>
public class SendRebueSmsPersonalisationTests : IDisposable
{
    private const string Csv = "@'\nName,Phone No,Amount,Due Date\nWanjiku,0712345678,\"1,500\",5 Dec\nOtieno,0722000000,200,6 Dec\n'@ | ConvertFrom-Csv";

    private readonly PowerShellRunner _ps = new();
    private readonly FakeApiHandler _api = new();
    private readonly Dictionary<string, object?> _vars;

    public SendRebueSmsPersonalisationTests()
    {
        _vars = new() { ["conn"] = FakeConnection.Create(_api) };
    }

    public void Dispose() => _ps.Dispose();

    private RunResult Run(string script) => _ps.Run(script, _vars);

    private Dictionary<string, string> Sent => _api.Batches.SelectMany(b => b).ToDictionary(n => n!["phone"]!.GetValue<string>(), n => n!["message"]!.GetValue<string>());

    [Fact]
    public void EachRowsTextIsFilledFromItsColumnsMatchedLoosely()
    {
        var result = Run(Csv + " | Send-RebueSms -Template 'Dear {Name}, KES {Amount} is due on {DueDate}. {{ref}}' -Connection $conn");
        Assert.Empty(result.Errors);
        Assert.Equal(2, result.Objects<SendResult>().Count(r => r.Status == SendStatus.Queued));
        Assert.Equal("Dear Wanjiku, KES 1,500 is due on 5 Dec. {ref}", Sent["254712345678"]);
        Assert.Equal("Dear Otieno, KES 200 is due on 6 Dec. {ref}", Sent["254722000000"]);
    }

    [Fact]
    public void HashtablesAndObjectsFillByKeyAndProperty()
    {
        var result = Run("@{ Phone = '0712345678'; Name = 'Ann' }, [pscustomobject]@{ Phone = '0722000000'; Name = 'Bob' } | Send-RebueSms -Template 'Hi {name}' -Connection $conn");
        Assert.Equal(2, result.Objects<SendResult>().Count());
        Assert.Equal("Hi Ann", Sent["254712345678"]);
        Assert.Equal("Hi Bob", Sent["254722000000"]);
    }

    [Fact]
    public void ARowMissingAFieldIsInvalidNamingTheFieldAndTheRowAndTheOthersGo()
    {
        var result = Run("@'\nPhone,Name\n0712345678,Ann\n0722000000,\n0733000111,Cid\n'@ | ConvertFrom-Csv | Send-RebueSms -Template 'Hi {Name}' -Connection $conn");
        var rows = result.Objects<SendResult>().OrderBy(r => r.Row).ToList();
        Assert.Equal(3, rows.Count);
        Assert.Equal(SendStatus.Invalid, rows[1].Status);
        Assert.Equal(SendErrorIds.TemplateFieldMissing, rows[1].ErrorId);
        Assert.Equal("254722000000", rows[1].Phone);
        Assert.StartsWith("Row 2 has an empty Name", rows[1].Error);
        Assert.StartsWith("Row 2 has an empty Name", result.Error(SendErrorIds.TemplateFieldMissing).Exception.Message);
        Assert.Equal(new[] { "254712345678", "254733000111" }, Sent.Keys.OrderBy(k => k));
    }

    [Fact]
    public void AColumnTheFileDoesNotHaveIsOneErrorAndEveryRecipientOfEveryRowAResult()
    {
        var result = Run("@'\nPhone,Name\n\"0712345678,0722000000\",Ann\n0733000111,Cid\n'@ | ConvertFrom-Csv | Send-RebueSms -Template 'Hi {Name}, {Amount}' -Connection $conn");
        var rows = result.Objects<SendResult>().ToList();
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal(SendErrorIds.TemplateFieldMissing, r.ErrorId));
        var error = result.Error(SendErrorIds.TemplateFieldMissing);
        Assert.Contains("Row 1 has no Amount for the template's {Amount} (its columns: 'Phone', 'Name')", error.Exception.Message);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.Empty(_api.Batches);
    }

    [Fact]
    public void AMessageColumnIsNeverExpandedAndTheTemplateWinsOverIt()
    {
        var plain = Run("[pscustomobject]@{ Phone = '0712345678'; Name = 'Ann'; Message = 'Hi {Name}' } | Send-RebueSms -Connection $conn");
        Assert.Equal("Hi {Name}", Sent["254712345678"]);
        Assert.Empty(plain.Errors);

        var api = new FakeApiHandler();
        _vars["conn"] = FakeConnection.Create(api);
        Run("[pscustomobject]@{ Phone = '0712345678'; Name = 'Ann'; Message = 'column text' } | Send-RebueSms -Template 'Hi {Name}' -Connection $conn");
        Assert.Equal("Hi Ann", api.Batches.Single().Single()!["message"]!.GetValue<string>());
    }

    [Fact]
    public void TemplateAndMessageTogetherStopBeforeSending()
    {
        var result = Run("Send-RebueSms -Phone 0712345678 -Message hi -Template 'Hi {Name}' -Connection $conn");
        Assert.Equal(ErrorCategory.InvalidArgument, result.Error("CloudRebue.TemplateAndMessage").CategoryInfo.Category);
        Assert.Empty(_api.Batches);
    }

    [Fact]
    public void AMalformedTemplateStopsBeforeSendingAndSaysWhere()
    {
        var result = Run("Send-RebueSms -Phone 0712345678 -Template 'Dear {Name' -Connection $conn");
        Assert.Contains("at character 6", result.Error("CloudRebue.InvalidTemplate").Exception.Message);
        Assert.Empty(_api.Batches);
    }

    [Fact]
    public void WhatIfUnitsComeFromTheFilledTexts()
    {
        var result = Run("[pscustomobject]@{ Phone = '0712345678'; Note = ('x' * 200) }, [pscustomobject]@{ Phone = '0722000000'; Note = 'short' } | Send-RebueSms -Template '{Note}' -Connection $conn -WhatIf");
        var previews = result.Objects<SendResult>().ToList();
        Assert.Equal(new int?[] { 2, 1 }, previews.OrderBy(p => p.Row).Select(p => p.SmsUnits));
        Assert.All(previews, p => Assert.Equal(SendStatus.WouldSend, p.Status));
        Assert.Empty(_api.Batches);
    }

    [Fact]
    public void ThePlaceholderWarningOnMessagePointsToTemplate()
    {
        var result = Run("Send-RebueSms -Phone 0712345678 -Message 'Dear {Name}' -Connection $conn");
        Assert.Contains(result.Warnings, w => w.Contains("use -Template instead of -Message"));
        Assert.Equal("Dear {Name}", Sent["254712345678"]);
    }

    [Fact]
    public void MeasureFillsTheSameTemplatePerRowAndNamesAMissingField()
    {
        var result = _ps.Run("[pscustomobject]@{ Name = 'Ann' }, @{ Name = ('x' * 200) }, [pscustomobject]@{ Other = 1 } | Measure-RebueSms -Template 'Hi {Name}'");
        var measured = result.Objects<SmsMeasurement>().ToList();
        Assert.Equal(new[] { "Hi Ann", "Hi " + new string('x', 200) }, measured.Select(m => m.Message));
        Assert.Equal(new[] { 1, 2 }, measured.Select(m => m.Units));
        var error = result.Error(SendErrorIds.TemplateFieldMissing);
        Assert.StartsWith("Row 3 has no Name for the template's {Name} (its columns: 'Other')", error.Exception.Message);
    }

    [Fact]
    public void MeasureRefusesTemplateWithMessage()
    {
        var result = _ps.Run("Measure-RebueSms -Message hi -Template 'Hi {Name}'");
        Assert.NotNull(result.Error("CloudRebue.TemplateAndMessage"));
        Assert.Empty(result.Objects<SmsMeasurement>());
    }
}
