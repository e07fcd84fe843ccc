using System.Collections.Concurrent;
using System.Net;
using CloudRebue.Core.Receipts;
using Xunit;
using static CloudRebue.Core.Tests.Receipts.RunningListener;

namespace CloudRebue.Core.Tests.Receipts;

/// <summary>Receipts are joined to the send journal by the consumer as it takes them, never by the request that brought them.</summary>
public class ReceiptJoinTests
{
    private sealed class CountingJournal : IReceiptCorrelator
    {
        public readonly ConcurrentQueue<int> Threads = new();

        public string? Problem => null;

        public SentMessage? FindSent(string? correlator, string uniqueId)
        {
            Threads.Enqueue(Environment.CurrentManagedThreadId);
            return correlator == "7" ? new SentMessage("ACME", "Your invoice is ready", "row 7") : null;
        }
    }

    private sealed class ThrowingJournal : IReceiptCorrelator
    {
        public int Calls;

        public string? Problem => null;

        public SentMessage? FindSent(string? correlator, string uniqueId)
        {
            Interlocked.Increment(ref Calls);
            throw new FileLoadException("Could not load System.Text.Json, Version=99.0.0.0");
        }
    }

    [Fact]
    public async Task EachReceiptIsJoinedOnceByTheThreadThatTakesItAfterDuplicatesAreDropped()
    {
        var journal = new CountingJournal();
        using var run = Start(correlator: journal);

        // The same receipt again (the provider missed our 200), then twice in one body.
        Assert.Equal(HttpStatusCode.OK, (await run.PostAsync(Json("u-1", correlator: "7"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await run.PostAsync(Json("u-1", correlator: "7"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await run.PostAsync("[" + Json("u-1", correlator: "7") + "," + Json("u-1", correlator: "7") + "]")).StatusCode);
        Assert.Empty(journal.Threads);

        int consumer = Environment.CurrentManagedThreadId;
        var receipt = Assert.Single(run.TakeAll());

        Assert.Equal("ACME", receipt.Sender);
        Assert.Equal("Your invoice is ready", receipt.Message);
        Assert.Equal("row 7", receipt.InputObject);
        Assert.Equal(new[] { consumer }, journal.Threads);
        Assert.Null(run.Listener.JoinProblem);
    }

    [Fact]
    public async Task ACorrelatorThatThrowsLeavesReceiptsUnjoinedAndTheListenerListening()
    {
        var journal = new ThrowingJournal();
        using var run = Start(correlator: journal);

        Assert.Equal(HttpStatusCode.OK, (await run.PostAsync(Json("a", correlator: "7"))).StatusCode);
        var first = Assert.Single(run.TakeAll());
        Assert.Equal("a", first.UniqueId);
        Assert.Null(first.Sender);
        Assert.Null(first.InputObject);
        Assert.Contains("System.IO.FileLoadException: Could not load System.Text.Json", run.Listener.JoinProblem);

        // Not a failure of the listener: requests are still answered 200 and nothing is reported as an error.
        Assert.Equal(HttpStatusCode.OK, (await run.PostAsync(Json("b", correlator: "7"))).StatusCode);
        Assert.Equal("b", Assert.Single(run.TakeAll()).UniqueId);
        Assert.Equal(0, run.Listener.Statistics.Failures);
        Assert.False(run.Listener.TryTakeFailure(out _));

        // It probably throws every time: asked once, not once per receipt.
        Assert.Equal(1, journal.Calls);
    }
}
