using System;
using System.Collections.Generic;
using System.Linq;
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
        private SendSchedule? _schedule;
        private DateTimeOffset? _sendAt;
        private bool _confirmed;
        private bool _declined;
        private long _row;
        private bool _stopOnError;
        private ErrorRecord? _heldError;
        private long _queued;
        private long _skippedByJournal;
        private bool _noPhoneColumnReported;

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

        /// <summary>When the provider sends (RebueText's time_to_send, East Africa Time, whole minutes); refused on brands that do not document it.</summary>
        [Parameter]
        public DateTimeOffset SendAt
        {
            get => _sendAt ?? default;
            set => _sendAt = value;
        }

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
            _schedule = SendAtBinding.Check(this, _sendAt, _connection);
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
            else if (ResendUnknown)
            {
                WriteWarning("-ResendUnknown has no effect without -JournalPath: only a journal knows what an earlier run left Unknown.");
            }

            if (Message != null) // in BeginProcessing only what the command line gave is bound
            {
                WarnAboutPlaceholders(Message);
            }

            _stopOnError = StopsAtFirstError();
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

            // A row piped in is read by its columns; a -Phone array gives each number its own position.
            object? source = InputObject?.BaseObject is string || InputObject?.BaseObject is ValueType ? null : InputObject;
            if (Phone != null && Phone.Length > 1)
            {
                foreach (string phone in Phone)
                {
                    ReadRow(phone, source);
                }
            }
            else
            {
                ReadRow(PhoneText(source), source);
            }

            DrainResults();
            _progress!.Update(_row, _engine);
            if (_heldError != null)
            {
                StopAfterSendingWhatWasRead();
            }
        }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            if (_row == 0)
            {
                WriteWarning("Send-RebueSms received no input, so nothing was sent. Check that the file or command feeding it produced rows (for example: (Import-Csv .\\customers.csv).Count).");
            }

            if (_plan != null)
            {
                ShouldProcess(_plan.ToString(), SendAtBinding.Action("Send SMS", _schedule));
                WriteHeldError();
                return;
            }

            if (_engine == null)
            {
                // Nothing valid came in (or the user declined): every row was already answered.
                WarnAboutJournalSkips();
                WriteHeldError();
                return;
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

            WarnAboutJournalSkips();
            WriteHeldError();
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

        private void ReadRow(string? phone, object? source)
        {
            _row++;
            var row = new SendRow
            {
                Phone = phone,
                Message = Message ?? InputColumns.Find(source, InputColumns.Message),
                Sender = FirstNonBlank(Sender, InputColumns.Find(source, InputColumns.Sender), _connection!.DefaultSender),
                Correlator = Correlator ?? InputColumns.Find(source, InputColumns.Correlator),
                LinkId = LinkId ?? InputColumns.Find(source, InputColumns.LinkId),
                Endpoint = Endpoint ?? InputColumns.Find(source, InputColumns.Endpoint),
                SendAt = _schedule?.At,
                InputObject = source,
                Row = _row,
            };

            if (string.IsNullOrWhiteSpace(phone) && source != null && InputColumns.Find(source, InputColumns.Phone) == null)
            {
                WriteResult(NoPhoneColumn(row, source));
                return;
            }

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
                SendResult? instead = _gate?.Check(message, DateTimeOffset.Now);
                if (instead != null)
                {
                    if (instead.Status == SendStatus.Skipped)
                    {
                        _skippedByJournal++;
                    }

                    WriteResult(instead);
                    continue;
                }

                Enqueue(message);
            }
        }

        // A row with none of the phone columns: say once per run which columns it has (the usual causes are
        // a header Send-RebueSms does not know and a file read with the wrong delimiter); every such row is
        // still reported Invalid with the same id.
        private SendResult NoPhoneColumn(SendRow row, object source)
        {
            IReadOnlyList<string> names = InputColumns.Names(source);
            string found = names.Count == 0 ? "none" : string.Join(", ", names.Take(20).Select(n => "'" + n + "'"));
            string hint = names.Count == 1 && names[0].IndexOf(';') >= 0
                ? " It looks like a semicolon-separated file read as one column: read it with Import-Csv -Delimiter ';'."
                : $" Rename the column that holds the numbers to one of: {InputColumns.PhoneNamesForPeople}; or pass -Phone.";
            _plan?.AddInvalid();
            return new SendResult
            {
                Status = SendStatus.Invalid,
                ErrorId = SendErrorIds.NoPhoneColumn,
                Error = $"Row {row.Row} has no phone number column (its columns: {found}).{hint}",
                Message = row.Message,
                Sender = row.Sender,
                Correlator = row.Correlator,
                Row = row.Row,
                InputObject = source,
                CompletedAt = DateTimeOffset.Now,
            };
        }

        private void Enqueue(OutgoingMessage message)
        {
            if (_declined)
            {
                return;
            }

            if (_plan != null)
            {
                // -WhatIf: one preview per recipient, so the plan can be kept (Export-Csv) and reviewed.
                _plan.Add(message);
                SendResult preview = SendResult.For(message, SendStatus.WouldSend, DateTimeOffset.Now);
                preview.SmsUnits = message.Units;
                WriteResult(preview);
                return;
            }

            // -Confirm asks once per run, at the first message that would cost money.
            if (!_confirmed)
            {
                if (!ShouldProcess("the recipients of this command", SendAtBinding.Action("Send SMS", _schedule)))
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

                _engine = new SmsSendEngine(_connection.Client, options, _journal?.Writer, StopToken);
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

        private void WaitUntilFinished()
        {
            _engine!.DrainUntilFinished(WriteResult, () => { DrainNotices(); _progress!.Update(_row, _engine); }, () => StopToken.IsCancellationRequested, TimeSpan.FromMilliseconds(250));
            DrainNotices();
        }

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

            DrainNotices();
        }

        private void DrainNotices()
        {
            while (_engine!.TryTakeNotice(out string notice))
            {
                WriteVerbose(notice);
            }
        }

        private void WriteResult(SendResult result)
        {
            WriteObject(result);
            if (result.Status == SendStatus.Queued)
            {
                _queued++;
            }

            if (result.ErrorId == null || (result.ErrorId == SendErrorIds.NoPhoneColumn && _noPhoneColumnReported))
            {
                return;
            }

            _noPhoneColumnReported |= result.ErrorId == SendErrorIds.NoPhoneColumn;
            ErrorRecord record = ErrorRecords.FromResult(result);
            if (_stopOnError)
            {
                // Under -ErrorAction Stop the first error would end the command at once, before the valid
                // recipients already read went out: an alert must still reach every phone it can.
                _heldError ??= record;
                return;
            }

            WriteError(record);
        }

        // -ErrorAction Stop: send what was read so far, then stop on the first error, saying how many went out.
        private void StopAfterSendingWhatWasRead()
        {
            if (_engine != null)
            {
                _engine.Complete();
                WaitUntilFinished();
            }

            WriteHeldError();
        }

        private void WriteHeldError()
        {
            if (_heldError == null)
            {
                return;
            }

            ErrorRecord held = _heldError;
            _heldError = null;
            if (_stopOnError)
            {
                held.ErrorDetails = new ErrorDetails($"{held.Exception.Message} The command stopped here (-ErrorAction Stop) after sending the valid recipients it had read: {_queued:N0} queued.");
            }

            WriteError(held);
        }

        private void WarnAboutJournalSkips()
        {
            if (_skippedByJournal > 0)
            {
                WriteWarning($"{_skippedByJournal:N0} recipient(s) were not sent because the journal '{JournalPath}' shows an earlier run queued them (Status Skipped). A journal belongs to one campaign: to send the same text again, for example a repeated alert, use a new -JournalPath or none.");
            }
        }

        // Portal habit: "Dear {Name}" looks like a mail-merge field, but the text is sent exactly as typed.
        private void WarnAboutPlaceholders(string text)
        {
            System.Text.RegularExpressions.Match field = System.Text.RegularExpressions.Regex.Match(text, @"\{[^{}\r\n]{1,64}\}");
            if (field.Success)
            {
                WriteWarning($"-Message contains {field.Value}, which is sent exactly as typed: Send-RebueSms does not fill placeholders from columns. Build each row's text first (for example with ForEach-Object) and pipe rows with a Message column.");
            }
        }

        private bool StopsAtFirstError()
        {
            object? value = MyInvocation.BoundParameters.TryGetValue("ErrorAction", out object? bound) ? bound : GetVariableValue("ErrorActionPreference");
            try
            {
                return value != null && (ActionPreference)LanguagePrimitives.ConvertTo(value, typeof(ActionPreference), System.Globalization.CultureInfo.InvariantCulture) == ActionPreference.Stop;
            }
            catch (PSInvalidCastException)
            {
                return false;
            }
        }

        private static string? FirstNonBlank(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

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

        // -Phone binds from a column or the command line; a bare string or number piped in is the phone itself;
        // a row whose phone column PowerShell could not bind ("Mobile No", a hashtable key) is read by name.
        private string? PhoneText(object? source)
        {
            if (Phone != null && Phone.Length > 0)
            {
                return Phone[0];
            }

            object? value = InputObject?.BaseObject;
            return value is string || value is ValueType
                ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)
                : InputColumns.Find(source, InputColumns.Phone);
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
