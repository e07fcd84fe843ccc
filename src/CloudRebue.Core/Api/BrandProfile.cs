using System;
using System.Collections.Generic;

namespace CloudRebue.Core.Api
{
    /// <summary>
    /// What differs on the wire between the brands, as each documents itself (reference/API.md). One instance
    /// per <see cref="Brand"/>; the request writers and the cmdlets read it instead of testing brand names.
    /// Where the docs are silent the value is the safe one, and its remark says so.
    /// </summary>
    public sealed class BrandProfile
    {
        public static readonly BrandProfile CloudRebue = new BrandProfile(
            Brand.CloudRebue, new Uri("https://bulk.cloudrebue.co.ke/api/v1/"), new[] { "endpoint" }, schedules: false, topUpTakesKes: false, voiceRepeatDefault: 1);

        public static readonly BrandProfile RebueText = new BrandProfile(
            Brand.RebueText, new Uri("https://rebuetext.com/api/v1/"), new[] { "delivery_endpoint" }, schedules: true, topUpTakesKes: true, voiceRepeatDefault: 5);

        // BongaTech documents the CloudRebue names; its voice repeat default is not documented.
        public static readonly BrandProfile BongaTech = new BrandProfile(
            Brand.BongaTech, new Uri("https://bulk.bongatech.co.ke/api/v1/"), new[] { "endpoint" }, schedules: false, topUpTakesKes: false, voiceRepeatDefault: null);

        // A host we do not know: the receipt URL goes under both names, because each known brand reads one of
        // them and ignores the other (the docs are silent on unknown fields; a server that rejected one would
        // say so with an error rather than lose receipts quietly). Scheduling is refused: nothing says it works.
        public static readonly BrandProfile Unknown = new BrandProfile(
            Brand.Unknown, null, new[] { "endpoint", "delivery_endpoint" }, schedules: false, topUpTakesKes: false, voiceRepeatDefault: null);

        private BrandProfile(Brand brand, Uri? documentedBaseUri, string[] receiptUrlFields, bool schedules, bool topUpTakesKes, int? voiceRepeatDefault)
        {
            Brand = brand;
            DocumentedBaseUri = documentedBaseUri;
            ReceiptUrlFields = receiptUrlFields;
            SupportsScheduling = schedules;
            TopUpTakesKes = topUpTakesKes;
            VoiceRepeatDefault = voiceRepeatDefault;
        }

        public Brand Brand { get; }

        /// <summary>The API root the brand documents; null for <see cref="Brand.Unknown"/>.</summary>
        public Uri? DocumentedBaseUri { get; }

        /// <summary>The field name(s) a message's receipt URL is written under (send-sms and voice-sms).</summary>
        public IReadOnlyList<string> ReceiptUrlFields { get; }

        /// <summary>True where the brand documents <c>time_to_send</c> (RebueText only).</summary>
        public bool SupportsScheduling { get; }

        /// <summary>True where the brand's newer top-up takes <c>amount</c> in KES instead of <c>units</c> (RebueText).</summary>
        public bool TopUpTakesKes { get; }

        /// <summary>How often voice-sms speaks the text when <c>repeat</c> is left out; null where undocumented.</summary>
        public int? VoiceRepeatDefault { get; }

        /// <summary>The profile of <paramref name="brand"/>.</summary>
        public static BrandProfile For(Brand brand)
        {
            switch (brand)
            {
                case Brand.CloudRebue: return CloudRebue;
                case Brand.RebueText: return RebueText;
                case Brand.BongaTech: return BongaTech;
                default: return Unknown;
            }
        }

        /// <summary>
        /// The brand of a connection: the one given, else the one whose documented host <paramref name="baseUri"/>
        /// is on, else <see cref="Brand.Unknown"/>. Only the exact documented hosts are recognised.
        /// </summary>
        public static Brand Infer(Uri baseUri, Brand? given)
        {
            if (given != null)
            {
                return given.Value;
            }

            return KnownBrandOf(baseUri) ?? Brand.Unknown;
        }

        /// <summary>The brand whose documented host this is, or null.</summary>
        public static Brand? KnownBrandOf(Uri baseUri)
        {
            if (baseUri is null || !baseUri.IsAbsoluteUri)
            {
                return null;
            }

            foreach (BrandProfile profile in new[] { CloudRebue, RebueText, BongaTech })
            {
                if (string.Equals(profile.DocumentedBaseUri!.Host, baseUri.Host, StringComparison.OrdinalIgnoreCase))
                {
                    return profile.Brand;
                }
            }

            return null;
        }

        /// <inheritdoc />
        public override string ToString() => Brand.ToString();
    }
}
