using System.IO;

namespace CloudRebue.PowerShell
{
    /// <summary>Where the shipped module keeps its files: the cmdlets at the root, the engine and its dependencies one level down.</summary>
    internal sealed class ModuleFolders
    {
        /// <summary>The subfolder of the engine and its dependencies; build/Set-ModuleLayout.ps1 fills it.</summary>
        internal const string DependencyFolderName = "dependencies";

        /// <summary>The engine's assembly name: the one name the cmdlet assembly asks for from the dependencies folder.</summary>
        internal const string EngineAssemblyName = "CloudRebue.Core";

        internal ModuleFolders(string root)
        {
            Root = root;
            Dependencies = Path.Combine(root, DependencyFolderName);
        }

        internal string Root { get; }

        internal string Dependencies { get; }

        internal static ModuleFolders OfThisAssembly() =>
            new ModuleFolders(Path.GetDirectoryName(typeof(ModuleFolders).Assembly.Location) ?? string.Empty);
    }
}
