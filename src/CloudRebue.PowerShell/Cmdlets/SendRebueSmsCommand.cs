using System;
using System.Management.Automation;
using CloudRebue.Core.Api;
using CloudRebue.Core.Journal;
using CloudRebue.Core.Sending;
using CloudRebue.PowerShell.Errors;
using CloudRebue.PowerShell.Session;
using CloudRebue.PowerShell.Sending;

namespace CloudRebue.PowerShell.Cmdlets
{
    /// <summary>
    /// Send-RebueSms: streams pipeline rows into batches of up to 100, paced under the API's limit, and
    /// writes one result per recipient as outcomes arrive (completion order, not input order).
    /// </summary>
    [Cmdlet(VerbsCommunications.Send, "RebueSms", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(SendResult))]
    public sealed class SendRebueSmsCommand : SendingCmdlet
    {
        private SendProgress? _progress;
        private SendSchedule? _schedule;
        private SendGuards? _guards;
        private RunBalance? _balance;
        private bool _misreadWarned;

        /// <summary>The sender ID; the connection's default sender when omitted.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("SenderId", "From")]
        [ArgumentCompleter(typeof(SenderCompleter))]
        [AllowNull]
        [AllowEmptyString]
        public string? Sender { get; set; }

        /// <summary>The link id of an originating message, for on-demand services.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("link_id")]
        [AllowNull]
        [AllowEmptyString]
        public string? LinkId { get; set; }

        /// <summary>Messages per request, 1 to 100.</summary>
        [Parameter]
        [ValidateRange(1, SendEngineOptions.MaxBatchSize)]
        public int BatchSize { get; set; } = SendEngineOptions.MaxBatchSize;

        /// <summary>Each row's text, filled from its columns: 'Dear {Name}, KES {Amount} is due'; {{ and }} are literal braces.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Template { get; set; }

        /// <summary>The most SMS units one recipient's text may cost; a text over it is Invalid. 10 by default.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int MaxUnitsPerMessage { get; set; } = UnitGuard.DefaultMaxUnitsPerMessage;

        /// <summary>The most SMS units this run may use; the recipients past it are NotSent.</summary>
        [Parameter]
        [ValidateRange(1, long.MaxValue)]
        public long MaxUnits { get; set; }

        /// <summary>Send the same text to the same number more than once in a run.</summary>
        [Parameter]
        public SwitchParameter AllowDuplicate { get; set; }

        /// <summary>Numbers not to send to (opt-outs), in any format Send-RebueSms reads; for example (Get-Content .\optout.txt).</summary>
        [Parameter]
        [AllowEmptyCollection]
        [AllowNull]
        [AllowEmptyString]
        public string[]? ExcludePhone { get; set; }

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            ApiConnection = RequireConnection();
            _schedule = SendAtBinding.Check(this, GivenSendAt, ApiConnection);
            bool whatIf = CmdletPreferences.IsWhatIf(this);
            var options = new SendRunOptions
            {
                Engine = new SendEngineOptions { BatchSize = BatchSize, ThrottleLimit = ThrottleLimit, RequestsPerSecond = RequestsPerSecond },
                Preview = whatIf,
                Confirm = () => ShouldProcess("the recipients of this command", SendAtBinding.Action("Send SMS", _schedule)),
            };

            // The unit cap, -ExcludePhone and repeats first; then the journal; the budget and balance count only what goes.
            MessageTemplate? template = SendParameters.Template(this, Template, Message);
            RowTemplate? rowTemplate = template == null ? null : new RowTemplate(template);
            _balance = new RunBalance(ApiConnection, StopToken, WriteWarning, WriteVerbose);
            _guards = new SendGuards(
                new UnitGuard(MaxUnitsPerMessage, MyInvocation.BoundParameters.ContainsKey(nameof(MaxUnits)) ? MaxUnits : (long?)null, _balance.ReadUnits),
                SendParameters.Exclusions(this, ExcludePhone),
                AllowDuplicate);
            options.Filters.Add(_guards.Screening);
            if (JournalPath != null)
            {
                Journal = SendJournalOpener.Open(this, GetUnresolvedProviderPathFromPSPath(JournalPath), ApiConnection, !whatIf);
                options.Journal = Journal.Writer;
                options.Filters.Add(new SendJournalGate(Journal.Index, ResendUnknown));
            }
            else if (ResendUnknown)
            {
                WriteWarning(SendWarnings.ResendUnknownWithoutJournal);
            }

            string? placeholder = Message == null ? null : SendWarnings.Placeholder(Message); // only what the command line gave is bound here
            if (placeholder != null)
            {
                WriteWarning(placeholder);
            }

            int? loopbackPace = whatIf ? null : LoopbackPaceOverride.Apply(options.Engine, ApiConnection.BaseUri);
            if (loopbackPace != null)
            {
                WriteVerbose($"{LoopbackPaceOverride.Variable} paces this send to a local simulator at {loopbackPace} requests/s.");
            }

            Rows = new SendRowBinder(ApiConnection.DefaultSender, rowTemplate);
            _progress = new SendProgress(this, MyInvocation.BoundParameters.ContainsKey(nameof(Phone)) && Phone != null && !MyInvocation.ExpectingInput ? Phone.Length : (long?)null);
            Writer = new SendResultWriter(this, CmdletPreferences.StopsAtFirstError(this), () => _progress.Update(Rows.Count, Run!));
            options.Filters.Add(_guards.Budget);
            Run = new SendRun(new ApiBatchTransport(ApiConnection.Client), options, Writer, StopToken);
        }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            if (Run!.FatalError != null)
            {
                ThrowFatal(Run.Finish()!);
            }

            var given = new SendRow { Message = Message, Sender = Sender, Correlator = Correlator, LinkId = LinkId, Endpoint = Endpoint, SendAt = _schedule?.At };
            foreach (SendRow row in Rows!.Bind(InputObject, Phone, given))
            {
                if (!_misreadWarned && InputHints.LooksMisread(row.Message))
                {
                    _misreadWarned = true;
                    WriteWarning(InputHints.MisreadEncoding(row.Row));
                }

                Run.Add(row);
            }

            if (StopToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }

            _progress!.Update(Rows.Count, Run);
            if (Writer!.HoldsError)
            {
                // -ErrorAction Stop: send what was read so far, then stop on the first error, saying how many went out.
                Run.Finish();
                Writer.WriteHeldError();
            }
        }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            if (Rows!.Count == 0)
            {
                WriteWarning(SendWarnings.NoInput);
            }

            if (Run!.Plan != null)
            {
                ShouldProcess(Run.Plan.ToString() + _guards!.Units.PlanNote() + _balance!.PlanNote, SendAtBinding.Action("Send SMS", _schedule));
                WarnAboutGuards();
                Writer!.WriteHeldError();
                return;
            }

            Exception? fatal = Run.Finish();
            _progress!.Complete();
            if (fatal != null)
            {
                ThrowFatal(fatal);
            }

            if (Writer!.Skipped > 0)
            {
                WriteWarning(SendWarnings.JournalSkips(Writer.Skipped, JournalPath));
            }

            WarnAboutGuards();
            Writer.WriteHeldError();
        }

        private void WarnAboutGuards()
        {
            foreach (string warning in _guards!.Warnings())
            {
                WriteWarning(warning);
            }

            if (_guards.Excluded > 0)
            {
                WriteVerbose($"{_guards.Excluded:N0} recipient(s) were not sent because -ExcludePhone lists them (Status Skipped, {SendErrorIds.Excluded}).");
            }
        }
    }
}
