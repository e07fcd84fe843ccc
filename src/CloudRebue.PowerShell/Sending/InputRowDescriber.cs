using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;

namespace CloudRebue.PowerShell.Sending
{
    /// <summary>
    /// Turns a pipeline row into text properties for the journal, so a receipt can later be joined to
    /// the row it came from. Bounded, so one huge object cannot bloat the journal.
    /// </summary>
    internal static class InputRowDescriber
    {
        private const int MaxProperties = 50;
        private const int MaxValueLength = 1000;

        public static IReadOnlyDictionary<string, string?>? Describe(object? input)
        {
            if (!(input is PSObject row))
            {
                return null;
            }

            var values = new Dictionary<string, string?>();
            foreach (PSPropertyInfo property in row.Properties)
            {
                if (values.Count >= MaxProperties)
                {
                    break;
                }

                if (!property.IsGettable || !(property is PSNoteProperty || property is PSProperty))
                {
                    continue;
                }

                string? text;
                try
                {
                    text = property.Value == null ? null : System.Convert.ToString(property.Value, CultureInfo.InvariantCulture);
                }
                catch (GetValueException)
                {
                    continue;
                }

                values[property.Name] = text != null && text.Length > MaxValueLength ? text.Substring(0, MaxValueLength) : text;
            }

            return values;
        }
    }
}
