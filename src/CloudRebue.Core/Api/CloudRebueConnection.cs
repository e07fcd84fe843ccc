using System;

namespace CloudRebue.Core.Api
{
    /// <summary>
    /// A live connection to one account: what Connect-CloudRebue returns and the other cmdlets use. It shows
    /// only a hint of the token; the token itself stays inside the client's Authorization header.
    /// </summary>
    public sealed class CloudRebueConnection : IDisposable
    {
        public CloudRebueConnection(CloudRebueClient client, string? defaultSender, decimal? accountUnits, DateTimeOffset connectedAt)
        {
            Client = client ?? throw new ArgumentNullException(nameof(client));
            DefaultSender = string.IsNullOrWhiteSpace(defaultSender) ? null : defaultSender!.Trim();
            AccountUnits = accountUnits;
            ConnectedAt = connectedAt;
        }

        public Uri BaseUri => Client.BaseUri;

        /// <summary>Whose documentation the host follows: inferred from the host of -BaseUri, or given with -Brand.</summary>
        public Brand Brand => Client.Brand.Brand;

        /// <summary>What differs on the wire for <see cref="Brand"/>.</summary>
        public BrandProfile BrandProfile => Client.Brand;

        public string? DefaultSender { get; }

        /// <summary>The last four characters of the token, such as <c>****6789</c>.</summary>
        public string TokenHint => Client.TokenHint;

        /// <summary>When the token expires (UTC), from a JWT token's <c>exp</c>; null when the token names no expiry.</summary>
        public DateTimeOffset? TokenExpiresAt => Client.TokenExpiresAt;

        /// <summary>The account's identity as send journals record it: derived from the token, not secret.</summary>
        public string Account => Client.Account;

        /// <summary>Units at connect time; null when validation was skipped.</summary>
        public decimal? AccountUnits { get; }

        public DateTimeOffset ConnectedAt { get; }

        public TimeSpan Timeout => Client.Timeout;

        /// <summary>True after Disconnect-CloudRebue; a disposed connection cannot send.</summary>
        public bool IsDisposed { get; private set; }

        internal CloudRebueClient Client { get; }

        public void Dispose()
        {
            if (!IsDisposed)
            {
                IsDisposed = true;
                Client.Dispose();
            }
        }

        /// <inheritdoc />
        public override string ToString() => $"{BaseUri} ({TokenHint})";
    }
}
