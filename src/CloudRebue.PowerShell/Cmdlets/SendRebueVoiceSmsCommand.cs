using System;
using System.Management.Automation;
using CloudRebue.Core.Api;
using CloudRebue.Core.Journal;
using CloudRebue.Core.Phones;
using CloudRebue.Core.Sending;
using CloudRebue.PowerShell.Errors;
using CloudRebue.PowerShell.Session;
using CloudRebue.PowerShell.Sending;

namespace CloudRebue.PowerShell.Cmdlets
{
    /// <summary>
    /// Send-RebueVoiceSms: text-to-speech calls through <c>POST voice-sms</c>, one call per recipient and one call
    /// per request, through the same send run as Send-RebueSms (pacing, safe retries, Unknown, the journal).
    /// </summary>
    [Cmdlet(VerbsCommunications.Send, "RebueVoiceSms", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(SendResult))]
    public sealed class SendRebueVoiceSmsCommand : SendingCmdlet
    {
        private CloudRebueConnection? _connection;
        private SendRowBinder? _rows;
        private SendResultWriter? _writer;
        private SendJournalSession? _journal;
        private SendRun? _run;
        private string _originator = string.Empty;
        private SendSchedule? _schedule;

        /// <summary>The phone number the call comes from.</summary>
        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string Originator { get; set; } = string.Empty;

        /// <summary>Female (1) or Male (2); the brand's default (female) when omitted.</summary>
        [Parameter]
        [ValidateSet("Female", "Male")]
        public string? Voice { get; set; }

        /// <summary>How many times the text is spoken, 1 to 10; the brand's default when omitted.</summary>
        [Parameter]
        [ValidateRange(1, 10)]
        public int Repeat { get; set; }

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            _connection = RequireConnection();
            _schedule = SendAtBinding.Check(this, GivenSendAt, _connection);
            _originator = Originator.Trim();
            PhoneNumberResult asPhone = PhoneNumberNormalizer.Parse(_originator);
            if (asPhone.IsValid)
            {
                _originator = asPhone.Normalized!; // the API's own format; anything else goes as given and the API judges it
            }

            bool whatIf = CmdletPreferences.IsWhatIf(this);
            var options = new SendRunOptions
            {
                Engine = new SendEngineOptions { BatchSize = VoiceCallTransport.BatchSize, ThrottleLimit = ThrottleLimit, RequestsPerSecond = RequestsPerSecond },
                Preview = whatIf,
                Confirm = () => ShouldProcess("the recipients of this command", SendAtBinding.Action("Place voice calls", _schedule)),
            };

            if (JournalPath != null)
            {
                _journal = SendJournalOpener.Open(this, GetUnresolvedProviderPathFromPSPath(JournalPath), _connection, !whatIf);
                options.Journal = _journal.Writer;
                options.Filters.Add(new SendJournalGate(_journal.Index, ResendUnknown));
            }

            LoopbackPaceOverride.Apply(options.Engine, _connection.BaseUri);
            var settings = new VoiceCallSettings(Voice == null ? (int?)null : Voice == "Male" ? 2 : 1, Repeat == 0 ? (int?)null : Repeat);
            _rows = new SendRowBinder(null);
            _writer = new SendResultWriter(this, CmdletPreferences.StopsAtFirstError(this), () => { });
            _run = new SendRun(new VoiceCallTransport(_connection.Client, settings), options, new VoiceResultOutput(_writer), StopToken);
        }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            if (_run!.FatalError != null)
            {
                ThrowFatal(_run.Finish()!);
            }

            // The originator is the sender of every call; a LinkId column has no meaning for a call and is dropped.
            var given = new SendRow { Message = Message, Sender = _originator, Correlator = Correlator, Endpoint = Endpoint, SendAt = _schedule?.At };
            foreach (SendRow row in _rows!.Bind(InputObject, Phone, given))
            {
                row.LinkId = null;
                _run.Add(row);
            }

            if (_writer!.HoldsError)
            {
                _run.Finish();
                _writer.WriteHeldError();
            }
        }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            if (_rows!.Count == 0)
            {
                WriteWarning("Send-RebueVoiceSms received no input, so no call was placed. Give -Phone, or pipe rows with a Phone column.");
            }

            if (_run!.Plan != null)
            {
                ShouldProcess($"{_run.Plan.Recipients:N0} call(s) in {_run.Plan.Batches:N0} request(s), from {_originator}", SendAtBinding.Action("Place voice calls", _schedule));
                _writer!.WriteHeldError();
                return;
            }

            Exception? fatal = _run.Finish();
            if (fatal != null)
            {
                ThrowFatal(fatal);
            }

            if (_writer!.Skipped > 0)
            {
                WriteWarning(SendWarnings.JournalSkips(_writer.Skipped, JournalPath));
            }

            _writer.WriteHeldError();
        }

        /// <inheritdoc />
        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _run?.Dispose();
                _journal?.Dispose();
            }

            base.Dispose(disposing);
        }

        private void ThrowFatal(Exception fatal) => ThrowTerminatingError(ErrorRecords.FromFatal(fatal, _connection!.BaseUri));
    }
}
