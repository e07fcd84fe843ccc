using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace CloudRebue.Core.Messages
{
    /// <summary>
    /// Counts SMS units with the standard GSM rules the provider bills by (reference/API.md, "SMS units").
    /// Multipart boundaries are counted as plain division: we do not model a handset refusing to split an
    /// escape sequence or a surrogate pair across parts, which can cost one more unit in rare texts.
    /// </summary>
    public static class SmsUnitCalculator
    {
        private const string Gsm7Basic =
            "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
            "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

        // Reached through the escape character, so each costs two septets.
        private const string Gsm7Extension = "\f^{}\\[~]|€";

        private static readonly HashSet<char> Basic = new HashSet<char>(Gsm7Basic);
        private static readonly HashSet<char> Extension = new HashSet<char>(Gsm7Extension);

        public const int Gsm7SinglePart = 160;
        public const int Gsm7MultiPart = 153;
        public const int Ucs2SinglePart = 70;
        public const int Ucs2MultiPart = 67;

        /// <summary>Measures a text. A null or empty text is zero units.</summary>
        [MethodImpl(HotPath.Compiled)]
        public static SmsMeasurement Measure(string? message)
        {
            message ??= string.Empty;
            int septets = 0;
            int characters = 0;
            var nonGsm = new List<string>();
            for (int i = 0; i < message.Length; i++)
            {
                char c = message[i];
                characters++;
                if (Basic.Contains(c))
                {
                    septets += 1;
                }
                else if (Extension.Contains(c))
                {
                    septets += 2;
                }
                else
                {
                    bool pair = char.IsHighSurrogate(c) && i + 1 < message.Length && char.IsLowSurrogate(message[i + 1]);
                    string text = pair ? message.Substring(i, 2) : c.ToString();
                    if (!nonGsm.Contains(text))
                    {
                        nonGsm.Add(text);
                    }

                    if (pair)
                    {
                        i++;
                    }
                }
            }

            if (nonGsm.Count == 0)
            {
                return new SmsMeasurement(message, SmsEncoding.Gsm7, characters, septets, UnitsFor(septets, Gsm7SinglePart, Gsm7MultiPart), nonGsm);
            }

            int codeUnits = message.Length;
            return new SmsMeasurement(message, SmsEncoding.Ucs2, characters, codeUnits, UnitsFor(codeUnits, Ucs2SinglePart, Ucs2MultiPart), nonGsm);
        }

        /// <summary>Units per recipient of a text; the shortcut used when only the number matters.</summary>
        public static int Units(string? message) => Measure(message).Units;

        private static int UnitsFor(int length, int single, int multi)
        {
            if (length == 0)
            {
                return 0;
            }

            return length <= single ? 1 : (int)Math.Ceiling(length / (double)multi);
        }
    }
}
