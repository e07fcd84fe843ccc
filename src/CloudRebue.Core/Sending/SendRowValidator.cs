using System;
using System.Collections.Generic;
using CloudRebue.Core.Phones;
using System.Runtime.CompilerServices;

namespace CloudRebue.Core.Sending
{
    /// <summary>
    /// Turns one input row into one message per recipient, or into Invalid results that say what to fix.
    /// A row's own correlator is kept; with several recipients in one cell each gets the row's correlator
    /// plus <c>-1</c>, <c>-2</c>, ... so every recipient stays unique. Rows without one get a generated,
    /// repeatable correlator (<see cref="CorrelatorGenerator"/>). A correlator met a second time in the run
    /// is refused before anything is sent: a receipt carrying it could not tell the two messages apart.
    /// </summary>
    internal sealed class SendRowValidator
    {
        private readonly CorrelatorGenerator _correlators = new CorrelatorGenerator();

        // Every correlator of this run: one is never used for two messages (20 bytes per generated one).
        private readonly CorrelatorSet _used = new CorrelatorSet();
        private readonly TimeProvider _time;

        // The cmdlets call this overload: its signature names no TimeProvider, a dependency type on netstandard
        // (Microsoft.Bcl.TimeProvider) that must not cross into the cmdlet assembly (docs/ARCHITECTURE.md, "Loading beside other modules").
        public SendRowValidator()
            : this(null)
        {
        }

        public SendRowValidator(TimeProvider? timeProvider) => _time = timeProvider ?? TimeProvider.System;

        /// <summary>Validates a row and expands it to its recipients; every recipient lands in exactly one of the two lists.</summary>
        [MethodImpl(HotPath.Compiled)]
        public void Validate(SendRow row, ICollection<OutgoingMessage> messages, ICollection<SendResult> invalid)
        {
            if (row.ProblemId != null)
            {
                foreach (SendResult refused in Refused(row))
                {
                    invalid.Add(refused);
                }

                return;
            }

            IReadOnlyList<PhoneNumberResult> phones = PhoneNumberNormalizer.ParseList(row.Phone);
            string? messageProblem = string.IsNullOrWhiteSpace(row.Message)
                ? $"Row {row.Row} has no message text. Give -Message, or a Message (or Text, Body) column."
                : string.IsNullOrWhiteSpace(row.Sender)
                    ? $"Row {row.Row} has no sender ID. Give -Sender, a Sender column, or connect with Connect-CloudRebue -DefaultSender."
                    : null;

            for (int i = 0; i < phones.Count; i++)
            {
                PhoneNumberResult phone = phones[i];
                if (!phone.IsValid)
                {
                    invalid.Add(Invalid(row, phone, null, SendErrorIds.InvalidPhone, $"Row {row.Row}: {phone.Error}"));
                }
                else if (messageProblem != null)
                {
                    invalid.Add(Invalid(row, phone, phone.Normalized, SendErrorIds.InvalidMessage, messageProblem));
                }
                else
                {
                    string sender = row.Sender!.Trim();
                    string correlator = string.IsNullOrWhiteSpace(row.Correlator)
                        ? _correlators.Next(phone.Normalized!, sender, row.Message!, row.LinkId)
                        : phones.Count == 1 ? row.Correlator!.Trim() : row.Correlator!.Trim() + "-" + (i + 1);
                    if (!_used.Add(correlator))
                    {
                        invalid.Add(Invalid(row, phone, phone.Normalized, SendErrorIds.DuplicateCorrelator, $"Row {row.Row}: the correlator '{correlator}' was already used for another recipient in this run. A correlator joins each delivery receipt and journal line to one message, so every message needs its own: fix the Id (Correlator, Reference) column, or leave it empty and one is made. This recipient was not sent."));
                        continue;
                    }

                    messages.Add(new OutgoingMessage(phone.Normalized!, row.Message!, sender, correlator, Blank(row.LinkId), Blank(row.Endpoint), row.InputObject, row.Row) { SendAt = row.SendAt });
                }
            }
        }

        private SendResult Invalid(SendRow row, PhoneNumberResult phone, string? normalized, string errorId, string error) =>
            RowRejection.Invalid(row, phone, normalized, errorId, error, _time.GetLocalNow());

        // A row its binder could not read at all (no phone column, a template it cannot fill): every recipient
        // it names gets an Invalid result with the binder's words.
        private IReadOnlyList<SendResult> Refused(SendRow row) => RowRejection.PerRecipient(row, row.ProblemId!, row.Problem ?? row.ProblemId!, _time.GetLocalNow());

        private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text!.Trim();
    }
}
