using System;

namespace CloudRebue.Core.Journal
{
    /// <summary>
    /// Whom a journal was written for: the API's base URL and the account's identity (see
    /// <see cref="Api.AccountIdentity"/>; never the token). A journal answers for one account on one API:
    /// what it says was queued on account A says nothing about account B.
    /// </summary>
    public sealed class JournalOwner
    {
        public JournalOwner(string baseUri, string account)
        {
            BaseUri = baseUri ?? throw new ArgumentNullException(nameof(baseUri));
            Account = account ?? throw new ArgumentNullException(nameof(account));
        }

        public string BaseUri { get; }

        public string Account { get; }

        /// <summary>Base URLs compare without case and without a trailing slash (both are normalised when connecting).</summary>
        public bool Matches(JournalOwner other) =>
            string.Equals(BaseUri.TrimEnd('/'), other.BaseUri.TrimEnd('/'), StringComparison.OrdinalIgnoreCase) &&
            string.Equals(Account, other.Account, StringComparison.Ordinal);

        /// <inheritdoc />
        public override string ToString() => $"account {Account} at {BaseUri}";
    }
}
