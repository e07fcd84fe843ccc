using System;
using System.IO;
using System.Reflection;

namespace CloudRebue.PowerShell
{
    /// <summary>
    /// PowerShell 7: hands the engine to a private AssemblyLoadContext. The context lives in
    /// CloudRebue.Isolation.dll (net8.0), loaded by path here, so this netstandard2.0 assembly keeps no
    /// reference that Windows PowerShell could not bind.
    /// </summary>
    internal static class EngineIsolation
    {
        internal const string IsolationAssemblyFile = "CloudRebue.Isolation.dll";

        internal static void Register(ModuleFolders folders)
        {
            string path = Path.Combine(folders.Root, IsolationAssemblyFile);
            Type resolver = Assembly.LoadFrom(path).GetType("CloudRebue.Isolation.EngineResolver", throwOnError: true)!;
            MethodInfo register = resolver.GetMethod("Register", new[] { typeof(string), typeof(string) })
                ?? throw new MissingMethodException(resolver.FullName, "Register");
            try
            {
                register.Invoke(null, new object[] { folders.Dependencies, ModuleFolders.EngineAssemblyName });
            }
            catch (TargetInvocationException ex) when (ex.InnerException != null)
            {
                throw ex.InnerException;
            }
        }
    }
}
