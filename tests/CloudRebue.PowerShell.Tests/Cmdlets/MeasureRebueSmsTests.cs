using CloudRebue.Core.Messages;
using Xunit;

namespace CloudRebue.PowerShell.Tests.Cmdlets;

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

    [Fact]
    public void AnObjectWithoutATextColumnIsAnErrorThatNamesItsColumns()
    {
        var result = _ps.Run("'Customer Name,Amount','Wanjiku,1500' | ConvertFrom-Csv | Measure-RebueSms");
        Assert.Empty(result.Objects<SmsMeasurement>());
        var error = result.Error("CloudRebue.MessageMissing");
        Assert.Equal(System.Management.Automation.ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("Customer Name, Amount", error.Exception.Message);
        Assert.Contains("-Message", error.Exception.Message);
    }

    [Fact]
    public void MessageOnTheCommandLineMeasuresEachPipedRowWithThatText()
    {
        var result = _ps.Run("'Customer Name','Wanjiku','Otieno' | ConvertFrom-Csv | Measure-RebueSms -Message ('a' * 161)");
        Assert.Equal(new[] { 2, 2 }, result.Objects<SmsMeasurement>().Select(m => m.Units));
        Assert.Empty(result.Errors);
    }

    [Fact]
    public void APipedNumberIsMeasuredAsItsText()
    {
        var m = Assert.Single(_ps.Run("12345 | Measure-RebueSms").Objects<SmsMeasurement>());
        Assert.Equal(5, m.Length);
    }

    [Fact]
    public void NoTextAtAllIsATerminatingError()
    {
        var result = _ps.Run("try { Measure-RebueSms; 'went on' } catch { 'stopped' }");
        Assert.Equal(new object[] { "stopped" }, result.Output.Select(o => o.BaseObject));
    }
}
