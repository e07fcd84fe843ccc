using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.IO;
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
    public sealed class SendRebueSmsCommand : RebueApiCmdlet
    {
        private readonly List<OutgoingMessage> _messages = new List<OutgoingMessage>();
        private readonly List<SendResult> _invalid = new List<SendResult>();
        private SendRowReader? _reader;
        private SmsSendEngine? _engine;
        private SendPlan? _plan;
        private SendProgress? _progress;
        private SendJournalGate? _gate;
        private SendJournalSession? _journal;
        private CloudRebueConnection? _connection;
        private bool _confirmed;
        private bool _declined;
        private long _row;

        /// <summary>Recipients: one number, several in one cell (comma or semicolon), or an array.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("To", "PhoneNumber", "Mobile", "MSISDN", "Number", "Recipient")]
        [AllowNull]
        [AllowEmptyString]
        [AllowEmptyCollection]
        public string[]? Phone { get; set; }

        /// <summary>The text. Given on the command line it applies to every row.</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("Text", "Body")]
        [AllowNull]
        [AllowEmptyString]
        public string? Message { get; set; }

        /// <summary>The sender ID; the connection's default sender when omitted.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("SenderId", "From")]
        [ArgumentCompleter(typeof(SenderCompleter))]
        [AllowNull]
        [AllowEmptyString]
        public string? Sender { get; set; }

        /// <summary>Your id for the message, echoed in results and delivery receipts; generated when omitted.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "Reference")]
        [AllowNull]
        [AllowEmptyString]
        public string? Correlator { get; set; }

        /// <summary>The link id of an originating message, for on-demand services.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("link_id")]
        [AllowNull]
        [AllowEmptyString]
        public string? LinkId { get; set; }

        /// <summary>The URL that receives each message's delivery receipt.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("DeliveryEndpoint", "delivery_endpoint")]
        [AllowNull]
        [AllowEmptyString]
        public string? Endpoint { get; set; }

        /// <summary>The pipeline row itself; handed back on each result. A plain string or number is taken as the phone.</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public PSObject? InputObject { get; set; }

        /// <summary>Messages per request, 1 to 100.</summary>
        [Parameter]
        [ValidateRange(1, SendEngineOptions.MaxBatchSize)]
        public int BatchSize { get; set; } = SendEngineOptions.MaxBatchSize;

        /// <summary>Requests in flight at once.</summary>
        [Parameter]
        [ValidateRange(1, SendEngineOptions.MaxThrottleLimit)]
        public int ThrottleLimit { get; set; } = 32;

        /// <summary>Requests started per second at most: 120 (the API's limit) or lower.</summary>
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

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            _connection = RequireConnection();
            _reader = new SendRowReader();
            _progress = new SendProgress(this, MyInvocation.BoundParameters.ContainsKey(nameof(Phone)) && Phone != null && !MyInvocation.ExpectingInput ? Phone.Length : (long?)null);
            bool whatIf = IsWhatIf();
            if (whatIf)
            {
                _plan = new SendPlan(BatchSize);
            }

            if (JournalPath != null)
            {
                OpenJournal(GetUnresolvedProviderPathFromPSPath(JournalPath), !whatIf);
            }
        }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            if (_declined)
            {
                return;
            }

            if (_engine?.FatalError != null)
            {
                FinishAndThrowFatal();
            }

            _row++;
            var row = new SendRow
            {
                Phone = PhoneText(),
                Message = Message,
                Sender = string.IsNullOrWhiteSpace(Sender) ? _connection!.DefaultSender : Sender,
                Correlator = Correlator,
                LinkId = LinkId,
                Endpoint = Endpoint,
                InputObject = InputObject?.BaseObject is string || InputObject?.BaseObject is ValueType ? null : InputObject,
                Row = _row,
            };

            _messages.Clear();
            _invalid.Clear();
            _reader!.Read(row, _messages, _invalid);
            foreach (SendResult invalid in _invalid)
            {
                _plan?.AddInvalid();
                WriteResult(invalid);
            }

            foreach (OutgoingMessage message in _messages)
            {
                SendResult? instead = _gate?.Check(message, DateTimeOffset.UtcNow);
                if (instead != null)
                {
                    WriteResult(instead);
                    continue;
                }

                Enqueue(message);
            }

            DrainResults();
            _progress!.Update(_row, _engine);
        }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            if (_plan != null)
            {
                ShouldProcess(_plan.ToString(), "Send SMS");
                return;
            }

            if (_engine == null)
            {
                return; // nothing valid came in (or the user declined): every row was already answered
            }

            _engine.Complete();
            WaitUntilFinished();
            _progress!.Complete();
            SendEngineStats stats = _engine.Snapshot();
            WriteVerbose($"Sent {stats.Completed:N0} recipient(s) in {stats.BatchesStarted:N0} batch(es) and {stats.Requests:N0} request(s) ({stats.Retries:N0} retried) in {stats.Elapsed.TotalSeconds:N1} s: {stats.MessagesPerSecond:N0} messages/s; {stats.Queued:N0} queued.");
            if (_engine.FatalError != null)
            {
                FinishAndThrowFatal();
            }
        }

        /// <inheritdoc />
        protected override void StopProcessing()
        {
            _engine?.Cancel();
            base.StopProcessing();
        }

        /// <inheritdoc />
        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _engine?.Dispose();
                _journal?.Dispose();
            }

            base.Dispose(disposing);
        }

        private void Enqueue(OutgoingMessage message)
        {
            if (_plan != null)
            {
                _plan.Add(message);
                return;
            }

            // -Confirm asks once per run, at the first message that would cost money.
            if (!_confirmed)
            {
                if (!ShouldProcess("the recipients of this command", "Send SMS"))
                {
                    _declined = true;
                    return;
                }

                _confirmed = true;
                var options = new SendEngineOptions { BatchSize = BatchSize, ThrottleLimit = ThrottleLimit, RequestsPerSecond = RequestsPerSecond };
                int? loopbackPace = LoopbackPaceOverride.Read(_connection!.BaseUri);
                if (loopbackPace != null)
                {
                    WriteVerbose($"{LoopbackPaceOverride.Variable} paces this send to a local simulator at {loopbackPace} requests/s.");
                    options.RequestsPerSecond = loopbackPace.Value;
                    options.AboveApiLimitForLoopback = true;
                }

                _engine = new SmsSendEngine(_connection.Client, options, _journal?.Writer, null, StopToken);
            }

            // Hold input back while enough batches wait; keep writing results meanwhile so memory stays flat.
            while (!_engine!.CanAccept)
            {
                DrainResults();
                _progress!.Update(_row, _engine);
                _engine.WaitForProgress(TimeSpan.FromMilliseconds(100));
                if (StopToken.IsCancellationRequested)
                {
                    throw new PipelineStoppedException();
                }
            }

            _engine.Add(message);
        }

        private void OpenJournal(string path, bool forWriting)
        {
            try
            {
                _journal = SendJournalSession.Open(path, new JournalOwner(_connection!.BaseUri.ToString(), _connection.Account), forWriting, InputRowDescriber.Describe);
            }
            catch (JournalLockedException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.JournalInUse, ErrorCategory.ResourceBusy, path));
            }
            catch (JournalOwnerMismatchException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.JournalOwnerMismatch, ErrorCategory.InvalidArgument, path));
            }
            catch (JournalCorruptException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.JournalCorrupt, ErrorCategory.InvalidData, path));
            }
            catch (JournalWriteException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.JournalWriteFailed, ErrorCategory.WriteError, path));
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                ThrowTerminatingError(ErrorRecords.Create($"Cannot open the send journal '{path}': {ex.Message} Check the path and that you may write there.", ErrorIds.JournalUnavailable, ErrorCategory.OpenError, path, ex));
            }

            JournalIndex index = _journal!.Index;
            foreach (string warning in index.Warnings)
            {
                WriteWarning(warning);
            }

            if (index.Count > 0)
            {
                WriteVerbose($"The journal knows {index.Count:N0} recipient(s) from earlier runs.");
            }

            _gate = new SendJournalGate(index, ResendUnknown);
        }

        private void WaitUntilFinished() =>
            _engine!.DrainUntilFinished(WriteResult, () => _progress!.Update(_row, _engine), () => StopToken.IsCancellationRequested, TimeSpan.FromMilliseconds(250));

        private void DrainResults()
        {
            if (_engine == null)
            {
                return;
            }

            while (_engine.TryTakeResult(out SendResult result))
            {
                WriteResult(result);
            }
        }

        private void WriteResult(SendResult result)
        {
            WriteObject(result);
            if (result.ErrorId != null)
            {
                WriteError(ErrorRecords.FromResult(result));
            }
        }

        private void FinishAndThrowFatal()
        {
            _engine!.Complete();
            WaitUntilFinished();
            Exception fatal = _engine.FatalError!;
            ThrowTerminatingError(
                fatal is CloudRebueApiException api ? ErrorRecords.FromApi(api, _connection!.BaseUri)
                : fatal is JournalWriteException journal ? new ErrorRecord(journal, ErrorIds.JournalWriteFailed, ErrorCategory.WriteError, journal.Path)
                : ErrorRecords.Create(fatal.Message, ErrorIds.ApiError, ErrorCategory.NotSpecified, null, fatal));
        }

        // -Phone binds from a column or the command line; a bare string or number piped in is the phone itself.
        private string? PhoneText()
        {
            if (Phone != null && Phone.Length > 0)
            {
                return Phone.Length == 1 ? Phone[0] : string.Join(",", Phone);
            }

            object? value = InputObject?.BaseObject;
            return value is string || value is ValueType ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) : null;
        }

        private bool IsWhatIf()
        {
            if (MyInvocation.BoundParameters.TryGetValue("WhatIf", out object? value))
            {
                return value is SwitchParameter sw ? sw.IsPresent : value is bool b && b;
            }

            object? preference = GetVariableValue("WhatIfPreference");
            return preference is SwitchParameter p ? p.IsPresent : LanguagePrimitives.IsTrue(preference);
        }
    }
}
