using CloudRebue.Core.Api;
using CloudRebue.Core.Sending;
using CloudRebue.Core.Tests.Fakes;
using Xunit;

namespace CloudRebue.Core.Tests;

public class SmsSendEngineTests
{
    private static SendEngineOptions Fast(int batchSize = 100, int throttle = 4) => new()
    {
        BatchSize = batchSize,
        ThrottleLimit = throttle,
        RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        RetryMaxDelay = TimeSpan.FromMilliseconds(5),
    };

    /// <summary>Feeds messages the way the cmdlet does (respecting backpressure) and collects every result.</summary>
    private static List<SendResult> Run(SmsSendEngine engine, IEnumerable<OutgoingMessage> messages)
    {
        var results = new List<SendResult>();
        void Drain()
        {
            while (engine.TryTakeResult(out var r))
            {
                results.Add(r);
            }
        }

        foreach (var m in messages)
        {
            while (!engine.CanAccept)
            {
                Drain();
                engine.WaitForProgress(TimeSpan.FromMilliseconds(50));
            }

            engine.Add(m);
        }

        engine.Complete();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        engine.DrainUntilFinished(results.Add, () => { }, () => DateTime.UtcNow >= deadline, TimeSpan.FromMilliseconds(50));
        Assert.True(engine.IsFinished, "the engine did not finish");
        return results;
    }

    [Fact]
    public async Task DrainingReturnsAsSoonAsTheLastAnswerIsIn()
    {
        var answer = new TaskCompletionSource<SendAttempt>(TaskCreationOptions.RunContinuationsAsynchronously);
        var transport = new ScriptedTransport((_, _, _) => answer.Task);
        using var engine = new SmsSendEngine(transport, Fast());
        foreach (var m in TestMessages.Batch(3))
        {
            engine.Add(m);
        }

        engine.Complete();
        var written = new List<SendResult>();
        int waits = 0;

        // A wait far longer than the test allows: sleeping one whole wait after the last answer fails it.
        Task draining = Task.Run(() => engine.DrainUntilFinished(written.Add, () => Interlocked.Increment(ref waits), () => false, TimeSpan.FromMinutes(2)));
        await Eventually(() => transport.Calls == 1 && Volatile.Read(ref waits) > 0);
        answer.SetResult(ScriptedTransport.AcceptAll(TestMessages.Batch(3)));
        await draining.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(3, written.Count);
        Assert.True(engine.IsFinished);
    }

    [Fact]
    public async Task DrainingStopsWhenAskedWithAnswersOutstanding()
    {
        var transport = new ScriptedTransport((_, _, token) => Task.Delay(Timeout.Infinite, token).ContinueWith(_ => ScriptedTransport.AcceptAll(Array.Empty<OutgoingMessage>()), TaskScheduler.Default));
        using var engine = new SmsSendEngine(transport, Fast());
        engine.Add(TestMessages.Message(1));
        engine.Complete();
        bool stop = false;
        Task draining = Task.Run(() => engine.DrainUntilFinished(_ => { }, () => stop = true, () => stop, TimeSpan.FromMilliseconds(10)));
        await draining.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.False(engine.IsFinished);
    }

