using System;
using System.Collections.Generic;
using System.Globalization;
using CloudRebue.Core.Phones;
using System.Runtime.CompilerServices;

namespace CloudRebue.Core.Sending
{
    /// <summary>
    /// What stands between a valid recipient and the API, in order: the per-message unit cap, -ExcludePhone,
    /// repeats of the same text to the same number, then (after the journal has had its say, so what an
    /// earlier run queued costs nothing) the run's budget and the account's balance. Each answers with the
    /// result to report instead of sending, so every recipient still gets exactly one.
    /// </summary>
    internal sealed class SendGuards
    {
        private readonly ExcludeList? _exclude;
        private readonly DuplicateFilter? _duplicates;

        public SendGuards(UnitGuard units, ExcludeList? exclude, bool allowDuplicates)
        {
            Units = units ?? throw new ArgumentNullException(nameof(units));
            _exclude = exclude != null && exclude.Count > 0 ? exclude : null;
            _duplicates = allowDuplicates ? null : new DuplicateFilter();
        }

        public UnitGuard Units { get; }

        /// <summary><see cref="Screen"/> as a send run's filter: put it before the journal's.</summary>
        public IRecipientFilter Screening => new Filter(Screen);

        /// <summary><see cref="Reserve"/> as a send run's filter: put it after the journal's, so what an earlier run queued costs nothing.</summary>
        public IRecipientFilter Budget => new Filter(Reserve);

        /// <summary>Recipients skipped because -ExcludePhone lists them.</summary>
        public long Excluded { get; private set; }

        /// <summary>Repeats skipped.</summary>
        public long Duplicates => _duplicates?.Skipped ?? 0;

        /// <summary>The unit cap, the exclusions and repeats: null when the recipient may go on.</summary>
        [MethodImpl(HotPath.Compiled)]
        public SendResult? Screen(OutgoingMessage message, DateTimeOffset now)
        {
            SendResult? over = Units.CheckCap(message, now);
            if (over != null)
            {
                return over;
            }

            if (_exclude != null && _exclude.Contains(message.Phone))
            {
                Excluded++;
                SendResult excluded = SendResult.For(message, SendStatus.Skipped, now);
                excluded.ErrorId = SendErrorIds.Excluded;
                excluded.Error = $"Row {message.Row}: {message.Phone} is in -ExcludePhone, so it was not sent.";
                return excluded;
            }

            return _duplicates?.Check(message, now);
        }

        /// <summary>The budget and the balance, for a recipient that will really be sent.</summary>
        public SendResult? Reserve(OutgoingMessage message, DateTimeOffset now) => Units.Reserve(message, now);

        /// <summary>What to tell the user when the run ends.</summary>
        public IEnumerable<string> Warnings()
        {
            string? stopped = Units.Summary();
            if (stopped != null)
            {
                yield return stopped;
            }

            if (Duplicates > 0)
            {
                yield return string.Format(CultureInfo.InvariantCulture, "{0:N0} repeat(s) of a text to the same number in this run were not sent (Status Skipped, {1}). Add -AllowDuplicate to send repeats.", Duplicates, SendErrorIds.Duplicate);
            }
        }

        private sealed class Filter : IRecipientFilter
        {
            private readonly Func<OutgoingMessage, DateTimeOffset, SendResult?> _check;

            public Filter(Func<OutgoingMessage, DateTimeOffset, SendResult?> check) => _check = check;

            public SendResult? Check(OutgoingMessage message, DateTimeOffset now) => _check(message, now);
        }
    }
}
