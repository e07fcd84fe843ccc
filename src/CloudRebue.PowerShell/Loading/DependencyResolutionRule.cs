using System;
using System.IO;
using System.Reflection;

namespace CloudRebue.PowerShell
{
    /// <summary>
    /// Which shipped file, if any, answers a failed assembly request on .NET Framework. We answer only
    /// when all of these hold, and leave everything else to the host and other modules:
    /// the request comes from an assembly loaded from our module folder (a request without a requester
    /// is not ours to answer); the dependencies folder holds a file of that simple name; its public key
    /// token is the one asked for; its version is at least the one asked for.
    /// </summary>
    internal static class DependencyResolutionRule
    {
        /// <param name="requestedName">The full name that failed to bind.</param>
        /// <param name="requesterLocation">The file of the requesting assembly, or null when there is none.</param>
        /// <param name="folders">Our module's folders.</param>
        /// <param name="readShippedName">The identity of the file at a path, or null when there is no such assembly file.</param>
        internal static string? ShippedFileFor(string requestedName, string? requesterLocation, ModuleFolders folders, Func<string, AssemblyName?> readShippedName)
        {
            if (string.IsNullOrEmpty(requesterLocation) || !IsInside(requesterLocation!, folders.Root))
            {
                return null;
            }

            AssemblyName? requested = Parse(requestedName);
            string? simpleName = requested?.Name;
            if (requested == null || string.IsNullOrEmpty(simpleName) || simpleName!.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
            {
                return null;
            }

            string path = Path.Combine(folders.Dependencies, simpleName + ".dll");
            AssemblyName? shipped = readShippedName(path);
            if (shipped == null || !string.Equals(shipped.Name, simpleName, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            if (requested.Version != null && (shipped.Version == null || shipped.Version < requested.Version))
            {
                return null;
            }

            return SameToken(requested.GetPublicKeyToken(), shipped.GetPublicKeyToken()) ? path : null;
        }

        private static AssemblyName? Parse(string requestedName)
        {
            try
            {
                return new AssemblyName(requestedName);
            }
            catch (ArgumentException)
            {
                return null;
            }
            catch (FileLoadException)
            {
                return null;
            }
        }

        private static bool IsInside(string file, string folder)
        {
            string fullFolder = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) + Path.DirectorySeparatorChar;
            // Windows PowerShell runs on Windows, whose paths ignore case.
            return Path.GetFullPath(file).StartsWith(fullFolder, StringComparison.OrdinalIgnoreCase);
        }

        // A request without a token (a simple name) accepts any; a request with one needs the same one.
        private static bool SameToken(byte[]? asked, byte[]? shipped)
        {
            if (asked == null || asked.Length == 0)
            {
                return true;
            }

            if (shipped == null || shipped.Length != asked.Length)
            {
                return false;
            }

            for (int i = 0; i < asked.Length; i++)
            {
                if (asked[i] != shipped[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
