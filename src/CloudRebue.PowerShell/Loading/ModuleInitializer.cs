using System;
using System.IO;
using System.Management.Automation;
using System.Runtime.InteropServices;

namespace CloudRebue.PowerShell
{
    /// <summary>
    /// Makes the engine (CloudRebue.Core) and its dependencies loadable without colliding with the
    /// host's or other modules' copies of System.Text.Json, Polly.Core and Microsoft.Bcl.*. They ship in
    /// the module's dependencies folder, where no default probing finds them. PowerShell runs this before
    /// it looks at the cmdlets (InitialSessionState.AnalyzeModuleAssemblyWithReflection calls OnImport
    /// right after listing the exported types, and no exported type needs an engine type to load).
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer
    {
        /// <inheritdoc />
        public void OnImport()
        {
            var folders = ModuleFolders.OfThisAssembly();
            if (!Directory.Exists(folders.Dependencies))
            {
                // A development build (the xunit suites): the engine sits beside the cmdlets and loads normally.
                return;
            }

            if (RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal))
            {
                DesktopDependencyResolver.Register(folders);
            }
            else
            {
                EngineIsolation.Register(folders);
            }
        }
    }
}
