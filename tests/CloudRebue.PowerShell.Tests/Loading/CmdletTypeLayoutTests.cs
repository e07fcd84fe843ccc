using System.Reflection;
using Xunit;

namespace CloudRebue.PowerShell.Tests.Loading;

/// <summary>
/// PowerShell lists the cmdlet assembly's exported types before ModuleInitializer.OnImport makes the engine
/// loadable. Listing a type lays out its fields, and a field whose type is an engine struct or enum (a
/// <c>Brand?</c> parameter's backing field, say) loads CloudRebue.Core right then: Import-Module fails with
/// "Could not load file or assembly 'CloudRebue.Core'". Classes are fine (a reference is a pointer).
/// </summary>
public class CmdletTypeLayoutTests
{
    [Fact]
    public void NoExportedTypeHasAFieldOfAnEngineValueType() =>
        Assert.Empty(EngineValueFields(typeof(ModuleInitializer).Assembly.GetExportedTypes()));

    [Fact]
    public void TheCheckFindsSuchAField() =>
        Assert.Equal(["Holder.<Brand>k__BackingField"], EngineValueFields([typeof(Holder)]));

    private static string[] EngineValueFields(IEnumerable<Type> types)
    {
        Assembly engine = typeof(CloudRebue.Core.Api.Brand).Assembly;
        return types
            .SelectMany(t => t.GetFields(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Where(f => (Nullable.GetUnderlyingType(f.FieldType) ?? f.FieldType) is { IsValueType: true } type && type.Assembly == engine)
            .Select(f => $"{f.DeclaringType!.Name}.{f.Name}")
            .ToArray();
    }

    private sealed class Holder
    {
        public CloudRebue.Core.Api.Brand? Brand { get; set; }
    }
}
