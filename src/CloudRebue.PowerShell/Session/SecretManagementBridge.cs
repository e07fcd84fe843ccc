using System;
using System.Collections.ObjectModel;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Security;
using CloudRebue.Core.Api;
using CloudRebue.PowerShell.Errors;

namespace CloudRebue.PowerShell.Session
{
    /// <summary>
    /// Reads and writes the token through Microsoft.PowerShell.SecretManagement, called as commands in the
    /// caller's runspace (so the user's registered vaults apply). SecretManagement is optional: the module
    /// never references it, and says how to install it when a vault is asked for and it is missing.
    /// </summary>
    internal sealed class SecretManagementBridge
    {
        private const string InstallHint = "Install it with: Install-Module Microsoft.PowerShell.SecretManagement, Microsoft.PowerShell.SecretStore; then Register-SecretVault -Name CloudRebue -ModuleName Microsoft.PowerShell.SecretStore.";

        private readonly PSCmdlet _cmdlet;

        public SecretManagementBridge(PSCmdlet cmdlet) => _cmdlet = cmdlet;

        public ApiToken GetToken(string name, string? vault)
        {
            RequireCommand("Get-Secret");
            Collection<PSObject> output;
            try
            {
                output = Invoke(
                    "param($Name, $Vault) if ($Vault) { Get-Secret -Name $Name -Vault $Vault -ErrorAction Stop } else { Get-Secret -Name $Name -ErrorAction Stop }",
                    name, vault);
            }
            catch (RuntimeException ex)
            {
                throw Fail($"Could not read the secret '{name}'{InVault(vault)}: {ex.Message} Check the name with Get-SecretInfo, or store the token with Connect-CloudRebue -Token <SecureString> -SaveSecret -SecretName {name}.", ErrorIds.SecretNotFound, ErrorCategory.ObjectNotFound, name);
            }

            object? secret = output.FirstOrDefault()?.BaseObject;
            switch (secret)
            {
                case SecureString secure:
                    return ApiToken.FromSecureString(secure);
                case PSCredential credential:
                    return ApiToken.FromSecureString(credential.Password);
                case string text:
                    return ApiToken.FromPlainText(text);
                case null:
                    throw Fail($"The secret '{name}'{InVault(vault)} was not found. Store the token with Connect-CloudRebue -Token <SecureString> -SaveSecret -SecretName {name}.", ErrorIds.SecretNotFound, ErrorCategory.ObjectNotFound, name);
                default:
                    throw Fail($"The secret '{name}' is a {secret.GetType().Name}; a CloudRebue token must be stored as a SecureString, a string or a PSCredential.", ErrorIds.SecretUnsupported, ErrorCategory.InvalidType, name);
            }
        }

        public void SaveToken(string name, string? vault, ApiToken token)
        {
            RequireCommand("Set-Secret");
            try
            {
                Invoke(
                    "param($Name, $Vault, $Secret) if ($Vault) { $null = Set-Secret -Name $Name -Vault $Vault -SecureStringSecret $Secret -ErrorAction Stop } else { $null = Set-Secret -Name $Name -SecureStringSecret $Secret -ErrorAction Stop }",
                    name, vault, token.ToSecureString());
            }
            catch (RuntimeException ex)
            {
                throw Fail($"Could not save the token as secret '{name}'{InVault(vault)}: {ex.Message}", ErrorIds.SecretSaveFailed, ErrorCategory.WriteError, name);
            }
        }

        // In the caller's session state, so the user's registered vaults and imported modules apply, but in a
        // new scope so $Name, $Vault and $Secret never land in the caller's variables. PipelineResultTypes.None
        // hands the results back to us: Output would stream the secret into the caller's pipeline.
        private Collection<PSObject> Invoke(string script, params object?[] args) =>
            _cmdlet.InvokeCommand.InvokeScript(script, true, PipelineResultTypes.None, null, args);

        private void RequireCommand(string command)
        {
            if (_cmdlet.InvokeCommand.GetCommand(command, CommandTypes.Cmdlet | CommandTypes.Function | CommandTypes.Alias) == null)
            {
                throw Fail($"{command} is not available: the Microsoft.PowerShell.SecretManagement module is not installed. {InstallHint}", ErrorIds.SecretManagementMissing, ErrorCategory.NotInstalled, command);
            }
        }

        private static string InVault(string? vault) => string.IsNullOrEmpty(vault) ? string.Empty : $" in vault '{vault}'";

        private static TerminatingFailure Fail(string message, string id, ErrorCategory category, object target) =>
            new TerminatingFailure(ErrorRecords.Create(message, id, category, target));
    }

    /// <summary>Carries an error record up to the cmdlet, which throws it as terminating.</summary>
    internal sealed class TerminatingFailure : Exception
    {
        public TerminatingFailure(ErrorRecord record)
            : base(record.Exception.Message) => Record = record;

        public ErrorRecord Record { get; }
    }
}
