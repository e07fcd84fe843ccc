using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Xunit;

namespace CloudRebue.PowerShell.Tests.Loading;

/// <summary>
/// On PowerShell 7 the cmdlet assembly lives in the default load context and the engine with its
/// dependencies in a private one. That holds only while the cmdlet assembly references no dependency
/// assembly: a single signature naming TimeProvider, JsonElement or a Polly type would make it bind
/// that dependency in the default context, beside the host's and other modules' copies.
/// </summary>
public class CmdletAssemblyBoundaryTests
{
    [Fact]
    public void ReferencesOnlyTheEngineTheStandardLibraryAndPowerShell()
    {
        Assert.Equal(
            new[] { "CloudRebue.Core", "System.Management.Automation", "netstandard" },
            ReferencedAssemblyNames(typeof(ModuleInitializer).Assembly.Location));
    }

    [Fact]
    public void AsksForTheEngineByTheNameTheInitializerAnswersFor() =>
        Assert.Contains(ModuleFolders.EngineAssemblyName, ReferencedAssemblyNames(typeof(ModuleInitializer).Assembly.Location));

    [Fact]
    public void TheEngineStillReferencesItsDependencies()
    {
        // The check above would pass vacuously if the engine stopped using them; this keeps it honest.
        var engineReferences = ReferencedAssemblyNames(typeof(CloudRebue.Core.Sending.SendResult).Assembly.Location);
        Assert.Contains("Polly.Core", engineReferences);
        Assert.Contains("System.Text.Json", engineReferences);
        Assert.Contains("Microsoft.Bcl.TimeProvider", engineReferences);
    }

    private static string[] ReferencedAssemblyNames(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        MetadataReader metadata = pe.GetMetadataReader();
        return metadata.AssemblyReferences
            .Select(handle => metadata.GetString(metadata.GetAssemblyReference(handle).Name))
            .OrderBy(name => name, StringComparer.Ordinal)
            .ToArray();
    }
}
