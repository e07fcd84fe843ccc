using System;
using System.Text;
using System.Runtime.CompilerServices;

namespace CloudRebue.Core.Api
{
    /// <summary>
    /// The one filter for text that came from a server (error bodies, item messages and fields, exception
    /// messages): every run of 8 or more characters that also occurs in the token, in any letter case, is
    /// replaced by <c>****</c>. A server that echoes the Authorization header, whole or cut, upper-cased or
    /// not, so leaks nothing longer than 7 characters. It must run before any truncation: cutting first
    /// leaves a piece of the token that no longer matches the whole.
    /// </summary>
    /// <remarks>
    /// Cheap enough for every field of every answer: one pass with a table of the token's character pairs
    /// (case-folded); only where 7 pairs in a row are in the table is the 8-character window looked up in
    /// the token, which unrelated text practically never triggers.
    /// </remarks>
    internal sealed class ServerTextScrubber
    {
        public const string Mask = "****";
        private const int Echo = 8;
        private readonly string _folded;
        private readonly int _window;
        private readonly bool[] _pairs = new bool[65536];

        public ServerTextScrubber(string token)
        {
            _folded = Fold(token ?? throw new ArgumentNullException(nameof(token)));
            _window = Math.Min(Echo, _folded.Length);
            for (int i = 1; i < _folded.Length; i++)
            {
                _pairs[Pair(_folded[i - 1], _folded[i])] = true;
            }
        }

        /// <summary>The text with every echo of the token masked; the same instance when there is none.</summary>
        [MethodImpl(HotPath.Compiled)]
        public string? Clean(string? text)
        {
            if (text == null || text.Length < _window || _window < 2)
            {
                return text;
            }

            bool[]? masked = null;
            int run = 0;
            char previous = FoldChar(text[0]);
            for (int i = 1; i < text.Length; i++)
            {
                char current = FoldChar(text[i]);
                run = _pairs[Pair(previous, current)] ? run + 1 : 0;
                previous = current;
                if (run >= _window - 1)
                {
                    int start = i - _window + 1;
                    if (_folded.IndexOf(Fold(text.Substring(start, _window)), StringComparison.Ordinal) >= 0)
                    {
                        masked ??= new bool[text.Length];
                        for (int k = start; k <= i; k++)
                        {
                            masked[k] = true;
                        }
                    }
                }
            }

            return masked == null ? text : Apply(text, masked);
        }

        private static string Apply(string text, bool[] masked)
        {
            var clean = new StringBuilder(text.Length);
            for (int i = 0; i < text.Length; i++)
            {
                if (!masked[i])
                {
                    clean.Append(text[i]);
                }
                else if (i == 0 || !masked[i - 1])
                {
                    clean.Append(Mask);
                }
            }

            return clean.ToString();
        }

        private static int Pair(char a, char b) => ((a & 0xFF) << 8) | (b & 0xFF);

        private static char FoldChar(char c) => c < 128 ? (c >= 'A' && c <= 'Z' ? (char)(c + 32) : c) : char.ToLowerInvariant(c);

        private static string Fold(string text)
        {
            var chars = new char[text.Length];
            for (int i = 0; i < text.Length; i++)
            {
                chars[i] = FoldChar(text[i]);
            }

            return new string(chars);
        }
    }
}
