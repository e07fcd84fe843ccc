using System.Collections.Generic;

namespace CloudRebue.Core.Messages
{
    /// <summary>What a text costs before it is sent: encoding, length and units per recipient.</summary>
    public sealed class SmsMeasurement
    {
        internal SmsMeasurement(string message, SmsEncoding encoding, int characters, int length, int units, IReadOnlyList<string> nonGsmCharacters)
        {
            Message = message;
            Encoding = encoding;
            Characters = characters;
            Length = length;
            Units = units;
            NonGsmCharacters = nonGsmCharacters;
        }

        /// <summary>The text that was measured.</summary>
        public string Message { get; }

        /// <summary>GSM-7 when every character is in the GSM 03.38 alphabet, else UCS-2.</summary>
        public SmsEncoding Encoding { get; }

        /// <summary>Characters as a person counts them (a surrogate pair such as an emoji is one).</summary>
        public int Characters { get; }

        /// <summary>Length in the encoding's own units: septets for GSM-7 (extension characters count two), UTF-16 code units for UCS-2.</summary>
        public int Length { get; }

        /// <summary>SMS units billed for each recipient.</summary>
        public int Units { get; }

        /// <summary>The distinct characters that forced UCS-2, so a user can replace them and pay less.</summary>
        public IReadOnlyList<string> NonGsmCharacters { get; }

        /// <inheritdoc />
        public override string ToString() => $"{Encoding}, {Length} long, {Units} unit(s)";
    }
}
