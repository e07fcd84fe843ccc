using System;
using System.Collections.Concurrent;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace CloudRebue.Isolation
{
    /// <summary>
    /// The private load context of the engine (CloudRebue.Core) and everything shipped beside it in the
    /// module's dependencies folder. Each simple name is decided once: our shipped copy when the runtime
    /// provides no copy or an older one (System.Text.Json 10 on .NET 8, Polly.Core, Microsoft.Bcl.*),
    /// otherwise the runtime's own (System.Text.Json on .NET 10, System.Memory, ...), so netstandard
    /// polyfills never shadow the real types. Whatever other modules loaded is never consulted.
    /// </summary>
    internal sealed class EngineLoadContext : AssemblyLoadContext
    {
        private readonly string _dependencyFolder;
        private readonly FrameworkAssemblies _framework;
        private readonly ConcurrentDictionary<string, string?> _shippedPathByName = new ConcurrentDictionary<string, string?>(StringComparer.OrdinalIgnoreCase);

        internal EngineLoadContext(string dependencyFolder, FrameworkAssemblies framework)
            : base("CloudRebue", isCollectible: false)
        {
            _dependencyFolder = dependencyFolder;
            _framework = framework;
        }

        /// <inheritdoc />
        protected override Assembly? Load(AssemblyName assemblyName)
        {
            string? name = assemblyName.Name;
            if (string.IsNullOrEmpty(name))
            {
                return null;
            }

            string? path = _shippedPathByName.GetOrAdd(name, ChooseShippedPath);
            // Null hands the request to the default context, which holds the runtime's copy.
            return path == null ? null : LoadFromAssemblyPath(path);
        }

        private string? ChooseShippedPath(string simpleName)
        {
            if (simpleName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
            {
                return null;
            }

            string path = Path.Combine(_dependencyFolder, simpleName + ".dll");
            if (!File.Exists(path))
            {
                return null;
            }

            Version? shipped = AssemblyName.GetAssemblyName(path).Version;
            Version? provided = _framework.VersionOf(simpleName);
            return provided != null && shipped != null && provided >= shipped ? null : path;
        }
    }
}
