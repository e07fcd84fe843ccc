using System;
using System.IO;
using System.Text.Json;

namespace CloudRebue.Core.Api
{
    /// <summary>
    /// One <c>POST account/top-up</c>: units (with an optional reference) or, in RebueText's newer form, an
    /// amount in KES (reference/API.md). Exactly one of <see cref="Units"/> and <see cref="AmountKes"/> is set.
    /// </summary>
    public sealed class TopUpRequest
    {
        private TopUpRequest(int accountId, long? units, decimal? amountKes, string? reference)
        {
            if (accountId < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(accountId), accountId, "The sub-account id is a positive number.");
            }

            AccountId = accountId;
            Units = units;
            AmountKes = amountKes;
            Reference = string.IsNullOrWhiteSpace(reference) ? null : reference!.Trim();
        }

        public int AccountId { get; }

        public long? Units { get; }

        public decimal? AmountKes { get; }

        /// <summary>The caller's reference (<c>topup_reference</c>): lets a person recognise a repeat; the API does not, as far as documented.</summary>
        public string? Reference { get; }

        public static TopUpRequest OfUnits(int accountId, long units, string? reference) =>
            units >= 1 ? new TopUpRequest(accountId, units, null, reference) : throw new ArgumentOutOfRangeException(nameof(units), units, "A top-up moves at least 1 unit.");

        /// <summary>The KES form documents no reference field, so none is sent with it.</summary>
        public static TopUpRequest OfAmountKes(int accountId, decimal amountKes) =>
            amountKes > 0 ? new TopUpRequest(accountId, null, amountKes, null) : throw new ArgumentOutOfRangeException(nameof(amountKes), amountKes, "A top-up moves more than KES 0.");

        /// <summary>What moves, in words: "100 units" or "KES 500.00".</summary>
        public string Describe() => Units != null ? $"{Units} unit(s)" : $"KES {AmountKes:0.00}";

        internal byte[] ToJson()
        {
            using var stream = new MemoryStream(96);
            using (var json = new Utf8JsonWriter(stream))
            {
                json.WriteStartObject();
                if (Units != null)
                {
                    json.WriteNumber("units", Units.Value);
                    json.WriteNumber("account_id", AccountId);
                    if (Reference != null)
                    {
                        json.WriteString("topup_reference", Reference);
                    }
                }
                else
                {
                    json.WriteNumber("account_id", AccountId);
                    json.WriteNumber("amount", AmountKes!.Value);
                }

                json.WriteEndObject();
            }

            return stream.ToArray();
        }
    }
}
