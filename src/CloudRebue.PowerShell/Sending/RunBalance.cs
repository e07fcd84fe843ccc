using System;
using System.Globalization;
using System.Management.Automation;
using System.Threading;
using CloudRebue.Core.Api;

namespace CloudRebue.PowerShell.Sending
{
    /// <summary>
    /// Reads the account's balance once for a send's balance guard. A balance that cannot be read does not
    /// stop the send: the API itself refuses what the account cannot pay for (those recipients are Failed,
    /// safe to send again), and an alert must not wait on a convenience. A balance kept in money (a brand that
    /// answers balance_kes) cannot be compared with SMS units, whose price the API does not give, so the guard
    /// is off for it. Either way the user is told, and -MaxUnits still applies.
    /// </summary>
    internal sealed class RunBalance
    {
        private readonly CloudRebueConnection _connection;
        private readonly CancellationToken _stop;
        private readonly Action<string> _warn;
        private readonly Action<string> _verbose;

        public RunBalance(CloudRebueConnection connection, CancellationToken stop, Action<string> warn, Action<string> verbose)
        {
            _connection = connection;
            _stop = stop;
            _warn = warn;
            _verbose = verbose;
        }

        /// <summary>For the -WhatIf line when the balance is not in units; empty otherwise.</summary>
        public string PlanNote { get; private set; } = string.Empty;

        /// <summary>The units the account holds, or null when the guard cannot use the balance.</summary>
        public decimal? ReadUnits()
        {
            BalanceInfo balance;
            try
            {
                balance = _connection.Client.GetBalanceAsync(_stop).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            catch (CloudRebueApiException ex)
            {
                PlanNote = "; the balance could not be read";
                _warn($"The account's balance could not be read ({ex.Message}), so this run has no balance guard: the API refuses messages the account cannot pay for (Failed, safe to send again). -MaxUnits still applies.");
                return null;
            }

            if (balance.AccountUnits != null)
            {
                _verbose(string.Format(CultureInfo.InvariantCulture, "The account holds {0:N0} unit(s); this run stops before it would use more.", balance.AccountUnits.Value));
                return balance.AccountUnits;
            }

            string money = balance.BalanceKes != null
                ? string.Format(CultureInfo.InvariantCulture, "KES {0:N2}", balance.BalanceKes.Value)
                : string.Format(CultureInfo.InvariantCulture, "{0:N0} cents", balance.BalanceMinor ?? 0);
            PlanNote = $"; the account holds {money}, which is money, not units (no balance guard)";
            _verbose($"The account's balance is money ({money}), not SMS units, and the API gives no price per unit, so this run has no balance guard. -MaxUnits still applies.");
            return null;
        }
    }
}
