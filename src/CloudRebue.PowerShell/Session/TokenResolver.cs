using System;
using System.Management.Automation;
using System.Security;
using CloudRebue.Core.Api;
using CloudRebue.PowerShell.Errors;

namespace CloudRebue.PowerShell.Session
{
    /// <summary>
    /// Finds the token, first match wins: -Token, -Credential (the password is the token), -SecretName
    /// through SecretManagement, the CLOUDREBUE_TOKEN environment variable, a secure prompt when someone
    /// is at the keyboard. Otherwise a terminating error that names every way to connect.
    /// </summary>
    internal static class TokenResolver
    {
        public const string EnvironmentVariable = "CLOUDREBUE_TOKEN";

        public static ApiToken Resolve(PSCmdlet cmdlet, SecureString? token, PSCredential? credential, string? secretName, string? vault, bool fromVault)
        {
            if (token != null)
            {
                return FromSecure(token, "-Token");
            }

            if (credential != null)
            {
                return FromSecure(credential.Password, "the password of -Credential");
            }

            if (fromVault && !string.IsNullOrEmpty(secretName))
            {
                return new SecretManagementBridge(cmdlet).GetToken(secretName!, vault);
            }

            string? fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (!string.IsNullOrWhiteSpace(fromEnvironment))
            {
                cmdlet.WriteVerbose($"Using the token from the {EnvironmentVariable} environment variable.");
                return ApiToken.FromPlainText(fromEnvironment!);
            }

            if (HostInteractivity.CanPrompt(cmdlet.Host))
            {
                cmdlet.Host.UI.Write("CloudRebue API token: ");
                SecureString typed = cmdlet.Host.UI.ReadLineAsSecureString();
                if (typed != null && typed.Length > 0)
                {
                    return ApiToken.FromSecureString(typed);
                }
            }

            throw new TerminatingFailure(ErrorRecords.Create(
                "No CloudRebue API token was found, and this session cannot prompt for one. Connect in one of these ways: " +
                "-Token <SecureString> (for example -Token (Read-Host -AsSecureString 'CloudRebue API token')); " +
                "-Credential <PSCredential> whose password is the token (Azure Automation: -Credential (Get-AutomationPSCredential -Name CloudRebue)); " +
                "-SecretName <name> [-Vault <vault>] to read it from a SecretManagement vault; " +
                $"the {EnvironmentVariable} environment variable (CI jobs); " +
                "or run Connect-CloudRebue in an interactive console to be prompted. Tokens are generated in your account on the provider's web portal.",
                ErrorIds.NoToken,
                ErrorCategory.AuthenticationError,
                null));
        }

        private static ApiToken FromSecure(SecureString secure, string source)
        {
            if (secure.Length == 0)
            {
                throw new TerminatingFailure(ErrorRecords.Create($"The token in {source} is empty. Pass the API token from the CloudRebue portal.", ErrorIds.NoToken, ErrorCategory.InvalidArgument, null));
            }

            return ApiToken.FromSecureString(secure);
        }
    }
}
