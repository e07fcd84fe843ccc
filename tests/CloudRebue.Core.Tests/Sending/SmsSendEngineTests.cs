using CloudRebue.Core.Api;
using CloudRebue.Core.Sending;
using CloudRebue.Core.Tests.Fakes;
using CloudRebue.Tests.Shared;
using Xunit;

namespace CloudRebue.Core.Tests.Sending;

public class SmsSendEngineTests
{
    private static SendEngineOptions Fast(int batchSize = 100, int throttle = 4) => new()
    {
        BatchSize = batchSize,
        ThrottleLimit = throttle,
        RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        RetryMaxDelay = TimeSpan.FromMilliseconds(5),
    };

    [Fact]
    public async Task FinishingReturnsAsSoonAsTheLastAnswerIsIn()
    {
        var answer = new TaskCompletionSource<SendAttempt>(TaskCreationOptions.RunContinuationsAsynchronously);
        var transport = new ScriptedTransport((_, _, _) => answer.Task);

        // A wait far longer than the test allows: sleeping one whole wait after the last answer fails it.
        using var test = new TestRun(transport, Fast(), configure: o => o.FinishWait = TimeSpan.FromMinutes(2));
        foreach (var m in TestMessages.Batch(3))
        {
            test.Run.Add(m);
        }

        Task finishing = Task.Run(() => test.Run.Finish());
        await Eventually.TrueAsync(() => transport.Calls == 1 && test.Waits > 0);
        answer.SetResult(ScriptedTransport.AcceptAll(TestMessages.Batch(3)));
        await finishing.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(3, test.Results.Count);
        Assert.True(test.Run.IsFinished);
    }

    [Fact]
    public async Task FinishingStopsWhenAskedWithAnswersOutstanding()
    {
        // An answer that never comes, whatever the cancellation token says.
        var transport = new ScriptedTransport((_, _, _) => new TaskCompletionSource<SendAttempt>().Task);
        using var test = new TestRun(transport, Fast(), configure: o => o.FinishWait = TimeSpan.FromMilliseconds(10));
        test.OnWaiting = () =>
        {
            // Stop once the request is out, so it is outstanding rather than never started.
            if (transport.Calls == 1)
            {
                test.Run.Stop();
            }
        };
        test.Run.Add(TestMessages.Message(1));
        Task finishing = Task.Run(() => test.Run.Finish());
        await finishing.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.False(test.Run.IsFinished);
    }

    [Fact]
    public void BatchesOfAtMostTheBatchSizeAndEveryRecipientAnsweredOnce()
    {
        var transport = new ScriptedTransport();
        using var test = new TestRun(transport, Fast());
        var results = test.SendAll(TestMessages.Batch(250));

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
        using var test = new TestRun(transport, Fast(batchSize: 7));
        test.SendAll(TestMessages.Batch(20));
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
        using var test = new TestRun(transport, Fast(batchSize: 1, throttle: 3));
        var results = test.SendAll(TestMessages.Batch(30));
        Assert.Equal(30, results.Count);
        Assert.Equal(3, transport.MaxInFlight);
    }

    [Fact]
    public async Task HoldsInputBackWhileBatchesWait()
    {
        var release = new TaskCompletionSource();
        var transport = new ScriptedTransport(async (_, batch, _) =>
        {
            await release.Task;
            return ScriptedTransport.AcceptAll(batch);
        });
        using var test = new TestRun(transport, Fast(batchSize: 1, throttle: 2));
        var heldBack = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        int added = 0;
        test.OnWaiting = () => heldBack.TrySetResult(added);
        Task adding = Task.Run(() =>
        {
            while (!heldBack.Task.IsCompleted && added < 1000)
            {
                test.Run.Add(TestMessages.Message(added));
                added++;
            }
        });

        // 2 in flight + 4 waiting (2 x throttle) before input is held back.
        int accepted = await heldBack.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.InRange(accepted, 5, 7);
        release.SetResult();
        await adding.WaitAsync(TimeSpan.FromSeconds(20));
        var rest = test.SendAll(Array.Empty<OutgoingMessage>());
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
        using var test = new TestRun(transport, Fast());
        var results = test.SendAll(TestMessages.Batch(10));
        Assert.Equal(4, transport.Calls);
        Assert.All(results, r => Assert.Equal(SendStatus.Queued, r.Status));
        Assert.Equal(3, test.Run.Snapshot()!.Retries);
    }

    [Theory]
    [InlineData(ApiFailureKind.Timeout)]
    [InlineData(ApiFailureKind.ConnectionLost)]
    [InlineData(ApiFailureKind.ServerError)]
    [InlineData(ApiFailureKind.UnreadableResponse)]
    public void AmbiguousOutcomesAreUnknownAndNeverResent(ApiFailureKind kind)
    {
        var transport = new ScriptedTransport((_, _) => SendAttempt.Failed(kind, "it broke"));
        using var test = new TestRun(transport, Fast());
        var results = test.SendAll(TestMessages.Batch(5));
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
        using var test = new TestRun(transport, options);
        var results = test.SendAll(TestMessages.Batch(2));
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
        using var test = new TestRun(transport, Fast());
        var results = test.SendAll(TestMessages.Batch(3));
        Assert.Equal(1, transport.Calls);
        Assert.All(results, r => Assert.Equal(SendStatus.Failed, r.Status));
    }

