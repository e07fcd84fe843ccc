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
            ApiConnection = RequireConnection();
            _schedule = SendAtBinding.Check(this, GivenSendAt, ApiConnection);
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
                Journal = SendJournalOpener.Open(this, GetUnresolvedProviderPathFromPSPath(JournalPath), ApiConnection, !whatIf);
                options.Journal = Journal.Writer;
                options.Filters.Add(new SendJournalGate(Journal.Index, ResendUnknown));
            }

            LoopbackPaceOverride.Apply(options.Engine, ApiConnection.BaseUri);
            var settings = new VoiceCallSettings(Voice == null ? (int?)null : Voice == "Male" ? 2 : 1, Repeat == 0 ? (int?)null : Repeat);
            Rows = new SendRowBinder(null);
            Writer = new SendResultWriter(this, CmdletPreferences.StopsAtFirstError(this), () => { });
            Run = new SendRun(new VoiceCallTransport(ApiConnection.Client, settings), options, new VoiceResultOutput(Writer), StopToken);
        }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            if (Run!.FatalError != null)
            {
                ThrowFatal(Run.Finish()!);
            }

            // The originator is the sender of every call; a LinkId column has no meaning for a call and is dropped.
            var given = new SendRow { Message = Message, Sender = _originator, Correlator = Correlator, Endpoint = Endpoint, SendAt = _schedule?.At };
            foreach (SendRow row in Rows!.Bind(InputObject, Phone, given))
            {
                row.LinkId = null;
                Run.Add(row);
            }

            if (Writer!.HoldsError)
            {
                Run.Finish();
                Writer.WriteHeldError();
            }
        }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            if (Rows!.Count == 0)
            {
                WriteWarning("Send-RebueVoiceSms received no input, so no call was placed. Give -Phone, or pipe rows with a Phone column.");
            }

            if (Run!.Plan != null)
            {
                ShouldProcess($"{Run.Plan.Recipients:N0} call(s) in {Run.Plan.Batches:N0} request(s), from {_originator}", SendAtBinding.Action("Place voice calls", _schedule));
                Writer!.WriteHeldError();
                return;
            }

            Exception? fatal = Run.Finish();
            if (fatal != null)
            {
                ThrowFatal(fatal);
            }

            if (Writer!.Skipped > 0)
            {
                WriteWarning(SendWarnings.JournalSkips(Writer.Skipped, JournalPath));
            }

            Writer.WriteHeldError();
        }
    }
}
