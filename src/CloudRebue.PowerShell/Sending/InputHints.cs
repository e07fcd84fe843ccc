using System.Collections.Generic;

namespace CloudRebue.PowerShell.Sending
{
    /// <summary>
    /// What input that looks wrong most likely means, in words a user can act on: the usual causes of "no phone
    /// column" are a file read with the wrong delimiter and Excel's "sep=" line; the usual cause of U+FFFD in a
    /// text is a file read with the wrong encoding.
    /// </summary>
    internal static class InputHints
    {
        /// <summary>The Unicode replacement character: what a decoder writes for bytes it could not read.</summary>
        public const char ReplacementCharacter = '\uFFFD';

        /// <summary>The hint for a row with no phone column, from the columns it has.</summary>
        public static string NoPhoneColumn(IReadOnlyList<string> names)
        {
            if (names.Count == 1)
            {
                string only = names[0];
                if (only.StartsWith("sep=", System.StringComparison.OrdinalIgnoreCase))
                {
                    char separator = only.Length > 4 ? only[4] : ',';
                    return $" The file starts with Excel's '{only}' line, which Import-Csv reads as the header: skip it, for example Get-Content .\\file.csv | Select-Object -Skip 1 | ConvertFrom-Csv -Delimiter '{separator}'.";
                }

                if (only.IndexOf(';') >= 0)
                {
                    return " It looks like a semicolon-separated file read as one column: read it with Import-Csv -Delimiter ';'.";
                }

                if (only.IndexOf('\t') >= 0)
                {
                    return " It looks like a tab-separated file read as one column: read it with Import-Csv -Delimiter \"`t\".";
                }

                if (only.IndexOf('|') >= 0)
                {
                    return " It looks like a file separated by '|' read as one column: read it with Import-Csv -Delimiter '|'.";
                }

                if (only.IndexOf(',') >= 0)
                {
                    return " It looks like a comma-separated file read with another delimiter: read it with Import-Csv without -Delimiter.";
                }
            }

            return $" Rename the column that holds the numbers to one of: {InputColumns.PhoneNamesForPeople}; or pass -Phone.";
        }

        /// <summary>The once-per-run warning for a text holding U+FFFD.</summary>
        public static string MisreadEncoding(long row) =>
            $"Row {row}'s text contains the character U+FFFD ({ReplacementCharacter}), which marks bytes that could not be decoded: the file was probably read with the wrong encoding, and customers would see {ReplacementCharacter} in place of letters. Read it with its encoding, for example Import-Csv -Encoding utf8 or, for a file saved by Excel as Windows-1252, Import-Csv -Encoding 1252 (PowerShell 7.4 and later) or -Encoding Default (Windows PowerShell 5.1). This warning is written once per run.";

        /// <summary>True when the text holds U+FFFD.</summary>
        public static bool LooksMisread(string? text) => text != null && text.IndexOf(ReplacementCharacter) >= 0;
    }
}
