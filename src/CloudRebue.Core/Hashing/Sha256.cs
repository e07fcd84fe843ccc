using System;
using System.Security.Cryptography;
using System.Text;
using System.Runtime.CompilerServices;

namespace CloudRebue.Core.Hashing
{
    /// <summary>
    /// The one way this module computes SHA-256. IncrementalHash rather than SHA256.Create(): on .NET
    /// Framework (Windows PowerShell 5.1) the latter is SHA256Managed, which throws on machines that enforce
    /// FIPS mode. One hasher per thread is kept and reused: creating one per row made up about a third of a
    /// correlator's cost (tests/Benchmarks/README.md, figure 3).
    /// </summary>
    internal static class Sha256
    {
        [ThreadStatic]
        private static IncrementalHash? t_hasher;

        /// <summary>SHA-256 of the text's UTF-8 bytes.</summary>
        public static byte[] Of(string text) => Of(Encoding.UTF8.GetBytes(text));

        [MethodImpl(HotPath.Compiled)]
        public static byte[] Of(byte[] bytes)
        {
            IncrementalHash hasher = t_hasher ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            hasher.AppendData(bytes);
            return hasher.GetHashAndReset();
        }

        /// <summary>The first <paramref name="bytes"/> bytes of the digest as lower-case hex.</summary>
        public static string Hex(byte[] digest, int bytes)
        {
            var hex = new StringBuilder(bytes * 2);
            for (int i = 0; i < Math.Min(bytes, digest.Length); i++)
            {
                hex.Append(digest[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }

            return hex.ToString();
        }
    }
}