    private static async Task Eventually(Func<bool> condition)
    {
        for (int i = 0; i < 2000 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }

    [Fact]
    public void BatchesOfAtMostTheBatchSizeAndEveryRecipientAnsweredOnce()
    {
        var transport = new ScriptedTransport();
        using var engine = new SmsSendEngine(transport, Fast());
        var results = Run(engine, TestMessages.Batch(250));

        Assert.Equal(new[] { 50, 100, 100 }, transport.Requests.Select(b => b.Count).OrderBy(c => c));
        Assert.Equal(250, results.Count);
        Assert.Equal(Enumerable.Range(1, 250).Select(i => "c" + i).OrderBy(c => c), results.Select(r => r.Correlator).OrderBy(c => c));
        Assert.All(results, r => Assert.Equal(SendStatus.Queued, r.Status));
        Assert.All(results, r => Assert.Equal("u-" + r.Correlator, r.UniqueId));
    }

    [Fact]
    public void HonoursASmallerBatchSize()
    {
        var transport = new ScriptedTransport();
        using var engine = new SmsSendEngine(transport, Fast(batchSize: 7));
        Run(engine, TestMessages.Batch(20));
        Assert.Equal(new[] { 6, 7, 7 }, transport.Requests.Select(b => b.Count).OrderBy(c => c));
    }

    [Fact]
    public void NeverMoreRequestsInFlightThanTheThrottleLimit()
    {
        // The first three answers wait until the third request is in, so three are in flight at once
        // however the thread pool schedules them; a fourth could only start if the limit were broken.
        var threeIn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var transport = new ScriptedTransport(async (n, batch, ct) =>
        {
            if (n == 3)
            {
                threeIn.TrySetResult();
            }

            if (n <= 3)
            {
                await threeIn.Task.WaitAsync(ct);
            }

            await Task.Yield();
            return ScriptedTransport.AcceptAll(batch);
        });
        using var engine = new SmsSendEngine(transport, Fast(batchSize: 1, throttle: 3));
        var results = Run(engine, TestMessages.Batch(30));
        Assert.Equal(30, results.Count);
        Assert.Equal(3, transport.MaxInFlight);
    }

    [Fact]
    public void HoldsInputBackWhileBatchesWait()
    {
        var release = new TaskCompletionSource();
        var transport = new ScriptedTransport(async (_, batch, _) =>
        {
            await release.Task;
            return ScriptedTransport.AcceptAll(batch);
        });
        using var engine = new SmsSendEngine(transport, Fast(batchSize: 1, throttle: 2));
        int added = 0;
        while (engine.CanAccept && added < 1000)
        {
            engine.Add(TestMessages.Message(added++));
        }

        // 2 in flight + 4 waiting (2 x throttle) before input is held back.
        Assert.InRange(added, 5, 7);
        release.SetResult();
        var rest = Run(engine, Array.Empty<OutgoingMessage>());
        Assert.Equal(added, rest.Count);
    }

    [Fact]
    public void RetriesA429AndA503AndAnUnreachableHostThenQueues()
    {
        var transport = new ScriptedTransport((n, batch) => n switch
        {
            1 => SendAttempt.Failed(ApiFailureKind.RateLimited, "429", 429, TimeSpan.Zero),
            2 => SendAttempt.Failed(ApiFailureKind.Unavailable, "503", 503),
            3 => SendAttempt.Failed(ApiFailureKind.Unreachable, "refused"),
            _ => ScriptedTransport.AcceptAll(batch),
        });
        using var engine = new SmsSendEngine(transport, Fast());
        var results = Run(engine, TestMessages.Batch(10));
        Assert.Equal(4, transport.Calls);
        Assert.All(results, r => Assert.Equal(SendStatus.Queued, r.Status));
        Assert.Equal(3, engine.Snapshot().Retries);
    }

    [Theory]
    [InlineData(ApiFailureKind.Timeout)]
    [InlineData(ApiFailureKind.ConnectionLost)]
    [InlineData(ApiFailureKind.ServerError)]
    [InlineData(ApiFailureKind.UnreadableResponse)]
    public void AmbiguousOutcomesAreUnknownAndNeverResent(ApiFailureKind kind)
    {
        var transport = new ScriptedTransport((_, _) => SendAttempt.Failed(kind, "it broke"));
        using var engine = new SmsSendEngine(transport, Fast());
        var results = Run(engine, TestMessages.Batch(5));
        Assert.Equal(1, transport.Calls);
        Assert.Equal(5, results.Count);
        Assert.All(results, r =>
        {
            Assert.Equal(SendStatus.Unknown, r.Status);
            Assert.Equal(SendErrorIds.OutcomeUnknown, r.ErrorId);
            Assert.Contains("it broke", r.Error);
        });
    }

    [Fact]
    public void RetriesAreBoundedAndEndInFailedNotUnknown()
    {
        var transport = new ScriptedTransport((_, _) => SendAttempt.Failed(ApiFailureKind.Unavailable, "down", 503));
        var options = Fast();
        options.MaxRetries = 3;
        using var engine = new SmsSendEngine(transport, options);
        var results = Run(engine, TestMessages.Batch(2));
        Assert.Equal(4, transport.Calls);
        Assert.All(results, r =>
        {
            Assert.Equal(SendStatus.Failed, r.Status);
            Assert.Equal(SendErrorIds.SendFailed, r.ErrorId);
            Assert.Contains("safe to send again", r.Error);
        });
    }

    [Fact]
    public void ARefusedRequestFailsWithoutRetry()
    {
        var transport = new ScriptedTransport((_, _) => SendAttempt.Failed(ApiFailureKind.Refused, "422 The given data was invalid.", 422));
        using var engine = new SmsSendEngine(transport, Fast());
        var results = Run(engine, TestMessages.Batch(3));
        Assert.Equal(1, transport.Calls);
        Assert.All(results, r => Assert.Equal(SendStatus.Failed, r.Status));
    }

    [Fact]
    public void PartlyFailedBatchesReportEachItem()
    {
        var transport = new ScriptedTransport((_, batch) => SendAttempt.Answered(
            batch.Select((m, i) => new SendItemResult(i % 2 == 0, i % 2 == 0 ? "queued" : "Insufficient units", m.Correlator, "u" + i, m.Phone, null, 1, "b")).ToList(), 200));
        using var engine = new SmsSendEngine(transport, Fast());
        var results = Run(engine, TestMessages.Batch(4)).OrderBy(r => r.Row).ToList();
        Assert.Equal(new[] { SendStatus.Queued, SendStatus.Failed, SendStatus.Queued, SendStatus.Failed }, results.Select(r => r.Status));
        Assert.Equal(SendErrorIds.MessageRejected, results[1].ErrorId);
        Assert.Contains("Insufficient units", results[1].Error);
    }

    [Fact]
    public void ARejectedTokenStopsTheRunAndReportsWhatWasNotSent()
    {
        var transport = new ScriptedTransport(async (n, batch, ct) =>
        {
            await Task.Delay(5, ct);
            return n == 1 ? ScriptedTransport.AcceptAll(batch) : SendAttempt.Failed(ApiFailureKind.TokenRejected, "401 rejected", 401);
        });
        using var engine = new SmsSendEngine(transport, Fast(batchSize: 10, throttle: 1));
        var results = Run(engine, TestMessages.Batch(50));
        Assert.NotNull(engine.FatalError);
        Assert.Equal(50, results.Count);
        Assert.Equal(10, results.Count(r => r.Status == SendStatus.Queued));
        Assert.Equal(10, results.Count(r => r.ErrorId == SendErrorIds.TokenRejected));
        Assert.Equal(30, results.Count(r => r.ErrorId == SendErrorIds.NotSent));
        Assert.Equal(2, transport.Calls);
    }

    [Fact]
    public void CancelStopsInFlightRequestsPromptly()
    {
        var transport = new ScriptedTransport(async (_, batch, ct) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), ct);
            return ScriptedTransport.AcceptAll(batch);
        });
        using var engine = new SmsSendEngine(transport, Fast(batchSize: 1));
        engine.Add(TestMessages.Message(1));
        engine.Complete();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        engine.Cancel();
        while (!engine.IsFinished && watch.Elapsed < TimeSpan.FromSeconds(5))
        {
            engine.WaitForProgress(TimeSpan.FromMilliseconds(20));
        }

        Assert.True(engine.IsFinished);
        Assert.False(engine.TryTakeResult(out _));
    }

    [Fact]
    public void ResultsAreStampedInTheComputersTimeZoneLikeConnectedAt()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        clock.SetLocalTimeZone(TimeZoneInfo.CreateCustomTimeZone("EAT", TimeSpan.FromHours(3), "EAT", "EAT"));
        using var engine = new SmsSendEngine(new ScriptedTransport(), Fast(), null, clock);
        var result = Assert.Single(Run(engine, TestMessages.Batch(1)));
        Assert.Equal(TimeSpan.FromHours(3), result.CompletedAt.Offset);
        Assert.Equal(clock.GetUtcNow(), result.CompletedAt);
    }

    [Fact]
    public void RejectsABatchSizeOverTheApiMaximum() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SmsSendEngine(new ScriptedTransport(), new SendEngineOptions { BatchSize = 101 }));

    [Fact]
    public void RejectsARateAboveTheApiLimit() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SmsSendEngine(new ScriptedTransport(), new SendEngineOptions { RequestsPerSecond = 121 }));

    [Fact]
    public void RejectsANegativePacingMargin() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SmsSendEngine(new ScriptedTransport(), new SendEngineOptions { PacingMargin = TimeSpan.FromMilliseconds(-1) }));
}
