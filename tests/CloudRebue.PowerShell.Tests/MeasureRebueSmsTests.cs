using CloudRebue.Core.Messages;
using Xunit;

namespace CloudRebue.PowerShell.Tests;

public class MeasureRebueSmsTests : IDisposable
{
    private readonly PowerShellRunner _ps = new();

    public void Dispose() => _ps.Dispose();

    [Fact]
    public void MeasuresTheParameter()
    {
        var result = _ps.Run("Measure-RebueSms -Message ('a' * 161)");
        var m = Assert.Single(result.Objects<SmsMeasurement>());
        Assert.Equal(SmsEncoding.Gsm7, m.Encoding);
        Assert.Equal(2, m.Units);
    }

    [Fact]
    public void BindsPipelineByPropertyNameFromCsv()
    {
        var result = _ps.Run("'Text','hello','Habari 😀' | ConvertFrom-Csv | Measure-RebueSms");
        var all = result.Objects<SmsMeasurement>().ToList();
        Assert.Equal(new[] { SmsEncoding.Gsm7, SmsEncoding.Ucs2 }, all.Select(m => m.Encoding));
        Assert.Empty(result.Errors);
    }

    [Fact]
    public void EmptyTextIsZeroUnits()
    {
        var m = Assert.Single(_ps.Run("'' | Measure-RebueSms").Objects<SmsMeasurement>());
        Assert.Equal(0, m.Units);
    }
}
