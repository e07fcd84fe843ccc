using System;

namespace CloudRebue.Core.Api
{
    /// <summary>The answer of <c>GET account/balance</c>, whichever brand's shape it came in.</summary>
    public sealed class BalanceInfo
    {
        public BalanceInfo(decimal? accountUnits, decimal? balanceKes, long? balanceMinor, DateTimeOffset? date)
        {
            AccountUnits = accountUnits;
            BalanceKes = balanceKes;
            BalanceMinor = balanceMinor;
            Date = date;
        }

        /// <summary>SMS units left (<c>account_units</c>, sent by the API as a string).</summary>
        public decimal? AccountUnits { get; }

        /// <summary>Money left in shillings, where a sister brand answers with <c>balance_kes</c>.</summary>
        public decimal? BalanceKes { get; }

        /// <summary>Money left in cents, where a sister brand answers with <c>balance_minor</c>.</summary>
        public long? BalanceMinor { get; }

        /// <summary>When the provider read the balance (East Africa Time).</summary>
        public DateTimeOffset? Date { get; }
    }
}
