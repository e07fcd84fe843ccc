using System;
using System.Collections.Generic;
using System.Linq;

namespace CloudRebue.Core.Phones
{
    /// <summary>
    /// Numbers that must not receive this send (-ExcludePhone: opt-outs, staff, test phones), normalised the
    /// same way as recipients, so 0712 345 678 in the list excludes +254712345678 in the file. Entries may
    /// hold several numbers (comma, semicolon or line separated); blank entries (the empty lines of a file
    /// read with Get-Content) are ignored. An entry that is not a phone number is a problem to report before
    /// anything is sent: an opt-out list that cannot be read must not be half applied.
    /// </summary>
    internal sealed class ExcludeList
    {
        private readonly HashSet<string> _phones = new HashSet<string>(StringComparer.Ordinal);
        private readonly List<string> _problems = new List<string>();

        public ExcludeList(IEnumerable<string?>? entries)
        {
            int position = 0;
            foreach (string? entry in entries ?? Enumerable.Empty<string?>())
            {
                position++;
                if (entry == null || entry.Trim().Length == 0)
                {
                    continue;
                }

                foreach (PhoneNumberResult phone in PhoneNumberNormalizer.ParseList(entry))
                {
                    if (phone.IsValid)
                    {
                        _phones.Add(phone.Normalized!);
                    }
                    else if (_problems.Count < 10)
                    {
                        _problems.Add($"entry {position} '{phone.Input.Trim()}': {phone.Error?.TrimEnd('.')}");
                    }
                    else
                    {
                        ProblemCount++;
                    }
                }
            }

            ProblemCount += _problems.Count;
        }

        /// <summary>Distinct numbers excluded.</summary>
        public int Count => _phones.Count;

        /// <summary>The first ten entries that could not be read, each saying where and why.</summary>
        public IReadOnlyList<string> Problems => _problems;

        /// <summary>All entries that could not be read.</summary>
        public int ProblemCount { get; private set; }

        /// <summary>True when the number (as <c>254XXXXXXXXX</c>) is excluded.</summary>
        public bool Contains(string normalizedPhone) => _phones.Contains(normalizedPhone);

        /// <summary>The terminating error's message when <see cref="ProblemCount"/> is not zero.</summary>
        public string DescribeProblems() =>
            $"-ExcludePhone has {ProblemCount} entr{(ProblemCount == 1 ? "y" : "ies")} that {(ProblemCount == 1 ? "is" : "are")} not a phone number, so nothing was sent (an opt-out list must be applied whole): "
            + string.Join("; ", _problems) + (ProblemCount > _problems.Count ? "; ..." : string.Empty)
            + ". Fix or remove them; blank lines are ignored.";
    }
}
