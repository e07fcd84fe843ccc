using System;
using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;
using System.Runtime.CompilerServices;

namespace CloudRebue.Core.Phones
{
    /// <summary>
    /// Reads phone numbers the way people and spreadsheets write them and normalises them to the API's
    /// <c>254XXXXXXXXX</c>. Accepted, as the API documents: 12 digits with a country code, 10 digits
    /// starting 07 or 01 (Kenya), 9 digits starting 7 or 1 (Kenya, as Excel leaves them after dropping
    /// the 0). Separators people type (spaces, dashes, dots, brackets, a leading + or 00) are ignored.
    /// </summary>
    internal static class PhoneNumberNormalizer
    {
        private const string KenyaCode = "254";
        private static readonly char[] ListSeparators = { ',', ';', '\n', '\r' };
        private static readonly char[] SpreadsheetMarks = { '.', 'e', 'E' };
        private static readonly Regex Scientific = new Regex(@"^[0-9.,]+[eE][+-]?[0-9]+$", RegexOptions.CultureInvariant);
        private static readonly Regex SpreadsheetDecimal = new Regex(@"^([0-9]+)\.0+$", RegexOptions.CultureInvariant);

        /// <summary>Splits a cell that holds several numbers (comma, semicolon or line separated) and reads each.</summary>
        [MethodImpl(HotPath.Compiled)]
        public static IReadOnlyList<PhoneNumberResult> ParseList(string? text)
        {
            var results = new List<PhoneNumberResult>(1);
            if (text == null || text.Trim().Length == 0)
            {
                results.Add(PhoneNumberResult.Invalid(text ?? string.Empty, "The phone number is empty. Give a number such as 0712345678 or 254712345678."));
                return results;
            }

            // The common case, one number, avoids the split's allocations.
            if (text.IndexOfAny(ListSeparators) < 0)
            {
                results.Add(Parse(text));
                return results;
            }

            foreach (string part in text.Split(ListSeparators, StringSplitOptions.None))
            {
                if (part.Trim().Length > 0)
                {
                    results.Add(Parse(part));
                }
            }

            if (results.Count == 0)
            {
                results.Add(PhoneNumberResult.Invalid(text, "The phone list has no numbers in it. Give numbers such as 0712345678,0722000000."));
            }

            return results;
        }

        /// <summary>Reads one number.</summary>
        [MethodImpl(HotPath.Compiled)]
        public static PhoneNumberResult Parse(string? text)
        {
            string input = text ?? string.Empty;
            string trimmed = input.Trim();
            if (trimmed.Length == 0)
            {
                return PhoneNumberResult.Invalid(input, "The phone number is empty. Give a number such as 0712345678 or 254712345678.");
            }

            // Both spreadsheet shapes need a '.', 'e' or 'E': plain digits (nearly every row) skip the regexes.
            if (trimmed.IndexOfAny(SpreadsheetMarks) >= 0)
            {
                if (Scientific.IsMatch(trimmed))
                {
                    return PhoneNumberResult.Invalid(input, $"'{trimmed}' is in scientific notation: the spreadsheet has rounded the number and its last digits are lost. Format the phone column as Text and type the numbers again.");
                }

                Match spreadsheet = SpreadsheetDecimal.Match(trimmed);
                if (spreadsheet.Success)
                {
                    trimmed = spreadsheet.Groups[1].Value;
                }
            }

            string? digits = DigitsOnly(trimmed);
            if (digits == null)
            {
                return PhoneNumberResult.Invalid(input, $"'{trimmed}' is not a phone number: it has characters other than digits, spaces, dashes, dots, brackets and a leading +.");
            }

            if (digits.StartsWith("00", StringComparison.Ordinal))
            {
                digits = digits.Substring(2);
            }

            // "+254 (0)712 345 678": the trunk 0 written after the country code.
            if (digits.Length == 13 && digits.StartsWith(KenyaCode + "0", StringComparison.Ordinal))
            {
                digits = KenyaCode + digits.Substring(4);
            }

            if (digits.Length == 12 && digits[0] != '0')
            {
                return PhoneNumberResult.Valid(input, digits);
            }

            if (digits.Length == 10 && (digits.StartsWith("07", StringComparison.Ordinal) || digits.StartsWith("01", StringComparison.Ordinal)))
            {
                return PhoneNumberResult.Valid(input, KenyaCode + digits.Substring(1));
            }

            if (digits.Length == 9 && (digits[0] == '7' || digits[0] == '1'))
            {
                return PhoneNumberResult.Valid(input, KenyaCode + digits);
            }

            return PhoneNumberResult.Invalid(input, Explain(trimmed, digits));
        }

        [MethodImpl(HotPath.Compiled)]
        private static string? DigitsOnly(string text)
        {
            var builder = new StringBuilder(text.Length);
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c >= '0' && c <= '9')
                {
                    builder.Append(c);
                }
                else if (c == '+' && builder.Length == 0)
                {
                    continue;
                }
                else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')' && c != '\u00A0' && c != '\t' && c != '\'' && c != '/')
                {
                    return null;
                }
            }

            return builder.ToString();
        }

        private static string Explain(string text, string digits)
        {
            string expected = "Use 12 digits with the country code (254712345678), 10 digits starting 07 or 01 (0712345678), or 9 digits starting 7 or 1 (712345678).";
            if (digits.Length < 9)
            {
                return $"'{text}' is too short for a phone number ({digits.Length} digits). {expected}";
            }

            if (digits.Length > 12)
            {
                // "0712 345 678 / 0722 000 111": two numbers with a separator the API does not know.
                string several = digits.Length >= 18 || text.IndexOf('/') >= 0
                    ? " If it holds several numbers, separate them with commas or semicolons (0712345678,0722000111)."
                    : string.Empty;
                return $"'{text}' is too long for a phone number ({digits.Length} digits).{several} {expected}";
            }

            return $"'{text}' is not a number the API accepts. {expected}";
        }
    }
}
