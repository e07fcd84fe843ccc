using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Management.Automation;
using CloudRebue.Core.Journal;
using CloudRebue.Core.Receipts;
using CloudRebue.PowerShell.Errors;
using CloudRebue.PowerShell.Receipts;
using CloudRebue.PowerShell.Session;

namespace CloudRebue.PowerShell.Cmdlets
{
    /// <summary>
    /// Start-RebueReceiptListener: listens for the provider's delivery receipts and writes each as a
    /// DeliveryReceipt, until Ctrl+C, -Count or -Timeout. The core receives on its own threads; this
    /// cmdlet only takes from its queue, so only the pipeline thread writes to the pipeline.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Start, "RebueReceiptListener", DefaultParameterSetName = PortSet)]
    [OutputType(typeof(DeliveryReceipt))]
    public sealed class StartRebueReceiptListenerCommand : CancellableCmdlet
    {
        private const string PortSet = "Port";
        private const string PrefixSet = "Prefix";

        // How long one take waits before the loop looks at the clock and the notices again.
        private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

        private ReceiptListener? _listener;

        /// <summary>The TCP port to listen on; 0 picks a free one (the verbose stream names it).</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PortSet)]
        [ValidateRange(0, 65535)]
        public int Port { get; set; }

        /// <summary>The address to listen on with -Port: + (every address, the default), * , 127.0.0.1, or a host name.</summary>
        [Parameter(ParameterSetName = PortSet)]
        [ValidateNotNullOrEmpty]
        public string ListenAddress { get; set; } = ListenerPrefix.AllAddresses;

        /// <summary>The full prefix, e.g. http://+:8080/ , instead of -Port and -ListenAddress.</summary>
        [Parameter(Mandatory = true, ParameterSetName = PrefixSet)]
        [ValidateNotNullOrEmpty]
        public string Prefix { get; set; } = string.Empty;

        /// <summary>The path the provider posts to; its last segment is the secret.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>Stop after writing this many receipts; no more than this many are acknowledged.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int Count { get; set; }

        /// <summary>Stop after this long; a number is seconds.</summary>
        [Parameter]
        [SecondsToTimeSpan]
        public TimeSpan Timeout { get; set; }

        /// <summary>Largest request body accepted, in bytes.</summary>
        [Parameter]
        [ValidateRange(256, 16 * 1024 * 1024)]
        public int MaxBodyBytes { get; set; } = ReceiptListenerOptions.DefaultMaxBodyBytes;

        /// <summary>Receipts that may wait to be written before requests are answered 503.</summary>
        [Parameter]
        [ValidateRange(1, 1000000)]
        public int QueueCapacity { get; set; } = ReceiptListenerOptions.DefaultQueueCapacity;

        /// <summary>Connections open at once; at the cap the one that has waited longest on its client is closed.</summary>
        [Parameter]
        [ValidateRange(1, 100000)]
        public int MaxConnections { get; set; } = ReceiptListenerOptions.DefaultMaxConnections;

        /// <summary>How long a connection may wait for a request to start; a number is seconds.</summary>
        [Parameter]
        [SecondsToTimeSpan]
        public TimeSpan IdleTimeout { get; set; } = ReceiptListenerOptions.DefaultIdleTimeout;

        /// <summary>How long a client may take to send a request's headers; a number is seconds.</summary>
        [Parameter]
        [SecondsToTimeSpan]
        public TimeSpan HeaderTimeout { get; set; } = ReceiptListenerOptions.DefaultHeaderTimeout;

        /// <summary>How long a client may take to send a request's body (and to read the answer); a number is seconds.</summary>
        [Parameter]
        [SecondsToTimeSpan]
        public TimeSpan BodyTimeout { get; set; } = ReceiptListenerOptions.DefaultBodyTimeout;

        /// <summary>The journal of Send-RebueSms -JournalPath: each receipt carries the Sender, Message and input row it reports on.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? JournalPath { get; set; }

        /// <summary>Stop once every recipient the journal records as Queued has a final receipt (needs -JournalPath).</summary>
        [Parameter]
        public SwitchParameter UntilComplete { get; set; }

        private JournalFollower? _journal;
        private DeliveryWait? _wait;
        private readonly ListenerFailureAlarm _failureAlarm = new ListenerFailureAlarm();

