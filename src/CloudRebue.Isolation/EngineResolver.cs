using System;
using System.Reflection;
using System.Runtime.Loader;

namespace CloudRebue.Isolation
{
    /// <summary>
    /// Called once by the cmdlet assembly's module initializer on PowerShell 7, before any cmdlet runs.
    /// The cmdlet assembly sits in the default context and references only the engine; when the default
    /// context cannot find the engine (it is not beside the cmdlets), this answers with the engine
    /// loaded in our private context. It answers for no other name.
    /// </summary>
    public static class EngineResolver
    {
        private static readonly object Gate = new object();
        private static EngineLoadContext? _context;

        /// <summary>Answers the default context's requests for <paramref name="engineName"/> from <paramref name="dependencyFolder"/>.</summary>
        public static void Register(string dependencyFolder, string engineName)
        {
            lock (Gate)
            {
                // Import-Module -Force runs the initializer again; one context per process is enough.
                if (_context != null)
                {
                    return;
                }

                var context = new EngineLoadContext(dependencyFolder, FrameworkAssemblies.OfThisProcess());
                AssemblyLoadContext.Default.Resolving += (_, requested) =>
                    string.Equals(requested.Name, engineName, StringComparison.OrdinalIgnoreCase)
                        ? context.LoadFromAssemblyName(requested)
                        : (Assembly?)null;
                _context = context;
            }
        }
    }
}
