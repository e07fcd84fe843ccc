using System;
using System.Collections;
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
            object? secret;
            try
            {
                // The secret comes back inside a hashtable: written bare, a byte[] secret would be unrolled
                // into its bytes on the way out of the script.
                Collection<PSObject> output = Invoke(
                    "param($Name, $Vault) $s = if ($Vault) { Get-Secret -Name $Name -Vault $Vault -ErrorAction Stop } else { Get-Secret -Name $Name -ErrorAction Stop }; @{ Secret = $s }",
                    name, vault);
                secret = (output.FirstOrDefault()?.BaseObject as Hashtable)?["Secret"];
                secret = secret is PSObject wrapped ? wrapped.BaseObject : secret;
            }
            catch (RuntimeException ex)
            {
                throw VaultFailure(name, vault, ex, saving: false);
            }

            switch (secret)
            {
                case SecureString secure:
                    return ApiToken.FromSecureString(secure);
                case PSCredential credential:
                    return ApiToken.FromSecureString(credential.Password);
                case string text:
                    return ApiToken.FromPlainText(text);
                case null:
                    throw Fail($"The secret '{name}' was not found{InVault(vault)}. Check the name with Get-SecretInfo, or store the token with Connect-CloudRebue -Token <SecureString> -SaveSecret -SecretName {name}.", ErrorIds.SecretNotFound, ErrorCategory.ObjectNotFound, name);
                default:
                    throw Fail($"The secret '{name}'{InVault(vault)} is {Describe(secret)}; a CloudRebue token must be stored as a SecureString, a string or a PSCredential. Store it again with Connect-CloudRebue -Token <SecureString> -SaveSecret -SecretName {name}.", ErrorIds.SecretUnsupported, ErrorCategory.InvalidType, name);
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
                throw VaultFailure(name, vault, ex, saving: true);
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

        // What Get-Secret said, told apart: a locked store needs unlocking, not a new name. The message is the
        // vault's own, never PowerShell's "The running command stopped because the preference variable..." wrapper.
        private static TerminatingFailure VaultFailure(string name, string? vault, RuntimeException ex, bool saving)
        {
            ErrorRecord? inner = (ex as IContainsErrorRecord)?.ErrorRecord;
            Exception cause = inner?.Exception ?? ex;
            string fullId = inner?.FullyQualifiedErrorId ?? string.Empty;
            string said = cause.Message.Trim();
            if (cause.GetType().Name == "PasswordRequiredException" || fullId.StartsWith("Microsoft.PowerShell.SecretManagement.PasswordRequiredException", StringComparison.Ordinal))
            {
                return Fail($"The vault{VaultName(vault)} holding the secret '{name}' is locked. Unlock it (Unlock-SecretStore, or Unlock-SecretVault -Name <vault>) and connect again; for unattended runs configure the store without a password (Set-SecretStoreConfiguration -Authentication None), or connect with -Credential or the {TokenResolver.EnvironmentVariable} environment variable.", ErrorIds.SecretVaultLocked, ErrorCategory.PermissionDenied, name, cause);
            }

            if (saving)
            {
                return Fail($"Could not save the token as secret '{name}'{InVault(vault)}: {said}", ErrorIds.SecretSaveFailed, ErrorCategory.WriteError, name, cause);
            }

            if (cause is ItemNotFoundException || fullId.StartsWith("GetSecretNotFound", StringComparison.Ordinal))
            {
                return Fail($"The secret '{name}' was not found{InVault(vault)}. Check the name with Get-SecretInfo, or store the token with Connect-CloudRebue -Token <SecureString> -SaveSecret -SecretName {name}.", ErrorIds.SecretNotFound, ErrorCategory.ObjectNotFound, name, cause);
            }

            return Fail($"Could not read the secret '{name}'{InVault(vault)}: {said} Check the vault with Get-SecretVault and Test-SecretVault.", ErrorIds.SecretReadFailed, ErrorCategory.ReadError, name, cause);
        }

        private static string Describe(object secret)
        {
            switch (secret)
            {
                case byte[] _:
                case object[] items when items.Length > 0 && items.All(i => i is byte):
                    return "a byte array";
                case Hashtable _:
                    return "a hashtable";
                default:
                    return "a " + secret.GetType().Name;
            }
        }

        private static string VaultName(string? vault) => string.IsNullOrEmpty(vault) ? string.Empty : $" '{vault}'";

        private static string InVault(string? vault) => string.IsNullOrEmpty(vault) ? string.Empty : $" in vault '{vault}'";

        private static TerminatingFailure Fail(string message, string id, ErrorCategory category, object target, Exception? cause = null) =>
            new TerminatingFailure(ErrorRecords.Create(message, id, category, target, cause));
    }

    /// <summary>Carries an error record up to the cmdlet, which throws it as terminating.</summary>
    internal sealed class TerminatingFailure : Exception
    {
        public TerminatingFailure(ErrorRecord record)
            : base(record.Exception.Message) => Record = record;

        public ErrorRecord Record { get; }
    }
}
