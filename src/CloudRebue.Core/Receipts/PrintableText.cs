using System.Globalization;
using System.Text;

namespace CloudRebue.Core.Receipts
{
    /// <summary>
    /// Makes text from the network safe to print on one line: control characters (C0, DEL, C1), line
    /// and paragraph separators and bidirectional overrides become \uXXXX, so a receipt field or a
    /// client's message cannot start a forged line in verbose output, a warning or a transcript.
    /// </summary>
    public static class PrintableText
    {
        /// <summary>The text with every unprintable character written as \uXXXX; null stays null.</summary>
        public static string? Escape(string? text)
        {
            if (text == null)
            {
                return null;
            }

            int first = 0;
            while (first < text.Length && !NeedsEscape(text[first]))
            {
                first++;
            }

            if (first == text.Length)
            {
                return text;
            }

            var escaped = new StringBuilder(text.Length + 16);
            escaped.Append(text, 0, first);
            for (int i = first; i < text.Length; i++)
            {
                char c = text[i];
                if (NeedsEscape(c))
                {
                    escaped.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                }
                else
                {
                    escaped.Append(c);
                }
            }

            return escaped.ToString();
        }

        /// <summary>True when the text holds a character <see cref="Escape"/> would rewrite.</summary>
        public static bool HasUnprintable(string text)
        {
            foreach (char c in text)
            {
                if (NeedsEscape(c))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool NeedsEscape(char c) =>
            c < 0x20 || (c >= 0x7F && c <= 0x9F)
            || c == '\u2028' || c == '\u2029'
            || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }
}
