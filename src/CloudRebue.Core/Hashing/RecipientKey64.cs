namespace CloudRebue.Core.Hashing
{
    /// <summary>
    /// A 64-bit key of a few strings, for in-memory sets that live for one run (the repeat filter): FNV-1a
    /// over each string's UTF-16 code units with its length folded in first, so field boundaries count
    /// ("ab"+"c" is not "a"+"bc"), then a final avalanche (the splitmix64 finaliser) so nearby inputs spread.
    /// Chance of two different recipients sharing a key in a run of a million: about 3 in 100 million, as
    /// with 64 bits of SHA-256, at a fraction of the cost and with nothing allocated. Never stored, so it
    /// may change between versions; correlators and journal keys keep SHA-256 (<see cref="Sha256"/>).
    /// </summary>
    internal static class RecipientKey64
    {
        private const ulong OffsetBasis = 14695981039346656037UL;
        private const ulong Prime = 1099511628211UL;

        public static ulong Of(string a, string b, string c, string d)
        {
            ulong hash = OffsetBasis;
            hash = Add(hash, a);
            hash = Add(hash, b);
            hash = Add(hash, c);
            hash = Add(hash, d);
            return Finish(hash);
        }

        private static ulong Add(ulong hash, string text)
        {
            hash = Mix(hash, (uint)text.Length);
            foreach (char ch in text)
            {
                hash = Mix(hash, ch);
            }

            return hash;
        }

        private static ulong Mix(ulong hash, uint value)
        {
            hash = (hash ^ (value & 0xFFFF)) * Prime;
            return (hash ^ (value >> 16)) * Prime;
        }

        private static ulong Finish(ulong hash)
        {
            hash ^= hash >> 30;
            hash *= 0xBF58476D1CE4E5B9UL;
            hash ^= hash >> 27;
            hash *= 0x94D049BB133111EBUL;
            return hash ^ (hash >> 31);
        }
    }
}
