using System;
using System.Management.Automation;
using System.Net;
using System.Security;
using CloudRebue.Core.Api;
using CloudRebue.PowerShell.Errors;
using CloudRebue.PowerShell.Session;

namespace CloudRebue.PowerShell.Cmdlets
{
    /// <summary>Connect-CloudRebue: finds the token, checks it against account/balance, makes the session current.</summary>
    [Cmdlet(VerbsCommunications.Connect, "CloudRebue", DefaultParameterSetName = EnvironmentSet)]
    [OutputType(typeof(CloudRebueConnection))]
    public sealed class ConnectCloudRebueCommand : CancellableCmdlet
    {
        private const string TokenSet = "Token";
        private const string CredentialSet = "Credential";
        private const string VaultSet = "Vault";
        private const string EnvironmentSet = "Environment";
        private const string DefaultSecretName = "CloudRebue";

        // Null when -Brand was not given. Boxed: a field of an engine enum type would load the engine when PowerShell lists this type, before
        // ModuleInitializer makes it loadable (CmdletTypeLayoutTests).
        private object? _brand;

        /// <summary>The API token.</summary>
        [Parameter(Mandatory = true, ParameterSetName = TokenSet)]
        public SecureString? Token { get; set; }

        /// <summary>A credential whose password is the token; the user name is ignored.</summary>
        [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
        [Credential]
        public PSCredential? Credential { get; set; }

        /// <summary>The SecretManagement secret that holds the token, or the name to save it under with -SaveSecret.</summary>
        [Parameter(Mandatory = true, ParameterSetName = VaultSet)]
        [Parameter(ParameterSetName = TokenSet)]
        [Parameter(ParameterSetName = CredentialSet)]
        [ValidateNotNullOrEmpty]
        public string? SecretName { get; set; }

        /// <summary>The SecretManagement vault; the default vault when omitted.</summary>
        [Parameter(ParameterSetName = VaultSet)]
        [Parameter(ParameterSetName = TokenSet)]
        [Parameter(ParameterSetName = CredentialSet)]
        [ValidateNotNullOrEmpty]
        public string? Vault { get; set; }

        /// <summary>Stores the given token in a SecretManagement vault with Set-Secret.</summary>
        [Parameter(ParameterSetName = TokenSet)]
        [Parameter(ParameterSetName = CredentialSet)]
        public SwitchParameter SaveSecret { get; set; }

        /// <summary>The API root; CLOUDREBUE_BASE_URI, else https://bulk.cloudrebue.co.ke/api/v1.</summary>
        [Parameter]
        [ValidateNotNull]
        public Uri? BaseUri { get; set; }

        /// <summary>Whose API the host serves; inferred from the three documented hosts, Unknown for any other host.</summary>
        [Parameter]
        public Brand Brand
        {
            get => _brand is Brand given ? given : Brand.Unknown;
            set => _brand = value;
        }

        /// <summary>The sender ID used when Send-RebueSms gets none.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? DefaultSender { get; set; }

        /// <summary>An HTTP proxy for every request.</summary>
        [Parameter]
        [ValidateNotNull]
        public Uri? Proxy { get; set; }

        /// <summary>Credentials for the proxy.</summary>
        [Parameter]
        [Credential]
        [ValidateNotNull]
        public PSCredential? ProxyCredential { get; set; }

        /// <summary>Seconds one request may take before its outcome is treated as unknown.</summary>
        [Parameter]
        [ValidateRange(1, 600)]
        public int TimeoutSec { get; set; } = CloudRebueClientOptions.DefaultTimeoutSeconds;

        /// <summary>Does not call account/balance to check the token now.</summary>
        [Parameter]
        public SwitchParameter SkipValidation { get; set; }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            if (ParameterSetName != VaultSet && !SaveSecret && (SecretName != null || Vault != null))
            {
                WriteWarning("-SecretName and -Vault name where -SaveSecret stores the token; without -SaveSecret they are ignored.");
            }

            try
            {
                ApiToken token = TokenResolver.Resolve(this, Token, Credential, SecretName, Vault, ParameterSetName == VaultSet);
                WarnAboutExpiry(token);
                Uri baseUri = ResolveBaseUri();
                Brand brand = BrandChoice.Resolve(this, baseUri, (Brand?)_brand);
                var connection = ConnectionFactory.Connect(this, token, baseUri, brand, DefaultSender, Proxy, ProxyCredential?.GetNetworkCredential(), TimeSpan.FromSeconds(TimeoutSec), !SkipValidation, StopToken);
                if (SaveSecret)
                {
                    // Saved only after validation, so a rejected token never lands in the vault.
                    SaveToVault(token, connection);
                }

                SessionStore.Set(connection);
                WriteObject(connection);
            }
            catch (TerminatingFailure failure)
            {
                ThrowTerminatingError(failure.Record);
            }
        }

        // Before the validation call, so a 401 from an expired token comes with its reason.
        private void WarnAboutExpiry(ApiToken token)
        {
            string? warning = TokenExpiryWarning.Describe(token.ExpiresAt, token.Hint, DateTimeOffset.UtcNow);
            if (warning != null)
            {
                WriteWarning(warning);
            }
        }

        private void SaveToVault(ApiToken token, CloudRebueConnection connection)
        {
            string name = SecretName ?? DefaultSecretName;
            try
            {
                new SecretManagementBridge(this).SaveToken(name, Vault, token);
            }
            catch (TerminatingFailure)
            {
                connection.Dispose(); // the command fails as a whole: no session, no open client left behind
                throw;
            }

            WriteVerbose($"Saved the token ({token.Hint}) as secret '{name}'{(Vault == null ? string.Empty : $" in vault '{Vault}'")}.");
        }

        private Uri ResolveBaseUri()
        {
            string? text = BaseUri?.OriginalString ?? Environment.GetEnvironmentVariable("CLOUDREBUE_BASE_URI");
            if (string.IsNullOrWhiteSpace(text))
            {
                return CloudRebueClientOptions.DefaultBaseUri;
            }

            try
            {
                return CloudRebueClientOptions.NormalizeBaseUri(new Uri(text, UriKind.Absolute));
            }
            catch (Exception ex) when (ex is UriFormatException || ex is ArgumentException)
            {
                throw new TerminatingFailure(ErrorRecords.Create(
                    $"'{text}' is not a usable base URI: give an absolute http or https address such as {CloudRebueClientOptions.DefaultBaseUri}.",
                    ErrorIds.InvalidBaseUri, ErrorCategory.InvalidArgument, text));
            }
        }
    }
}
