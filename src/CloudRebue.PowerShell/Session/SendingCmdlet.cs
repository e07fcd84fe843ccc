using System;
using System.Management.Automation;
using CloudRebue.Core.Api;
using CloudRebue.Core.Journal;
using CloudRebue.Core.Sending;
using CloudRebue.PowerShell.Errors;
using CloudRebue.PowerShell.Sending;

namespace CloudRebue.PowerShell.Session
{
    /// <summary>
    /// Base of the cmdlets that send through a SendRun (Send-RebueSms, Send-RebueVoiceSms): the parameters both
    /// bind the same way, so a CSV that works with one works with the other. Each cmdlet keeps what differs.
    /// </summary>
    public abstract class SendingCmdlet : RebueApiCmdlet
    {
        private DateTimeOffset? _sendAt;

        /// <summary>Recipients: one number, several in one cell (comma or semicolon), or an array.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("To", "PhoneNumber", "Mobile", "MSISDN", "Number", "Recipient")]
        [AllowNull]
        [AllowEmptyString]
        [AllowEmptyCollection]
        public string[]? Phone { get; set; }

        /// <summary>The text (spoken, for a call). Given on the command line it applies to every row.</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("Text", "Body")]
        [AllowNull]
        [AllowEmptyString]
        public string? Message { get; set; }

        /// <summary>Your id for the message or call, echoed in results and delivery receipts; generated when omitted.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "Reference")]
        [AllowNull]
        [AllowEmptyString]
        public string? Correlator { get; set; }

        /// <summary>The URL that receives each delivery receipt.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("DeliveryEndpoint", "delivery_endpoint")]
        [AllowNull]
        [AllowEmptyString]
        public string? Endpoint { get; set; }

        /// <summary>The pipeline row itself; handed back on each result. A plain string or number is taken as the phone.</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public PSObject? InputObject { get; set; }

        /// <summary>When the provider sends (RebueText's time_to_send, East Africa Time, whole minutes); refused on brands that do not document it.</summary>
        [Parameter]
        public DateTimeOffset SendAt
        {
            get => _sendAt ?? default;
            set => _sendAt = value;
        }

        /// <summary>Requests in flight at once.</summary>
        [Parameter]
        [ValidateRange(1, SendEngineOptions.MaxThrottleLimit)]
        public int ThrottleLimit { get; set; } = SendEngineOptions.DefaultThrottleLimit;

        /// <summary>Requests started per second at most: 120 (the API's limit, shared by SMS and calls) or lower.</summary>
        [Parameter]
        [ValidateRange(1, SendEngineOptions.MaxRequestsPerSecond)]
        public int RequestsPerSecond { get; set; } = SendEngineOptions.MaxRequestsPerSecond;

        /// <summary>An append-only journal of this send: a rerun with it skips what was queued and does not resend what is unknown.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? JournalPath { get; set; }

        /// <summary>With -JournalPath: send again what an earlier run left Unknown or in flight.</summary>
        [Parameter]
        public SwitchParameter ResendUnknown { get; set; }

        /// <summary>The connection the run sends through (set in BeginProcessing).</summary>
        protected CloudRebueConnection? ApiConnection { get; set; }

        /// <summary>Binds pipeline rows and parameters to SendRows.</summary>
        private protected SendRowBinder? Rows { get; set; }

        /// <summary>Writes results and errors (with the -ErrorAction Stop hold).</summary>
        private protected SendResultWriter? Writer { get; set; }

        /// <summary>The journal of this send, with -JournalPath.</summary>
        private protected SendJournalSession? Journal { get; set; }

        /// <summary>The send run.</summary>
        private protected SendRun? Run { get; set; }

        /// <summary>Ends the command with the error that stopped the run (a rejected token, a journal that cannot be written).</summary>
        protected void ThrowFatal(Exception fatal) => ThrowTerminatingError(ErrorRecords.FromFatal(fatal, ApiConnection!.BaseUri));

        /// <inheritdoc />
        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                Run?.Dispose();
                Journal?.Dispose();
            }

            base.Dispose(disposing);
        }

        /// <summary>-SendAt when it was given, else null (a DateTimeOffset parameter cannot be null itself).</summary>
        protected DateTimeOffset? GivenSendAt => _sendAt;
    }
}
