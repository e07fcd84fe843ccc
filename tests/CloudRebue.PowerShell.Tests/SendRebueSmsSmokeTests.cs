using CloudRebue.Core.Sending;
using CloudRebue.PowerShell.Tests.Fakes;
using Xunit;

namespace CloudRebue.PowerShell.Tests;

public class SendRebueSmsSmokeTests : IDisposable
{
    private readonly PowerShellRunner _ps = new();
    private readonly FakeApiHandler _api = new();

    public void Dispose() => _ps.Dispose();

    [Fact]
    public void BareStringsAndCsvAliasesAndTemplateAllBind()
    {
        var conn = FakeConnection.Create(_api);
        var vars = new Dictionary<string, object?> { ["conn"] = conn };
        var r1 = _ps.Run("'0712345678','0722000000' | Send-RebueSms -Message hi -Connection $conn", vars);
        Assert.Empty(r1.Errors);
        Assert.Equal(2, r1.Objects<SendResult>().Count(x => x.Status == SendStatus.Queued));

        var r2 = _ps.Run("@'\nTo,Text,SenderId\n0712345678,Hello,BIZ\n712345679,World,BIZ\n'@ | ConvertFrom-Csv | Send-RebueSms -Connection $conn", vars);
        Assert.Empty(r2.Errors);
        var results = r2.Objects<SendResult>().OrderBy(x => x.Row).ToList();
        Assert.Equal(new[] { "254712345678", "254712345679" }, results.Select(x => x.Phone));
        Assert.Equal(new[] { "Hello", "World" }, results.Select(x => x.Message));
        Assert.All(results, x => Assert.Equal("BIZ", x.Sender));
        Assert.All(results, x => Assert.NotNull(x.InputObject));
    }
}
