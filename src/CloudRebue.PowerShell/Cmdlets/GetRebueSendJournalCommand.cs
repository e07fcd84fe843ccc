using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using CloudRebue.Core.Journal;
using CloudRebue.PowerShell.Errors;

namespace CloudRebue.PowerShell.Cmdlets
{
    /// <summary>Get-RebueSendJournal: what a send journal holds, or its recipients in chosen states.</summary>
    [Cmdlet(VerbsCommon.Get, "RebueSendJournal", DefaultParameterSetName = SummarySet)]
    [OutputType(typeof(SendJournalSummary), ParameterSetName = new[] { SummarySet })]
    [OutputType(typeof(JournalEntry), ParameterSetName = new[] { EntriesSet })]
    public sealed class GetRebueSendJournalCommand : PSCmdlet
    {
        private const string SummarySet = "Summary";
        private const string EntriesSet = "Entries";

        /// <summary>The journal file written by Send-RebueSms -JournalPath.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("JournalPath", "FullName")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>Writes the recipients in these states instead of the summary.</summary>
        [Parameter(Mandatory = true, ParameterSetName = EntriesSet)]
        public JournalState[] State { get; set; } = Array.Empty<JournalState>();

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            string path = GetUnresolvedProviderPathFromPSPath(Path);
            if (!File.Exists(path))
            {
                WriteError(ErrorRecords.Create($"There is no send journal at '{path}'. Give the path that was passed to Send-RebueSms -JournalPath.", ErrorIds.JournalUnavailable, ErrorCategory.ObjectNotFound, path));
                return;
            }

            JournalIndex index;
            try
            {
                index = SendJournalReader.Load(path);
            }
            catch (JournalCorruptException ex)
            {
                WriteError(new ErrorRecord(ex, ErrorIds.JournalCorrupt, ErrorCategory.InvalidData, path));
                return;
            }
            catch (IOException ex)
            {
                WriteError(ErrorRecords.Create($"Cannot read the send journal '{path}': {ex.Message}", ErrorIds.JournalUnavailable, ErrorCategory.ReadError, path, ex));
                return;
            }

            foreach (string warning in index.Warnings)
            {
                WriteWarning(warning);
            }

            if (ParameterSetName == SummarySet)
            {
                WriteObject(new SendJournalSummary(path, index));
                return;
            }

            foreach (JournalEntry entry in index.Entries.Where(e => State.Contains(e.State)).OrderBy(e => e.Row))
            {
                WriteObject(entry);
            }
        }
    }
}
