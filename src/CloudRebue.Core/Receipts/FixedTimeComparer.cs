namespace CloudRebue.Core.Receipts
{
    /// <summary>
    /// String equality whose running time depends only on the expected value's length, so a caller
    /// guessing the secret path learns nothing from how quickly a wrong guess is refused.
    /// netstandard2.0 has no CryptographicOperations.FixedTimeEquals, hence this.
    /// </summary>
    internal static class FixedTimeComparer
    {
        /// <summary>True when <paramref name="candidate"/> equals <paramref name="expected"/> ordinally.</summary>
        public static bool Equals(string candidate, string expected)
        {
            // Every character of the expected value is visited whatever the candidate holds; a length
            // difference is folded into the same accumulator instead of returning early.
            int difference = candidate.Length ^ expected.Length;
            for (int i = 0; i < expected.Length; i++)
            {
                char c = i < candidate.Length ? candidate[i] : '\0';
                difference |= c ^ expected[i];
            }

            return difference == 0;
        }
    }
}
