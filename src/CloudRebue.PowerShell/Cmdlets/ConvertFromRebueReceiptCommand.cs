using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using CloudRebue.Core.Journal;
using CloudRebue.Core.Receipts;
using CloudRebue.PowerShell.Errors;
using CloudRebue.PowerShell.Receipts;

namespace CloudRebue.PowerShell.Cmdlets
{
    /// <summary>
    /// ConvertFrom-RebueReceipt: delivery receipts where no listener can run (an Azure Automation webhook, an Azure
    /// Function). Each input is one body, parsed by the listener's own parser with its rules, and written as the
    /// same DeliveryReceipt objects, joined to the send journal with -JournalPath.
    /// </summary>
    [Cmdlet(VerbsData.ConvertFrom, "RebueReceipt")]
    [OutputType(typeof(DeliveryReceipt))]
    public sealed class ConvertFromRebueReceiptCommand : PSCmdlet
    {
        public const string InvalidBodyErrorId = "CloudRebue.ReceiptInvalid";
        public const string UnsupportedInputErrorId = "CloudRebue.ReceiptInputUnsupported";

        private ReceiptJoin? _join;
        private bool _journalProblemShown;

        /// <summary>A receipt body: text, bytes, $WebhookData, a Functions request or its body, or parsed receipt objects.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [AllowEmptyString]
        [Alias("WebhookData", "Request", "Body")]
        public object? InputObject { get; set; }

        /// <summary>The journal of Send-RebueSms -JournalPath: each receipt carries the Sender, Message and input row it reports on.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? JournalPath { get; set; }

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            if (JournalPath == null)
            {
                return;
            }

            string path = GetUnresolvedProviderPathFromPSPath(JournalPath);
            if (!File.Exists(path))
            {
                // Unlike a listener started before its send, a conversion runs after it: a missing journal is a mistake.
                ThrowTerminatingError(ErrorRecords.Create(
                    $"The send journal '{path}' does not exist. Give the -JournalPath that Send-RebueSms wrote, or leave -JournalPath out to convert without joining.",
                    ErrorIds.JournalUnavailable, ErrorCategory.ObjectNotFound, JournalPath));
            }

            _join = new ReceiptJoin(new JournalFollower(path));
        }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            ReceiptBodySource? source = ReceiptBodySource.Find(InputObject);
            if (source == null)
            {
                string type = InputObject == null ? "null" : (InputObject is PSObject p ? p.BaseObject : InputObject).GetType().FullName;
                WriteError(ErrorRecords.Create(
                    $"A {type} holds no receipt body. Give the body as a string or bytes, $WebhookData (Azure Automation), the Azure Functions request (or its Body), or receipts parsed with ConvertFrom-Json.",
                    UnsupportedInputErrorId, ErrorCategory.InvalidType, InputObject));
                return;
            }

            byte[] body = source.Bytes ?? ToJson(source.Structured);
            IReadOnlyList<DeliveryReceipt> receipts;
            try
            {
                receipts = ReceiptBody.Parse(body, DateTimeOffset.UtcNow, _join);
            }
            catch (ReceiptRequestException ex)
            {
                // The listener would answer this body 400: the same words, and nothing of it is written.
                WriteError(ErrorRecords.Create(
                    $"{Capitalise(source.Origin)} is not a valid receipt body: {ex.Message} Nothing was converted from it; a receipt is a JSON object with phone, uniqueId and deliveryStatus, or an array of them.",
                    InvalidBodyErrorId, ErrorCategory.InvalidData, InputObject, ex));
                return;
            }

            WarnOnceAboutJournal();
            foreach (DeliveryReceipt receipt in receipts)
            {
                WriteObject(ReceiptRows.WithRestoredInput(receipt));
            }
        }

        // Receipts someone already parsed (ConvertFrom-Json, the Functions host) go back to JSON, so the one parser
        // judges every body by the same rules.
        private byte[] ToJson(object? structured)
        {
            Collection<PSObject> json = InvokeCommand.InvokeScript(
                "param($o) ConvertTo-Json -InputObject $o -Depth 4 -Compress", false, System.Management.Automation.Runspaces.PipelineResultTypes.None, null, structured);
            return Encoding.UTF8.GetBytes(string.Concat(json.Select(o => o?.ToString())));
        }

        private void WarnOnceAboutJournal()
        {
            // A journal that cannot be read, or that threw, is said once, as the listener says it.
            string? problem = _join?.Problem;
            if (problem != null && !_journalProblemShown)
            {
                _journalProblemShown = true;
                WriteWarning($"Receipts are not joined to the send journal: {PrintableText.Escape(problem)}");
            }
        }

        private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);
    }
}