    [Fact]
    public void PartlyFailedBatchesReportEachItem()
    {
        var transport = new ScriptedTransport((_, batch) => SendAttempt.Answered(
            batch.Select((m, i) => new SendItemResult(i % 2 == 0, i % 2 == 0 ? "queued" : "Insufficient units", m.Correlator, "u" + i, m.Phone, null, 1, "b")).ToList(), 200));
        using var test = new TestRun(transport, Fast());
        var results = test.SendAll(TestMessages.Batch(4)).OrderBy(r => r.Row).ToList();
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
        using var test = new TestRun(transport, Fast(batchSize: 10, throttle: 1));
        var results = test.SendAll(TestMessages.Batch(50));
        Assert.NotNull(test.Run.FatalError);
        Assert.Equal(50, results.Count);
        Assert.Equal(10, results.Count(r => r.Status == SendStatus.Queued));
        Assert.Equal(10, results.Count(r => r.ErrorId == SendErrorIds.TokenRejected));
        Assert.Equal(30, results.Count(r => r.ErrorId == SendErrorIds.NotSent));
        Assert.Equal(2, transport.Calls);
    }

    [Fact]
    public async Task StopCancelsInFlightRequestsPromptly()
    {
        var transport = new ScriptedTransport(async (_, batch, ct) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), ct);
            return ScriptedTransport.AcceptAll(batch);
        });
        using var test = new TestRun(transport, Fast(batchSize: 1));
        test.Run.Add(TestMessages.Message(1));
        await Eventually.TrueAsync(() => transport.Calls == 1);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        test.Run.Stop();
        test.Run.Finish(); // returns at once: the run is stopping
        while (!test.Run.IsFinished && watch.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(20);
        }

        Assert.True(test.Run.IsFinished);
        test.Run.Finish(); // hands over whatever came back: nothing, the request was cancelled
        Assert.Empty(test.Results);
    }

    [Fact]
    public async Task AtMostTwoStartedBatchesWaitForThePacerAndFurtherInputWaitsUnread()
    {
        // A clock that never moves at one request a second: the pacer grants the first slot and no other,
        // and the first request is never answered. Batches that can only wait must not pile up in memory.
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var transport = new ScriptedTransport((_, _, _) => new TaskCompletionSource<SendAttempt>().Task);
        SendEngineOptions options = Fast(batchSize: 1, throttle: 32);
        options.RequestsPerSecond = 1;
        using var test = new TestRun(transport, options, clock: clock);

        Task adding = Task.Run(() =>
        {
            foreach (var m in TestMessages.Batch(50))
            {
                test.Run.Add(m);
            }
        });
        // Settled: the one batch sent and two waiting for a slot; none of them can move on.
        await Eventually.TrueAsync(() => transport.Calls == 1 && test.Run.Snapshot()?.BatchesStarted == 1 + SendEngineOptions.MaxBatchesAwaitingSlot);

        // A hold-back wait whose check began after that: the queue of built batches was full then. (The
        // loop checks, then reports the wait; the second report after now comes from a check after now.)
        int waits = test.Waits;
        await Eventually.TrueAsync(() => test.Waits >= waits + 2);
        SendEngineStats stats = test.Run.Snapshot()!;
        Assert.Equal(1 + SendEngineOptions.MaxBatchesAwaitingSlot, stats.BatchesStarted);
        Assert.Equal(stats.BatchesStarted + options.MaxQueuedBatches, stats.MessagesAdded); // four built: the rest is unread
        Assert.Equal(1, transport.Calls);
        test.Run.Stop();
        await adding.WaitAsync(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public void ResultsAreStampedInTheComputersTimeZoneLikeConnectedAt()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        clock.SetLocalTimeZone(TimeZoneInfo.CreateCustomTimeZone("EAT", TimeSpan.FromHours(3), "EAT", "EAT"));
        using var test = new TestRun(new ScriptedTransport(), Fast(), clock: clock);
        var result = Assert.Single(test.SendAll(TestMessages.Batch(1)));
        Assert.Equal(TimeSpan.FromHours(3), result.CompletedAt.Offset);
        Assert.Equal(clock.GetUtcNow(), result.CompletedAt);
    }

    [Fact]
    public void RejectsABatchSizeOverTheApiMaximum() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TestRun(new ScriptedTransport(), new SendEngineOptions { BatchSize = 101 }));

    [Fact]
    public void RejectsARateAboveTheApiLimit() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TestRun(new ScriptedTransport(), new SendEngineOptions { RequestsPerSecond = 121 }));

    [Fact]
    public void RejectsANegativePacingMargin() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TestRun(new ScriptedTransport(), new SendEngineOptions { PacingMargin = TimeSpan.FromMilliseconds(-1) }));
}
