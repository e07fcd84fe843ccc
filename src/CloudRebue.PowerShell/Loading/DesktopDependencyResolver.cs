using System;
using System.IO;
using System.Reflection;
using System.Threading;

namespace CloudRebue.PowerShell
{
    /// <summary>
    /// Windows PowerShell 5.1 (.NET Framework) applies no binding redirects to a module: the engine asks
    /// for one version of System.Memory, System.Text.Json for another, and the load fails. This answers
    /// such requests with our shipped copies, under the rules of <see cref="DependencyResolutionRule"/>,
    /// so other modules' loads are never touched.
    /// </summary>
    internal static class DesktopDependencyResolver
    {
        private static int _registered;

        internal static void Register(ModuleFolders folders)
        {
            if (Interlocked.Exchange(ref _registered, 1) == 0)
            {
                AppDomain.CurrentDomain.AssemblyResolve += (_, args) => Resolve(folders, args.Name, args.RequestingAssembly);
            }
        }

        private static Assembly? Resolve(ModuleFolders folders, string requestedName, Assembly? requestingAssembly)
        {
            string? requesterLocation = requestingAssembly == null || requestingAssembly.IsDynamic ? null : requestingAssembly.Location;
            string? path = DependencyResolutionRule.ShippedFileFor(requestedName, requesterLocation, folders, ReadAssemblyName);
            return path == null ? null : Assembly.LoadFrom(path);
        }

        private static AssemblyName? ReadAssemblyName(string path)
        {
            if (!File.Exists(path))
            {
                return null;
            }

            try
            {
                return AssemblyName.GetAssemblyName(path);
            }
            catch (BadImageFormatException)
            {
                return null;
            }
        }
    }
}
