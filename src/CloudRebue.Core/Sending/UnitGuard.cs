using System;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace CloudRebue.Core.Sending
{
    /// <summary>
    /// The money guard rails of one run. A text over the per-message cap is Invalid: a 10 MB text costs
    /// tens of thousands of units per recipient, which is never what anyone meant. The run's budget
    /// (-MaxUnits) and the account's balance, read once when the first recipient is about to go, stop the
    /// run cleanly: the first recipient that would cross either, and every one after it, is NotSent, so a
    /// rerun with the same journal continues where this one stopped (it never skips ahead to a cheaper row).
    /// Units are the module's own count (GSM-7/UCS-2 rules), the figure Measure-RebueSms shows.
    /// </summary>
    internal sealed class UnitGuard
    {
        /// <summary>The per-message cap when none is given: 10 units is 1,530 GSM-7 or 670 UCS-2 characters.</summary>
        public const int DefaultMaxUnitsPerMessage = 10;

        private readonly int _maxUnitsPerMessage;
        private readonly long? _maxUnits;
        private readonly Func<decimal?>? _readBalance;
        private bool _balanceRead;
        private decimal? _balance;
        private string? _stopId;
        private string? _stopError;

        /// <param name="maxUnitsPerMessage">Units one recipient's text may cost.</param>
        /// <param name="maxUnits">Units the whole run may use; null for no budget.</param>
        /// <param name="readBalance">Reads the account's units, called once, when the first recipient is about to
        /// go; null (or a null answer: unreadable, or a balance kept in money) means no balance guard.</param>
        public UnitGuard(int maxUnitsPerMessage = DefaultMaxUnitsPerMessage, long? maxUnits = null, Func<decimal?>? readBalance = null)
        {
            if (maxUnitsPerMessage < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(maxUnitsPerMessage));
            }

            if (maxUnits < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(maxUnits));
            }

            _maxUnitsPerMessage = maxUnitsPerMessage;
            _maxUnits = maxUnits;
            _readBalance = readBalance;
        }

        /// <summary>Units of the recipients let through so far.</summary>
        public long Units { get; private set; }

        /// <summary>Recipients stopped by the budget or the balance.</summary>
        public long NotSent { get; private set; }

        /// <summary>The account's units as read at the start; null when not read (yet) or not known in units.</summary>
        public decimal? Balance => _balance;

        /// <summary>The ErrorId of the guard that stopped the run (MaxUnitsReached, InsufficientBalance), or null.</summary>
        public string? StoppedBy => _stopId;

        /// <summary>Null when the text is within the cap; otherwise the Invalid result to report instead.</summary>
        public SendResult? CheckCap(OutgoingMessage message, DateTimeOffset now)
        {
            int units = message.Units;
            if (units <= _maxUnitsPerMessage)
            {
                return null;
            }

            SendResult over = SendResult.For(message, SendStatus.Invalid, now);
            over.SmsUnits = units;
            over.ErrorId = SendErrorIds.OverUnitCap;
            over.Error = string.Format(
                CultureInfo.InvariantCulture,
                "Row {0}: the text costs {1:N0} SMS units per recipient, over the cap of {2:N0} (-MaxUnitsPerMessage), so it was not sent. Shorten it (Measure-RebueSms shows its length and the characters that force UCS-2), or raise the cap with -MaxUnitsPerMessage {1} if the text is meant.",
                message.Row,
                units,
                _maxUnitsPerMessage);
            return over;
        }

        /// <summary>
        /// Null when the recipient fits the budget and the balance (its units are then counted); otherwise the
        /// NotSent result to report instead. Call it only for recipients that will really be sent.
        /// </summary>
        [MethodImpl(HotPath.Compiled)]
        public SendResult? Reserve(OutgoingMessage message, DateTimeOffset now)
        {
            if (!_balanceRead)
            {
                _balanceRead = true;
                _balance = _readBalance?.Invoke();
            }

            int units = message.Units;
            if (_stopId == null)
            {
                if (_maxUnits != null && Units + units > _maxUnits.Value)
                {
                    Stop(SendErrorIds.MaxUnitsReached, string.Format(
                        CultureInfo.InvariantCulture,
                        "Not sent: this run stopped at -MaxUnits {0:N0} (the recipients before row {1} use {2:N0} unit(s)). To send the rest, run again with the same -JournalPath (it skips what was queued) and a larger -MaxUnits.",
                        _maxUnits.Value,
                        message.Row,
                        Units));
                }
                else if (_balance != null && Units + units > _balance.Value)
                {
                    Stop(SendErrorIds.InsufficientBalance, string.Format(
                        CultureInfo.InvariantCulture,
                        "Not sent: the account held {0:N0} unit(s) when this run started, and the recipients before row {1} use {2:N0}. Top up the account (Get-RebueBalance shows what it holds), then run again with the same -JournalPath to send the rest (it skips what was queued).",
                        _balance.Value,
                        message.Row,
                        Units));
                }
            }

            if (_stopId != null)
            {
                NotSent++;
                SendResult stopped = SendResult.For(message, SendStatus.NotSent, now);
                stopped.SmsUnits = units;
                stopped.ErrorId = _stopId;
                stopped.Error = _stopError;
                return stopped;
            }

            Units += units;
            return null;
        }

        /// <summary>The end-of-run warning when a guard stopped the run; null otherwise.</summary>
        public string? Summary() => _stopId == null ? null : string.Format(
            CultureInfo.InvariantCulture,
            "{0:N0} recipient(s) were not sent (Status NotSent, {1}): {2}",
            NotSent,
            _stopId,
            _stopError!.Substring("Not sent: ".Length));

        /// <summary>For the -WhatIf line: the units against the budget and the balance.</summary>
        public string PlanNote()
        {
            var culture = CultureInfo.InvariantCulture;
            string note = string.Empty;
            if (_maxUnits != null)
            {
                note += string.Format(culture, "; -MaxUnits {0:N0}", _maxUnits.Value);
            }

            if (_balance != null)
            {
                note += string.Format(culture, "; the account holds {0:N0} unit(s), {1:N0} would be left", _balance.Value, _balance.Value - Units);
            }

            if (NotSent > 0)
            {
                note += string.Format(culture, "; {0:N0} recipient(s) would not be sent ({1})", NotSent, _stopId);
            }

            return note;
        }

        private void Stop(string errorId, string error)
        {
            _stopId = errorId;
            _stopError = error;
        }
    }
}
