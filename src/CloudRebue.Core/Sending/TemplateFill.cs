namespace CloudRebue.Core.Sending
{
    /// <summary>A template filled for one row: the text, or the field the row could not fill.</summary>
    internal sealed class TemplateFill
    {
        private TemplateFill(string? text, string? missingField, bool isBlank)
        {
            Text = text;
            MissingField = missingField;
            IsBlank = isBlank;
        }

        /// <summary>The filled text; null when a field was missing.</summary>
        public string? Text { get; }

        /// <summary>The first field the row had no value for; null when filled.</summary>
        public string? MissingField { get; }

        /// <summary>True when the row has the field but its value is empty or blank.</summary>
        public bool IsBlank { get; }

        public bool IsFilled => Text != null;

        /// <summary>Why row <paramref name="row"/> was not sent, naming the field and the columns the row has.</summary>
        public string Describe(long row, System.Collections.Generic.IReadOnlyList<string> columns)
        {
            if (IsBlank)
            {
                return $"Row {row} has an empty {MissingField}, so the template cannot be filled. Fill the cell, or leave the row out.";
            }

            string found = columns.Count == 0 ? "none" : string.Join(", ", System.Linq.Enumerable.Select(System.Linq.Enumerable.Take(columns, 20), c => "'" + c + "'"));
            return $"Row {row} has no {MissingField} for the template's {{{MissingField}}} (its columns: {found}). Add the column, or correct the field's name in -Template (names are matched ignoring case, spaces, dots, underscores and hyphens).";
        }

        internal static TemplateFill Filled(string text) => new TemplateFill(text, null, false);

        internal static TemplateFill Missing(string field, bool isBlank) => new TemplateFill(null, field, isBlank);
    }
}
