using System;
using System.Collections.Generic;
using System.Management.Automation.Host;

namespace CloudRebue.PowerShell.Session
{
    /// <summary>
    /// Whether a person can answer a prompt. A prompt in a scheduled task, a runbook or a CI job would hang
    /// it (or fail obscurely), so the token prompt is shown only when this says yes.
    /// </summary>
    internal static class HostInteractivity
    {
        // Hosts that have a person at a keyboard. Everything else ("Default Host" of PowerShell.Create(),
        // Azure Automation, remoting servers, test runners) is treated as unattended.
        private static readonly string[] PromptingHosts = { "ConsoleHost", "Visual Studio Code Host", "Windows PowerShell ISE Host" };

        public static bool CanPrompt(PSHost? host) =>
            CanPrompt(host?.Name, host?.UI != null, Environment.UserInteractive, Environment.GetCommandLineArgs(), IsConsoleInputRedirected);

        /// <summary>The decision itself, with every fact passed in so tests can cover each case.</summary>
        internal static bool CanPrompt(string? hostName, bool hasUI, bool userInteractive, IEnumerable<string> commandLine, Func<bool> consoleInputRedirected)
        {
            if (!hasUI || !userInteractive || hostName == null || Array.IndexOf(PromptingHosts, hostName) < 0)
            {
                return false;
            }

            foreach (string arg in commandLine)
            {
                if (IsNonInteractiveSwitch(arg))
                {
                    return false;
                }
            }

            // The editor hosts talk to the user over their own channel; only the console host reads stdin.
            return hostName != "ConsoleHost" || !consoleInputRedirected();
        }

        // pwsh and powershell.exe accept any unambiguous prefix of -NonInteractive from -noni on, with -, -- or /.
        private static bool IsNonInteractiveSwitch(string arg)
        {
            string name = arg.TrimStart('-', '/');
            return name.Length >= 4 && name.Length < arg.Length && "noninteractive".StartsWith(name, StringComparison.OrdinalIgnoreCase);
        }

        private static bool IsConsoleInputRedirected()
        {
            try
            {
                return Console.IsInputRedirected;
            }
            catch (InvalidOperationException)
            {
                return true;
            }
        }
    }
}
