using System;
using System.Linq;
using System.Reflection;
using Xunit;

namespace CloudRebue.PowerShell.Tests.Loading;

/// <summary>
/// The methods that run once per message are compiled optimised on first call (HotPath.Compiled,
/// AggressiveOptimization): on one core, tiered compilation left them unoptimised for most of a
/// 100,000-row send (tests/Benchmarks/README.md, figure 3). A rename or a dropped attribute must not
/// quietly undo that.
/// </summary>
public class HotPathTests
{
    private const MethodImplAttributes AggressiveOptimization = (MethodImplAttributes)0x0200;

    public static TheoryData<string, string, string> PerMessageMethods => new TheoryData<string, string, string>
    {
        { "CloudRebue.Core", "CloudRebue.Core.Sending.SendRun", "Add" },
        { "CloudRebue.Core", "CloudRebue.Core.Sending.SendRowValidator", "Validate" },
        { "CloudRebue.Core", "CloudRebue.Core.Phones.PhoneNumberNormalizer", "ParseList" },
        { "CloudRebue.Core", "CloudRebue.Core.Phones.PhoneNumberNormalizer", "Parse" },
        { "CloudRebue.Core", "CloudRebue.Core.Sending.CorrelatorGenerator", "Next" },
        { "CloudRebue.Core", "CloudRebue.Core.Messages.SmsUnitCalculator", "Measure" },
        { "CloudRebue.Core", "CloudRebue.Core.Hashing.Sha256", "Of" },
        { "CloudRebue.Core", "CloudRebue.Core.Sending.DuplicateFilter", "Check" },
        { "CloudRebue.Core", "CloudRebue.Core.Sending.SendGuards", "Screen" },
        { "CloudRebue.Core", "CloudRebue.Core.Sending.UnitGuard", "Reserve" },
        { "CloudRebue.Core", "CloudRebue.Core.Sending.SmsSendEngine", "Add" },
        { "CloudRebue.Core", "CloudRebue.Core.Api.SendRequestWriter", "Write" },
        { "CloudRebue.Core", "CloudRebue.Core.Api.SendResponseParser", "ReadItem" },
        { "CloudRebue.Core", "CloudRebue.Core.Api.ServerTextScrubber", "Clean" },
        { "CloudRebue.Core", "CloudRebue.Core.Sending.SendOutcomeMapper", "Map" },
        { "CloudRebue.PowerShell", "CloudRebue.PowerShell.Sending.InputColumns", "Table" },
        { "CloudRebue.PowerShell", "CloudRebue.PowerShell.Sending.RowColumns", "Find" },
        { "CloudRebue.PowerShell", "CloudRebue.PowerShell.Sending.SendRowBinder", "Bind" },
        { "CloudRebue.PowerShell", "CloudRebue.PowerShell.Sending.SendResultWriter", "Write" },
    };

    [Theory]
    [MemberData(nameof(PerMessageMethods))]
    public void APerMessageMethodIsCompiledOptimisedOnFirstCall(string assembly, string typeName, string method)
    {
        Type? type = Assembly.Load(assembly).GetType(typeName);
        Assert.NotNull(type);
        MethodInfo[] named = type!.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Where(m => m.Name == method).ToArray();
        Assert.NotEmpty(named);
        Assert.Contains(named, m => (m.MethodImplementationFlags & AggressiveOptimization) != 0);
    }
}
