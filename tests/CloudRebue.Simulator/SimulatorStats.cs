using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace CloudRebue.Simulator;

/// <summary>
/// What the simulator saw, for GET /_sim/stats. Counters are Interlocked and the per-status table
/// is keyed by int, so counting a request allocates nothing on the hot path.
/// </summary>
internal sealed class SimulatorStats
{
    /// <summary>Pseudo-status for a connection the simulator aborted on purpose (reset faults).</summary>
    public const int Reset = -1;

    /// <summary>Pseudo-status for a request the client abandoned before the answer (e.g. a slow fault).</summary>
    public const int Aborted = -2;

    private readonly ConcurrentDictionary<int, StrongBox<long>> _byStatus = new();
    private readonly ConcurrentDictionary<FaultKind, StrongBox<long>> _faults = new();
    private readonly SlidingWindowCounter _arrivals;
    private readonly GcActivity _gc = new();
    private long _sendRequests;
    private long _acceptedMessages;
    private long _duplicates;
    private long _rejectedMessages;
    private long _maxItemsInRequest;
    private long _jitteredRequests;
    private long _jitterTicks;
    private long _maxJitterTicks;
    private long _receiptsSent;
    private long _receiptsFailed;
    private long _receiptsSkipped;

    public SimulatorStats(TimeProvider time)
    {
        _arrivals = new SlidingWindowCounter(time, TimeSpan.FromSeconds(1));
    }

    /// <summary>Every send-sms request, whatever its answer, counts here and in the window maximum.</summary>
    public void SendRequestArrived()
    {
        Interlocked.Increment(ref _sendRequests);
        _arrivals.Record();
    }

    public void Responded(int status) => Interlocked.Increment(ref _byStatus.GetOrAdd(status, static _ => new StrongBox<long>()).Value);

    public void FaultInjected(FaultKind kind) => Interlocked.Increment(ref _faults.GetOrAdd(kind, static _ => new StrongBox<long>()).Value);

    public void ItemsInRequest(int count) => RaiseTo(ref _maxItemsInRequest, count);

    /// <summary>A request held back by arrival jitter (--jitter-p99-ms) for <paramref name="delay"/>.</summary>
    public void JitterApplied(TimeSpan delay)
    {
        Interlocked.Increment(ref _jitteredRequests);
        Interlocked.Add(ref _jitterTicks, delay.Ticks);
        RaiseTo(ref _maxJitterTicks, delay.Ticks);
    }

    public void MessageAccepted(bool duplicate)
    {
        Interlocked.Increment(ref _acceptedMessages);
        if (duplicate) Interlocked.Increment(ref _duplicates);
    }

    public void MessageRejected() => Interlocked.Increment(ref _rejectedMessages);

    public void ReceiptSent() => Interlocked.Increment(ref _receiptsSent);

    public void ReceiptFailed() => Interlocked.Increment(ref _receiptsFailed);

    public void ReceiptSkipped() => Interlocked.Increment(ref _receiptsSkipped);

    public void Clear()
    {
        _byStatus.Clear();
        _faults.Clear();
        _arrivals.Clear();
        _gc.Reset();
        Interlocked.Exchange(ref _sendRequests, 0);
        Interlocked.Exchange(ref _acceptedMessages, 0);
        Interlocked.Exchange(ref _duplicates, 0);
        Interlocked.Exchange(ref _rejectedMessages, 0);
        Interlocked.Exchange(ref _maxItemsInRequest, 0);
        Interlocked.Exchange(ref _jitteredRequests, 0);
        Interlocked.Exchange(ref _jitterTicks, 0);
        Interlocked.Exchange(ref _maxJitterTicks, 0);
        Interlocked.Exchange(ref _receiptsSent, 0);
        Interlocked.Exchange(ref _receiptsFailed, 0);
        Interlocked.Exchange(ref _receiptsSkipped, 0);
    }

    public StatsSnapshot Snapshot()
    {
        var (gcCount, gcPause) = _gc.SinceReset();
        var requests = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (status, count) in _byStatus)
        {
            string key = status switch { Reset => "reset", Aborted => "aborted", _ => status.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            requests[key] = Interlocked.Read(ref count.Value);
        }

        var faults = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (kind, count) in _faults) faults[kind.ToName()] = Interlocked.Read(ref count.Value);

        return new StatsSnapshot
        {
            Requests = requests,
            SendRequests = Interlocked.Read(ref _sendRequests),
            AcceptedMessages = Interlocked.Read(ref _acceptedMessages),
            RejectedMessages = Interlocked.Read(ref _rejectedMessages),
            Duplicates = Interlocked.Read(ref _duplicates),
            MaxRequestsInAnyWindow = _arrivals.MaxInAnyWindow,
            MaxItemsInRequest = (int)Interlocked.Read(ref _maxItemsInRequest),
            JitteredRequests = Interlocked.Read(ref _jitteredRequests),
            JitterMilliseconds = TimeSpan.FromTicks(Interlocked.Read(ref _jitterTicks)).TotalMilliseconds,
            MaxJitterMilliseconds = TimeSpan.FromTicks(Interlocked.Read(ref _maxJitterTicks)).TotalMilliseconds,
            ReceiptsSent = Interlocked.Read(ref _receiptsSent),
            ReceiptsFailed = Interlocked.Read(ref _receiptsFailed),
            ReceiptsSkipped = Interlocked.Read(ref _receiptsSkipped),
            GcCount = gcCount,
            GcPauseMilliseconds = gcPause.TotalMilliseconds,
            Faults = faults,
        };
    }

    /// <summary>Raises <paramref name="max"/> to <paramref name="value"/> if it is larger, without a lock.</summary>
    private static void RaiseTo(ref long max, long value)
    {
        long seen = Interlocked.Read(ref max);
        while (value > seen)
        {
            long before = Interlocked.CompareExchange(ref max, value, seen);
            if (before == seen) return;
            seen = before;
        }
    }
}

/// <summary>The JSON of GET /_sim/stats.</summary>
internal sealed class StatsSnapshot
{
    /// <summary>API requests by HTTP status ("200", "401", "429", ...; "reset" and "aborted" for dropped connections).</summary>
    public required SortedDictionary<string, long> Requests { get; init; }
    public long SendRequests { get; init; }
    public long AcceptedMessages { get; init; }
    public long RejectedMessages { get; init; }
    public long Duplicates { get; init; }
    public int MaxRequestsInAnyWindow { get; init; }
    public int MaxItemsInRequest { get; init; }
    public long ReceiptsSent { get; init; }
    public long ReceiptsFailed { get; init; }
    public long ReceiptsSkipped { get; init; }

    /// <summary>send-sms and voice-sms requests held back by arrival jitter (--jitter-p99-ms).</summary>
    public long JitteredRequests { get; init; }

    /// <summary>The jitter those requests were held for, in total, in milliseconds.</summary>
    public double JitterMilliseconds { get; init; }

    /// <summary>The longest jitter any one request was held for, in milliseconds.</summary>
    public double MaxJitterMilliseconds { get; init; }

    /// <summary>The simulator's own garbage collections (any generation) since start-up or the last reset.</summary>
    public int GcCount { get; init; }

    /// <summary>Total time those collections paused the simulator, in milliseconds.</summary>
    public double GcPauseMilliseconds { get; init; }

    /// <summary>Injected faults by kind.</summary>
    public required SortedDictionary<string, long> Faults { get; init; }
}
