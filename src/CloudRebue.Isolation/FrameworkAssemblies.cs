using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;

namespace CloudRebue.Isolation
{
    /// <summary>
    /// The assemblies the runtime itself provides to this process: the .NET shared framework and the
    /// host's own (PowerShell's files listed in pwsh.deps.json), read from the trusted platform
    /// assembly list. Assemblies other modules loaded later are deliberately not in it: those are what
    /// our private context must never borrow.
    /// </summary>
    internal sealed class FrameworkAssemblies
    {
        private readonly Dictionary<string, string> _pathsByName;

        private FrameworkAssemblies(Dictionary<string, string> pathsByName) => _pathsByName = pathsByName;

        internal static FrameworkAssemblies OfThisProcess()
        {
            var paths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            string list = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty;
            foreach (string path in list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                paths[Path.GetFileNameWithoutExtension(path)] = path;
            }

            return new FrameworkAssemblies(paths);
        }

        /// <summary>The version the runtime provides for this simple name, or null when it provides none.</summary>
        internal Version? VersionOf(string simpleName)
        {
            if (!_pathsByName.TryGetValue(simpleName, out string? path))
            {
                return null;
            }

            try
            {
                return AssemblyName.GetAssemblyName(path).Version;
            }
            catch (Exception ex) when (ex is IOException || ex is BadImageFormatException || ex is UnauthorizedAccessException)
            {
                // A listed file that is not a readable assembly provides nothing.
                return null;
            }
        }
    }
}
