using System;
using System.Collections.Generic;

namespace CloudRebue.Core.Api
{
    /// <summary>One top-up as the cmdlet reports it: what was asked, what the API answered, and what to do next.</summary>
    public sealed class TopUpResult
    {
        internal TopUpResult(TopUpRequest request, TopUpStatus status)
        {
            AccountId = request.AccountId;
            Units = request.Units;
            AmountKes = request.AmountKes;
            Reference = request.Reference;
            Status = status;
        }

        public int AccountId { get; }

        public long? Units { get; }

        public decimal? AmountKes { get; }

        public string? Reference { get; }

        public TopUpStatus Status { get; }

        /// <summary>The sub-account's units before and after (units form).</summary>
        public decimal? InitialUnits { get; internal set; }

        public decimal? UpdatedUnits { get; internal set; }

        /// <summary>The sub-account's and the parent's balance in KES after the top-up (KES form).</summary>
        public decimal? UpdatedBalanceKes { get; internal set; }

        public decimal? ParentBalanceKes { get; internal set; }

        /// <summary>When the provider recorded it (East Africa Time).</summary>
        public DateTimeOffset? CreatedAt { get; internal set; }

        /// <summary>The HTTP status of the answer; null when none came.</summary>
        public int? HttpStatus { get; internal set; }

        /// <summary>Why it did not succeed, and what to do; null on success.</summary>
        public string? Error { get; internal set; }

        /// <summary>The stable ErrorId (<see cref="TopUpErrorIds"/>); null on success.</summary>
        public string? ErrorId { get; internal set; }

        /// <summary>A 422's messages per field (<c>units</c>, <c>account_id</c>, <c>amount</c>); empty otherwise.</summary>
        public IReadOnlyDictionary<string, string[]> FieldErrors { get; internal set; } = new Dictionary<string, string[]>();

        /// <summary>Set when the token was refused (401): the cmdlet stops, since no other top-up can succeed either.</summary>
        public ApiFailureKind? FailureKind { get; internal set; }

        /// <inheritdoc />
        public override string ToString() => $"{Status}: sub-account {AccountId}, {(Units != null ? Units + " unit(s)" : "KES " + AmountKes)}";
    }
}
