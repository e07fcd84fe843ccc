using System;
using System.Collections.Generic;
using System.Threading;
using System.Runtime.CompilerServices;

namespace CloudRebue.Core.Sending
{
    /// <summary>
    /// One send, owned by the engine: rows go in (<see cref="Add(SendRow)"/>), every recipient's result
    /// comes out through an <see cref="ISendRunOutput"/>, <see cref="Stop"/> is Ctrl+C, and
    /// <see cref="Finish"/> waits for the last answer and says whether the run had to stop.
    /// Each row is validated and expanded to its recipients, each recipient passes the filters (the
    /// journal of an earlier run), then is previewed (-WhatIf) or confirmed once and sent in batches,
    /// paced and retried, while input is still arriving. Input is held back while enough batches wait,
    /// and results are written meanwhile, so memory stays flat.
    /// Threading: Add and Finish are called by one thread (the pipeline thread), and the output is
    /// called only from inside them.
    /// </summary>
    internal sealed class SendRun : IDisposable
    {
        private readonly ISmsBatchTransport _transport;
        private readonly SendRunOptions _options;
        private readonly ISendRunOutput _output;
        private readonly TimeProvider _time;
        private readonly CancellationTokenSource _stop;
        private readonly SendRowValidator _validator;
        private readonly List<OutgoingMessage> _messages = new List<OutgoingMessage>();
        private readonly List<SendResult> _invalid = new List<SendResult>();
        private SmsSendEngine? _engine;
        private bool _declined;
        private bool _totalsTold;

        // The cmdlets call this overload: its signature names no TimeProvider, a dependency type on netstandard
        // (Microsoft.Bcl.TimeProvider) that must not cross into the cmdlet assembly (docs/ARCHITECTURE.md, "Loading beside other modules").

        /// <summary>A run on the system clock.</summary>
        /// <param name="transport">Sends one batch as one request.</param>
        /// <param name="options">What the run does; validated here.</param>
        /// <param name="output">Receives results, notices and the moments the run waits.</param>
        /// <param name="cancellationToken">Ctrl+C: the same as <see cref="Stop"/>.</param>
        public SendRun(ISmsBatchTransport transport, SendRunOptions options, ISendRunOutput output, CancellationToken cancellationToken = default)
            : this(transport, options, output, null, cancellationToken)
        {
        }

        internal SendRun(ISmsBatchTransport transport, SendRunOptions options, ISendRunOutput output, TimeProvider? timeProvider, CancellationToken cancellationToken = default)
        {
            _transport = transport ?? throw new ArgumentNullException(nameof(transport));
            _options = options ?? throw new ArgumentNullException(nameof(options));
            _output = output ?? throw new ArgumentNullException(nameof(output));
            _options.Engine.Validate();
            _time = timeProvider ?? TimeProvider.System;
            _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            _validator = new SendRowValidator(_time);
            Plan = options.Preview ? new SendPlan(options.Engine.BatchSize) : null;
        }

        /// <summary>What the run would send, counted without sending; set only with <see cref="SendRunOptions.Preview"/>.</summary>
        public SendPlan? Plan { get; }

        /// <summary>
        /// Set when the run cannot go on (the token was rejected, the journal cannot be written): nothing
        /// more is sent, what was not sent is reported NotSent, and the caller should <see cref="Finish"/>.
        /// </summary>
        public Exception? FatalError => _engine?.FatalError;

        /// <summary>True when every recipient handed to the engine has been answered (tests wait for it).</summary>
        internal bool IsFinished => _engine == null || _engine.IsFinished;

        /// <summary>Validates a row, answers what cannot be sent, and sends (or previews) the rest.</summary>
        [MethodImpl(HotPath.Compiled)]
        public void Add(SendRow row)
        {
            if (_declined)
            {
                return;
            }

            _messages.Clear();
            _invalid.Clear();
            _validator.Validate(row, _messages, _invalid);
            foreach (SendResult invalid in _invalid)
            {
                Plan?.AddInvalid();
                _output.Write(invalid);
            }

            foreach (OutgoingMessage message in _messages)
            {
                Add(message);
            }

            Flush();
        }

