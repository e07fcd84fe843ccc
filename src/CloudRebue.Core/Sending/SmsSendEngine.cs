using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using CloudRebue.Core.Api;
using Polly;
using System.Runtime.CompilerServices;

namespace CloudRebue.Core.Sending
{
    /// <summary>
    /// Streams messages into batches and sends them while input is still arriving: several requests in
    /// flight, each paced and retried, every recipient answered by exactly one <see cref="SendResult"/>.
    /// Driven by a <see cref="SendRun"/> only: <see cref="Add"/>, <see cref="Complete"/> and the result
    /// methods are called by one producer (the pipeline thread); batches run on the thread pool and hand
    /// results back through a queue, so the pipeline thread alone writes output.
    /// </summary>
    internal sealed class SmsSendEngine : IDisposable
    {
        private readonly ISmsBatchTransport _transport;
        private readonly SendEngineOptions _options;
        private readonly TimeProvider _time;
        private readonly RequestPacer _pacer;
        private readonly ResiliencePipeline<SendAttempt> _pipeline;
        private readonly ISendJournal _journal;
        private readonly CancellationTokenSource _cancel;
        private readonly ConcurrentQueue<SendResult> _results = new ConcurrentQueue<SendResult>();
        private readonly ConcurrentQueue<string> _notices = new ConcurrentQueue<string>();
        private readonly SemaphoreSlim _progress = new SemaphoreSlim(0);
        private readonly Queue<List<OutgoingMessage>> _ready = new Queue<List<OutgoingMessage>>();
        private readonly object _lock = new object();
        private readonly long _startedAt;
        private List<OutgoingMessage> _current;
        private int _inFlight;
        private int _awaitingSlot; // started batches still waiting for the pacer's first slot
        private bool _completed;
        private Exception? _fatal;
        private long _added;
        private long _batchesStarted;
        private long _requests;
        private long _retries;
        private long _done;
        private long _queued;

        internal SmsSendEngine(ISmsBatchTransport transport, SendEngineOptions options, ISendJournal? journal, TimeProvider time, CancellationToken cancellationToken)
        {
            _transport = transport ?? throw new ArgumentNullException(nameof(transport));
            _options = options ?? throw new ArgumentNullException(nameof(options));
            _options.Validate();
            _time = time;
            _journal = journal ?? NullSendJournal.Instance;
            _cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            _pacer = new RequestPacer(options.RequestsPerSecond, TimeSpan.FromSeconds(1), _time, options.PacingMargin);
            _pipeline = RetryPipelineFactory.Create(options, _time, NoteRetry);
            _current = new List<OutgoingMessage>(options.BatchSize);
            _startedAt = _time.GetTimestamp();
        }

        /// <summary>False while enough batches wait for a request slot: hold input back and drain results.</summary>
        public bool CanAccept
        {
            get
            {
                lock (_lock)
                {
                    return _fatal != null || _ready.Count < _options.MaxQueuedBatches;
                }
            }
        }

        /// <summary>
        /// Set when the run cannot go on (the token was rejected, the journal cannot be written): nothing more
        /// is started and what was not sent is reported NotSent. Requests already on the wire finish, so their
        /// recipients get the status the API gave them.
        /// </summary>
        public Exception? FatalError
        {
            get
            {
                lock (_lock)
                {
                    return _fatal;
                }
            }
        }

        /// <summary>True when input is complete and every recipient's result has been handed over.</summary>
        public bool IsFinished
        {
            get
            {
                lock (_lock)
                {
                    return _completed && _inFlight == 0 && _ready.Count == 0 && _current.Count == 0 && _results.IsEmpty;
                }
            }
        }

        [MethodImpl(HotPath.Compiled)]
        public void Add(OutgoingMessage message)
        {
            lock (_lock)
            {
                Interlocked.Increment(ref _added);
                _current.Add(message);
                if (_current.Count >= _options.BatchSize)
                {
                    _ready.Enqueue(_current);
                    _current = new List<OutgoingMessage>(_options.BatchSize);
                }

                PumpLocked();
            }
        }

        /// <summary>No more input: the last, partial batch goes out.</summary>
        public void Complete()
        {
            lock (_lock)
            {
                if (_current.Count > 0)
                {
                    _ready.Enqueue(_current);
                    _current = new List<OutgoingMessage>(0);
                }

                _completed = true;
                PumpLocked();
            }

            _progress.Release();
        }

        public bool TryTakeResult(out SendResult result) => _results.TryDequeue(out result!);

        /// <summary>A line for -Verbose about something the run did (a retry), for the pipeline thread to write.</summary>
        public bool TryTakeNotice(out string notice) => _notices.TryDequeue(out notice!);

