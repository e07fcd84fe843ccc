using System.IO;
using System.Management.Automation;
using CloudRebue.Core.Journal;
using CloudRebue.Core.Receipts;
using CloudRebue.PowerShell.Errors;
using CloudRebue.PowerShell.Receipts;

namespace CloudRebue.PowerShell.Cmdlets
{
    /// <summary>
    /// Get-RebueDeliveryReport: every recipient a send journal records as sent (Queued, or Unknown), with what the
    /// receipts piped in said about it: Delivered, Failed, Pending or NoReceipt. Reads all receipts first, so it
    /// follows Start-RebueReceiptListener -UntilComplete (or ConvertFrom-RebueReceipt) in one pipeline.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "RebueDeliveryReport")]
    [OutputType(typeof(DeliveryReportEntry))]
    public sealed class GetRebueDeliveryReportCommand : PSCmdlet
    {
        private readonly DeliveryTracker _tracker = new DeliveryTracker();
        private string _path = string.Empty;

        /// <summary>The journal of Send-RebueSms -JournalPath.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string JournalPath { get; set; } = string.Empty;

        /// <summary>Delivery receipts, from Start-RebueReceiptListener or ConvertFrom-RebueReceipt.</summary>
        [Parameter(ValueFromPipeline = true)]
        [AllowEmptyCollection]
        public DeliveryReceipt[] Receipt { get; set; } = new DeliveryReceipt[0];

        /// <summary>Only the recipients whose message is not known to be delivered.</summary>
        [Parameter]
        public SwitchParameter Undelivered { get; set; }

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            _path = GetUnresolvedProviderPathFromPSPath(JournalPath);
            if (!File.Exists(_path))
            {
                ThrowTerminatingError(ErrorRecords.Create(
                    $"The send journal '{_path}' does not exist. Give the -JournalPath that Send-RebueSms wrote.",
                    ErrorIds.JournalUnavailable, ErrorCategory.ObjectNotFound, JournalPath));
            }
        }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            foreach (DeliveryReceipt receipt in Receipt)
            {
                if (receipt != null)
                {
                    _tracker.Record(receipt);
                }
            }
        }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            JournalIndex index;
            try
            {
                index = SendJournalReader.Load(_path);
            }
            catch (JournalCorruptException ex)
            {
                ThrowTerminatingError(ErrorRecords.Create(ex.Message, ErrorIds.JournalCorrupt, ErrorCategory.InvalidData, JournalPath, ex));
                return;
            }

            foreach (DeliveryReportEntry entry in _tracker.Report(index.Entries))
            {
                if (Undelivered && entry.Delivered)
                {
                    continue;
                }

                entry.InputObject = ReceiptRows.Restore(entry.InputObject);
                WriteObject(entry);
            }
        }
    }
}
