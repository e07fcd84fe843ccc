using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace CloudRebue.PowerShell
{
    /// <summary>
    /// Windows PowerShell 5.1 runs on .NET Framework, which applies no binding redirects to a module:
    /// System.Text.Json asks for one version of System.Memory, System.Memory for another version of
    /// System.Runtime.CompilerServices.Unsafe, and the load fails. On import we answer such requests with
    /// the copy we ship, whatever version was asked for, but only for files in our own folder, so other
    /// modules' loads are never touched. PowerShell 7 resolves these itself, so nothing is registered there.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer
    {
        private static readonly string ModuleFolder = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? string.Empty;
        private static int _registered;

        /// <inheritdoc />
        public void OnImport()
        {
            bool netFramework = RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);
            if (netFramework && System.Threading.Interlocked.Exchange(ref _registered, 1) == 0)
            {
                AppDomain.CurrentDomain.AssemblyResolve += (_, args) => Resolve(args.Name);
            }
        }

        /// <summary>Our shipped copy of the requested assembly, or null when we do not ship it.</summary>
        internal static Assembly? Resolve(string requestedName)
        {
            string? simpleName;
            try
            {
                simpleName = new AssemblyName(requestedName).Name;
            }
            catch (ArgumentException)
            {
                return null;
            }
            catch (FileLoadException)
            {
                return null;
            }

            if (string.IsNullOrEmpty(simpleName) || simpleName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
            {
                return null;
            }

            string candidate = Path.Combine(ModuleFolder, simpleName + ".dll");
            return File.Exists(candidate) ? Assembly.LoadFrom(candidate) : null;
        }
    }
}