        /// <summary>Blocks until a batch finishes or the timeout passes; returns at once when cancelled.</summary>
        public void WaitForProgress(TimeSpan timeout)
        {
            try
            {
                _progress.Wait(timeout, _cancel.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }

        public SendEngineStats Snapshot() => new SendEngineStats(
            Interlocked.Read(ref _added), Interlocked.Read(ref _batchesStarted), Interlocked.Read(ref _requests),
            Interlocked.Read(ref _retries), Interlocked.Read(ref _done), Interlocked.Read(ref _queued), _time.GetElapsedTime(_startedAt));

        public void Dispose()
        {
            _cancel.Cancel();
            _cancel.Dispose();
            _progress.Dispose();
        }

        private void PumpLocked()
        {
            if (_fatal != null)
            {
                while (_ready.Count > 0)
                {
                    Publish(NotSent(_ready.Dequeue()));
                }

                return;
            }

            // Only a few started batches wait for the pacer at once: a batch that can only wait holds its
            // rows in memory longer than a gen0 collection, and at the API's pace a queue of them was
            // promoted to gen2 row by row (figure 1 of the benchmark: a background GC thread took 15% of
            // the client's core). Input waits unread in the pipeline instead.
            while (_inFlight < _options.ThrottleLimit && _awaitingSlot < SendEngineOptions.MaxBatchesAwaitingSlot && _ready.Count > 0 && !_cancel.IsCancellationRequested)
            {
                List<OutgoingMessage> batch = _ready.Dequeue();
                _inFlight++;
                _awaitingSlot++;
                Interlocked.Increment(ref _batchesStarted);
                _ = Task.Run(() => RunBatchAsync(batch));
            }
        }

        private async Task RunBatchAsync(List<OutgoingMessage> batch)
        {
            IReadOnlyList<SendResult>? results = null;
            var awaitingSlot = new StrongBox<bool>(true);
            try
            {
                results = Record(() => _journal.RecordPending(batch)) ? await SendAsync(batch, awaitingSlot).ConfigureAwait(false) : NotSent(batch);
            }
            catch (OperationCanceledException) when (_cancel.IsCancellationRequested)
            {
                // Ctrl+C: the pipeline is stopping and nobody reads these results any more.
            }
            catch (Exception ex)
            {
                // Something unexpected after the request may have gone out: never guess that it did not.
                results = SendOutcomeMapper.Unexpected(batch, ex, _time.GetLocalNow());
            }
            finally
            {
                // Whatever happened, every recipient is handed over and the batch counts as done; a run
                // whose journal cannot record the outcome still reports it.
                try
                {
                    if (results != null)
                    {
                        Record(() => _journal.RecordFinal(results));
                        Publish(results);
                    }
                }
                finally
                {
                    lock (_lock)
                    {
                        _inFlight--;
                        LeaveSlotQueueLocked(awaitingSlot);
                        PumpLocked();
                    }

                    _progress.Release();
                }
            }
        }

        private async Task<IReadOnlyList<SendResult>> SendAsync(List<OutgoingMessage> batch, StrongBox<bool> awaitingSlot)
        {
            SendAttempt attempt = await _pipeline.ExecuteAsync(
                async (messages, token) =>
                {
                    PacerTicket ticket = await _pacer.WaitAsync(token).ConfigureAwait(false);
                    if (awaitingSlot.Value)
                    {
                        lock (_lock)
                        {
                            LeaveSlotQueueLocked(awaitingSlot);
                            PumpLocked();
                        }
                    }

                    Interlocked.Increment(ref _requests);
                    SendAttempt? answer = null;
                    try
                    {
                        answer = await _transport.SendBatchAsync(messages, () => _pacer.Written(ticket), token).ConfigureAwait(false);
                        return answer;
                    }
                    finally
                    {
                        _pacer.Complete(ticket, answer?.Failure == ApiFailureKind.RateLimited);
                    }
                },
                batch,
                _cancel.Token).ConfigureAwait(false);

            if (attempt.Failure == ApiFailureKind.TokenRejected)
            {
                Stop(new CloudRebueApiException(ApiFailureKind.TokenRejected, attempt.Detail, attempt.StatusCode));
            }

            return SendOutcomeMapper.Map(batch, attempt, _time.GetLocalNow());
        }

        // Once per batch, when it first gets a slot or ends without one.
        private void LeaveSlotQueueLocked(StrongBox<bool> awaitingSlot)
        {
            if (awaitingSlot.Value)
            {
                awaitingSlot.Value = false;
                _awaitingSlot--;
            }
        }

        // A journal that cannot record stops the run: sending what it cannot record would let a rerun send it
        // again. False when recording failed (the run is then stopping).
        private bool Record(Action write)
        {
            try
            {
                write();
                return true;
            }
            catch (Exception ex)
            {
                Stop(ex);
                return false;
            }
        }

        private void Stop(Exception reason)
        {
            lock (_lock)
            {
                _fatal ??= reason;
            }
        }

        // Runs on a batch's thread: counted here, told to the user by the pipeline thread. Bounded, so a
        // run that nobody drains cannot grow it without limit.
        private void NoteRetry(SendAttempt? failed, int attempt, TimeSpan wait)
        {
            Interlocked.Increment(ref _retries);
            if (_notices.Count < 1000)
            {
                _notices.Enqueue($"Retrying a batch (attempt {attempt + 1}) in {wait.TotalSeconds:0.###} s: {failed?.Detail ?? "the request failed before it was sent"}");
            }
        }

        private IReadOnlyList<SendResult> NotSent(List<OutgoingMessage> batch) =>
            SendOutcomeMapper.NotSent(batch, _fatal?.Message ?? "The run stopped.", _time.GetLocalNow());

        private void Publish(IReadOnlyList<SendResult> results)
        {
            foreach (SendResult result in results)
            {
                if (result.Status == SendStatus.Queued)
                {
                    Interlocked.Increment(ref _queued);
                }

                Interlocked.Increment(ref _done);
                _results.Enqueue(result);
            }
        }
    }
}