        private bool HasTimeout => MyInvocation.BoundParameters.ContainsKey(nameof(Timeout));

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            if (HasTimeout && Timeout <= TimeSpan.Zero)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new ArgumentOutOfRangeException(nameof(Timeout), Timeout, "-Timeout must be positive: a number of seconds, or a TimeSpan such as 00:05:00."),
                    ErrorIds.ListenerInvalidArgument,
                    ErrorCategory.InvalidArgument,
                    Timeout));
            }

            if (UntilComplete && JournalPath == null)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new ArgumentException("-UntilComplete needs -JournalPath: the journal of the send says which recipients to wait for."),
                    "CloudRebue.ListenerInvalidArgument", ErrorCategory.InvalidArgument, null));
            }

            if (JournalPath != null)
            {
                // A journal that does not exist yet is fine: the send that writes it may start after us.
                _journal = new JournalFollower(GetUnresolvedProviderPathFromPSPath(JournalPath));
                _wait = UntilComplete ? new DeliveryWait(_journal) : null;
            }

            try
            {
                var options = new ReceiptListenerOptions
                {
                    Prefix = ParameterSetName == PrefixSet ? Prefix : ListenerPrefix.For(ListenAddress, Port).Value,
                    Path = Path,
                    MaxBodyBytes = MaxBodyBytes,
                    QueueCapacity = QueueCapacity,
                    MaxReceipts = Count > 0 ? Count : (long?)null,
                    MaxConnections = MaxConnections,
                    IdleTimeout = IdleTimeout,
                    HeaderTimeout = HeaderTimeout,
                    BodyTimeout = BodyTimeout,
                };
                _listener = _journal == null
                    ? new ReceiptListener(options)
                    : new ReceiptListener(options, _journal);
            }
            catch (ListenerAddressException ex)
            {
                ThrowInvalidAddress(ex);
            }
            catch (ArgumentException ex)
            {
                // The core's messages never repeat the path, so the secret stays out of the error.
                ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.ListenerInvalidArgument, ErrorCategory.InvalidArgument, null));
            }

            if (_listener!.Path.SecretLength < ReceiptPath.RecommendedSecretLength)
            {
                WriteWarning($"The last segment of -Path is the secret that authenticates the provider, and it has only {_listener.Path.SecretLength} characters. Use at least {ReceiptPath.RecommendedSecretLength} random ones, e.g. [guid]::NewGuid().ToString('N').");
            }

            try
            {
                _listener.Start();
            }
            catch (ReceiptListenerBindException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.ListenerBindFailed, ErrorCategory.ResourceUnavailable, ex.Prefix));
            }
            catch (ListenerAddressException ex)
            {
                ThrowInvalidAddress(ex);
            }

            WriteVerbose($"Listening for delivery receipts at {_listener.DisplayUrl} (queue {QueueCapacity}, body cap {MaxBodyBytes} bytes, "
                + $"at most {MaxConnections} connections; timeouts: idle {IdleTimeout.TotalSeconds} s, headers {HeaderTimeout.TotalSeconds} s, body {BodyTimeout.TotalSeconds} s).");
        }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            ReceiptListener listener = _listener!;
            Stopwatch clock = Stopwatch.StartNew();
            long written = 0;
            try
            {
                while ((Count == 0 || written < Count) && !(_wait?.IsComplete() ?? false))
                {
                    TimeSpan wait = PollInterval;
                    if (HasTimeout)
                    {
                        TimeSpan left = Timeout - clock.Elapsed;
                        if (left <= TimeSpan.Zero)
                        {
                            break;
                        }

                        wait = left < wait ? left : wait;
                    }

                    if (listener.TryTake(out DeliveryReceipt? receipt, wait, StopToken))
                    {
                        WriteReceipt(receipt!);
                        written++;
                    }

                    WriteNotices(listener);
                    WarnAboutWrongPaths(listener);
                    StopIfFailingEveryRequest(listener);
                }

                // An orderly end: refuse what comes next (503, so the provider retries elsewhere or
                // later), then write everything already acknowledged, so no 200 goes unreported.
                listener.CloseIntake();
                while (listener.TryTake(out DeliveryReceipt? receipt, TimeSpan.Zero, StopToken))
                {
                    WriteReceipt(receipt!);
                    written++;
                }
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: StopProcessing cancelled the take. Nothing may be written any more.
                return;
            }

            listener.Stop();
            WriteNotices(listener);
            ReportWait();
            WriteVerbose($"Stopped listening at {listener.DisplayUrl}: {written} receipts written; {listener.Statistics}.");
        }

        private void WriteReceipt(DeliveryReceipt receipt)
        {
            receipt = ReceiptRows.WithRestoredInput(receipt);
            _wait?.Record(receipt);

            // The listener joined the receipt as it was taken; a journal that cannot be read, or that threw, is said once.
            string? problem = _listener!.JoinProblem;
            if (problem != null && !_journalProblemShown)
            {
                _journalProblemShown = true;
                WriteWarning($"Receipts are no longer joined to the send journal: {PrintableText.Escape(problem)}");
            }

            WriteObject(receipt);
        }

        private bool _journalProblemShown;

        // -UntilComplete: say whether it ended because everyone has a final receipt, or who is still missing one.
        private void ReportWait()
        {
            if (_wait == null)
            {
                return;
            }

            int outstanding = _wait.Outstanding();
            if (outstanding == 0 && _wait.IsComplete(force: true))
            {
                WriteVerbose("Every recipient the journal records as queued has a final receipt.");
                return;
            }

            WriteWarning($"{outstanding} recipient(s) the journal records as queued have no final receipt yet (or the send is still running). "
                + $"To list them: pipe this listener's receipts to Get-RebueDeliveryReport -JournalPath '{JournalPath}' -Undelivered.");
        }

        /// <inheritdoc />
        protected override void StopProcessing()
        {
            base.StopProcessing();
            _listener?.Stop();
        }

        /// <summary>Releases the port however the pipeline ended (Ctrl+C, Select-Object -First, an error downstream).</summary>
        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _listener?.Dispose();
            }

            base.Dispose(disposing);
        }

        // Notices (refusals) are verbose; the listener's own failures are errors the user sees.
        private void WriteNotices(ReceiptListener listener)
        {
            while (listener.TryTakeNotice(out string? notice))
            {
                WriteVerbose(notice);
            }

            while (listener.TryTakeFailure(out string? failure))
            {
                string? report = _failureAlarm.Report(failure);
                if (report != null)
                {
                    WriteError(new ErrorRecord(new InvalidOperationException(report), ErrorIds.ListenerRequestFailed, ErrorCategory.InvalidOperation, null));
                }
            }
        }

        // A typo in Send-RebueSms -Endpoint sends every receipt to a path we answer 404: say so, at most once a
        // minute (scanners on the internet hit wrong paths too, and must not flood the warning stream).
        private void WarnAboutWrongPaths(ReceiptListener listener)
        {
            long wrong = listener.Statistics.Answered(404);
            if (wrong == _wrongPathsWarned || (_wrongPathWarning.IsRunning && _wrongPathWarning.Elapsed < WrongPathWarningInterval))
            {
                return;
            }

            WriteWarning($"{wrong - _wrongPathsWarned} request(s) came to a path other than the receipt path and were answered 404. If receipts are missing, check Send-RebueSms -Endpoint: it must end with this listener's path ({listener.Path.Masked}).");
            _wrongPathsWarned = wrong;
            _wrongPathWarning.Restart();
        }

        private static readonly TimeSpan WrongPathWarningInterval = TimeSpan.FromMinutes(1);
        private readonly Stopwatch _wrongPathWarning = new Stopwatch();
        private long _wrongPathsWarned;

        // A listener that fails every request only makes the provider retry for ever: stop, and say so.
        private void StopIfFailingEveryRequest(ReceiptListener listener)
        {
            long inARow = listener.Statistics.ConsecutiveFailures;
            if (!ListenerFailureAlarm.ShouldStop(inARow))
            {
                return;
            }

            listener.Stop();
            ThrowTerminatingError(new ErrorRecord(
                new InvalidOperationException($"The receipt listener failed the last {inARow} requests in a row (each answered 500) and stopped. "
                    + "The errors before this one say why; reinstall or update the module if an assembly failed to load, then start the listener again."),
                ErrorIds.ListenerFailing,
                ErrorCategory.InvalidOperation,
                null));
        }

        private void ThrowInvalidAddress(ListenerAddressException ex) =>
            ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.ListenerInvalidAddress, ErrorCategory.InvalidArgument, ex.Address));
    }
}
