using System;
using System.Collections.Generic;
using CloudRebue.Core.Phones;

namespace CloudRebue.Core.Sending
{
    /// <summary>
    /// Answers every recipient of a row that cannot be sent at all (no phone column, a template it cannot
    /// fill) with the same Invalid result: a cell with three numbers still gets three results, so every
    /// recipient is accounted for; a row with no phone at all gets one, without a phone.
    /// </summary>
    internal static class RowRejection
    {
        public static IReadOnlyList<SendResult> PerRecipient(SendRow row, string errorId, string error, DateTimeOffset at)
        {
            var results = new List<SendResult>(1);
            if (string.IsNullOrWhiteSpace(row.Phone))
            {
                SendResult none = Invalid(row, PhoneNumberResult.Invalid(row.Phone ?? string.Empty, error), null, errorId, error, at);
                none.Phone = null;
                none.PhoneInput = null;
                results.Add(none);
                return results;
            }

            foreach (PhoneNumberResult phone in PhoneNumberNormalizer.ParseList(row.Phone))
            {
                results.Add(Invalid(row, phone, phone.Normalized, errorId, error, at));
            }

            return results;
        }

        /// <summary>
        /// One recipient of a row, Invalid. Phone is the normalised number, or the text as typed when it could not
        /// be read: the table and an export then show the same value. PhoneInput always keeps the text as typed.
        /// </summary>
        internal static SendResult Invalid(SendRow row, PhoneNumberResult phone, string? normalized, string errorId, string error, DateTimeOffset at) => new SendResult
        {
            Phone = normalized ?? phone.Input,
            PhoneInput = phone.Input,
            Status = SendStatus.Invalid,
            Correlator = string.IsNullOrWhiteSpace(row.Correlator) ? null : row.Correlator,
            Sender = row.Sender,
            Message = row.Message,
            LinkId = row.LinkId,
            Endpoint = EndpointMask.Apply(row.Endpoint),
            SendAt = row.SendAt,
            Error = error,
            ErrorId = errorId,
            Row = row.Row,
            InputObject = row.InputObject,
            CompletedAt = at,
        };
    }
}
