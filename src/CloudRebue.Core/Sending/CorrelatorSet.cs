using System;
using System.Collections.Generic;

namespace CloudRebue.Core.Sending
{
    /// <summary>
    /// The correlators a run has used, compared as text (ordinal). A generated correlator ("cr" and 16
    /// lower-case hex digits, <see cref="CorrelatorGenerator"/>) is kept as its 64-bit number, 20 bytes
    /// instead of about 100 for the string; any other text is kept as it is. The two forms cannot meet:
    /// the number stands for exactly one string of that shape, and every string of that shape is kept as
    /// its number. A million generated correlators take about 20 MB (benchmark figure 4).
    /// </summary>
    internal sealed class CorrelatorSet
    {
        private const string GeneratedPrefix = "cr";
        private const int HexDigits = 16;
        private readonly HashSet<ulong> _generated = new HashSet<ulong>();
        private readonly HashSet<string> _given = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>True when the correlator was not used before in this run (it is now).</summary>
        public bool Add(string correlator) =>
            TryParseGenerated(correlator, out ulong number) ? _generated.Add(number) : _given.Add(correlator);

        private static bool TryParseGenerated(string text, out ulong number)
        {
            number = 0;
            if (text.Length != GeneratedPrefix.Length + HexDigits || !text.StartsWith(GeneratedPrefix, StringComparison.Ordinal))
            {
                return false;
            }

            for (int i = GeneratedPrefix.Length; i < text.Length; i++)
            {
                char c = text[i];
                int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
                if (digit < 0)
                {
                    return false; // upper case or not hex: another string, kept as text
                }

                number = (number << 4) | (uint)digit;
            }

            return true;
        }
    }
}