        /// <summary>Sends (or previews) one message already validated, unless a filter answers it first.</summary>
        [MethodImpl(HotPath.Compiled)]
        public void Add(OutgoingMessage message)
        {
            if (_declined || _stop.IsCancellationRequested)
            {
                return;
            }

            DateTimeOffset now = _time.GetLocalNow();
            foreach (IRecipientFilter filter in _options.Filters)
            {
                SendResult? instead = filter.Check(message, now);
                if (instead != null)
                {
                    _output.Write(instead);
                    return;
                }
            }

            if (Plan != null)
            {
                // -WhatIf: one preview per recipient, so the plan can be kept (Export-Csv) and reviewed.
                Plan.Add(message);
                SendResult preview = SendResult.For(message, SendStatus.WouldSend, now);
                preview.SmsUnits = message.Units;
                _output.Write(preview);
                return;
            }

            SmsSendEngine? engine = _engine ?? Start();
            if (engine == null)
            {
                return;
            }

            // Hold input back while enough batches wait; keep writing results meanwhile so memory stays flat.
            while (!engine.CanAccept)
            {
                Flush();
                _output.Waiting();
                engine.WaitForProgress(_options.HoldBackWait);
                if (_stop.IsCancellationRequested)
                {
                    return;
                }
            }

            engine.Add(message);
        }

        /// <summary>
        /// No more input: the last batch goes out, and every remaining result is written as soon as it is
        /// in (or until <see cref="Stop"/>). Returns why the run had to stop, or null.
        /// </summary>
        public Exception? Finish()
        {
            if (_engine == null)
            {
                return null;
            }

            _engine.Complete();

            // Results are written before asking whether the run is over: a result still waiting means it is
            // not, and asking first would sleep a whole wait after the last answer came back.
            while (true)
            {
                Flush();
                if (_engine.IsFinished || _stop.IsCancellationRequested)
                {
                    break;
                }

                _output.Waiting();
                _engine.WaitForProgress(_options.FinishWait);
            }

            TellTotals();
            return _engine.FatalError;
        }

        /// <summary>Ctrl+C: in-flight requests are cancelled, nothing more is started, and waits return.</summary>
        public void Stop() => _stop.Cancel();

        /// <summary>Counts so far; null before the first message was sent.</summary>
        public SendEngineStats? Snapshot() => _engine?.Snapshot();

        /// <inheritdoc />
        public void Dispose()
        {
            _engine?.Dispose();
            _stop.Dispose();
        }

        private SmsSendEngine? Start()
        {
            // -Confirm asks once per run, at the first message that would cost money.
            if (_options.Confirm != null && !_options.Confirm())
            {
                _declined = true;
                return null;
            }

            _engine = new SmsSendEngine(_transport, _options.Engine, _options.Journal, _time, _stop.Token);
            return _engine;
        }

        private void Flush()
        {
            if (_engine == null)
            {
                return;
            }

            while (_engine.TryTakeResult(out SendResult result))
            {
                _output.Write(result);
            }

            while (_engine.TryTakeNotice(out string notice))
            {
                _output.Notice(notice);
            }
        }

        private void TellTotals()
        {
            if (_totalsTold)
            {
                return;
            }

            _totalsTold = true;
            SendEngineStats stats = _engine!.Snapshot();
            _output.Notice($"Sent {stats.Completed:N0} recipient(s) in {stats.BatchesStarted:N0} batch(es) and {stats.Requests:N0} request(s) ({stats.Retries:N0} retried) in {stats.Elapsed.TotalSeconds:N1} s: {stats.MessagesPerSecond:N0} messages/s; {stats.Queued:N0} queued.");
        }
    }
}
