using System.Text;
using CloudRebue.Core.Journal;
using CloudRebue.Core.Sending;
using CloudRebue.Core.Tests.Fakes;
using Xunit;

namespace CloudRebue.Core.Tests.Journal;

public sealed class SendJournalTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "cr-journal-" + Guid.NewGuid().ToString("N") + ".jsonl");

    public void Dispose() => File.Delete(_path);

    private static SendResult Result(OutgoingMessage m, SendStatus status, string? uniqueId = null)
    {
        var r = SendResult.For(m, status, DateTimeOffset.UtcNow);
        r.UniqueId = uniqueId;
        return r;
    }

    private void Write(Action<SendJournalWriter> act)
    {
        using var writer = TestMessages.Journal(_path, o => o as IReadOnlyDictionary<string, string?>);
        act(writer);
    }

    [Fact]
    public void RecordsPendingThenFinalStatesPerCorrelator()
    {
        var batch = TestMessages.Batch(3);
        Write(w =>
        {
            w.RecordPending(batch);
            w.RecordFinal(new[] { Result(batch[0], SendStatus.Queued, "u1"), Result(batch[1], SendStatus.Failed), Result(batch[2], SendStatus.Unknown) });
        });

        var index = SendJournalReader.Load(_path);
        Assert.Empty(index.Warnings);
        Assert.Equal(3, index.Count);
        Assert.True(index.TryGet("c1", out var queued));
        Assert.Equal(JournalState.Queued, queued.State);
        Assert.Equal("u1", queued.UniqueId);
        Assert.Equal("Hello 1", queued.Message);
        Assert.Equal("ACME", queued.Sender);
        Assert.Equal(batch[0].Phone, queued.Phone);
        Assert.True(index.TryGetByUniqueId("u1", out var byId));
        Assert.Same(queued, byId);
        Assert.True(index.TryGet("c2", out var failed));
        Assert.Equal(JournalState.Failed, failed.State);
        Assert.True(index.TryGet("c3", out var unknown));
        Assert.Equal(JournalState.Unknown, unknown.State);
    }

    [Fact]
    public void KeepsTheInputRowAndNeverWritesAnythingItWasNotGiven()
    {
        var row = new Dictionary<string, string?> { ["Name"] = "Ann", ["Phone"] = "0710000001" };
        var message = new OutgoingMessage("254710000001", "hi", "ACME", "c1", "L1", "https://x.test/r", row, 4);
        Write(w => w.RecordPending(new[] { message }));
        Assert.True(SendJournalReader.Load(_path).TryGet("c1", out var entry));
        Assert.Equal("Ann", entry.Input!["Name"]);
        Assert.Equal("L1", entry.LinkId);
        Assert.Equal("https://x.test/r", entry.Endpoint);
        Assert.Equal(4, entry.Row);
        Assert.Equal(JournalState.Pending, entry.State);
        Assert.DoesNotContain(TestMessages.Token, File.ReadAllText(_path));
    }

    [Fact]
    public void ATornLastLineIsIgnoredWithAWarningAndKeptWhenAppending()
    {
        var batch = TestMessages.Batch(2);
        Write(w => w.RecordPending(batch));
        File.AppendAllText(_path, "{\"e\":\"f\",\"c\":\"c1\",\"s\":\"Que");
        long tornLength = new FileInfo(_path).Length;

        var index = SendJournalReader.Load(_path);
        Assert.Single(index.Warnings, w => w.Contains("last line") && w.Contains("incomplete"));
        Assert.Equal(2, index.Count);
        Assert.All(index.Entries, e => Assert.Equal(JournalState.Pending, e.State));

        // The next writer never cuts the file: it ends the torn line, and its run line says to skip it.
        Write(w => w.RecordFinal(new[] { Result(batch[0], SendStatus.Queued, "u1") }));
        Assert.True(new FileInfo(_path).Length > tornLength);
        Assert.StartsWith(File.ReadAllText(_path).Substring(0, (int)tornLength), File.ReadAllText(_path));
        var after = SendJournalReader.Load(_path);
        Assert.Single(after.Warnings, w => w.Contains("is incomplete: a run stopped"));
        Assert.True(after.TryGet("c1", out var e1));
        Assert.Equal(JournalState.Queued, e1.State);
        Assert.True(after.TryGet("c2", out var e2));
        Assert.Equal(JournalState.Pending, e2.State);
    }

    [Fact]
    public void AWholeLastLineMissingOnlyItsNewlineIsKept()
    {
        var batch = TestMessages.Batch(1);
        Write(w => w.RecordPending(batch));
        string text = File.ReadAllText(_path).TrimEnd('\n');
        File.WriteAllText(_path, text);
        var index = SendJournalReader.Load(_path);
        Assert.Empty(index.Warnings);
        Write(w => w.RecordFinal(new[] { Result(batch[0], SendStatus.Queued, "u1") }));
        Assert.True(SendJournalReader.Load(_path).TryGet("c1", out var entry));
        Assert.Equal(JournalState.Queued, entry.State);
    }

    [Fact]
    public void ACorruptLineInTheMiddleIsAnErrorNamingTheLine()
    {
        var batch = TestMessages.Batch(2);
        Write(w => w.RecordPending(batch));
        var lines = File.ReadAllLines(_path).ToList();
        lines.Insert(2, "this is not json");
        File.WriteAllLines(_path, lines);
        var ex = Assert.Throws<JournalCorruptException>(() => SendJournalReader.Load(_path));
        Assert.Equal(3, ex.Line);
        Assert.Contains("line 3", ex.Message);
    }

    [Fact]
    public void AFileThatIsNotAJournalIsRefused()
    {
        File.WriteAllText(_path, "Phone,Message\n0712345678,hi\n");
        Assert.Throws<JournalCorruptException>(() => SendJournalReader.Load(_path));
    }

    [Fact]
    public void AMissingFileIsAnEmptyJournal() => Assert.Equal(0, SendJournalReader.Load(_path).Count);

    [Theory]
    [InlineData(SendStatus.Queued, false, SendStatus.Skipped)]
    [InlineData(SendStatus.Failed, false, null)]
    [InlineData(SendStatus.Unknown, false, SendStatus.Unknown)]
    [InlineData(SendStatus.Unknown, true, null)]
    public void TheGateSkipsQueuedResendsFailedAndHoldsUnknown(SendStatus earlier, bool resendUnknown, SendStatus? expected)
    {
        var m = TestMessages.Message(1);
        Write(w =>
        {
            w.RecordPending(new[] { m });
            w.RecordFinal(new[] { Result(m, earlier, "u1") });
        });
        var decision = new SendJournalGate(SendJournalReader.Load(_path), resendUnknown).Check(m, DateTimeOffset.UtcNow);
        Assert.Equal(expected, decision?.Status);
        if (expected == SendStatus.Skipped)
        {
            Assert.Equal("u1", decision!.UniqueId);
            Assert.Null(decision.ErrorId);
        }
    }

    [Fact]
    public void TheGateHoldsRecipientsLeftPendingByACrash()
    {
        var m = TestMessages.Message(1);
        Write(w => w.RecordPending(new[] { m }));
        var decision = new SendJournalGate(SendJournalReader.Load(_path), false).Check(m, DateTimeOffset.UtcNow);
        Assert.Equal(SendStatus.Unknown, decision!.Status);
        Assert.Contains("-ResendUnknown", decision.Error);
    }

    [Fact]
    public void TheGateRefusesACorrelatorReusedForAnotherPhoneOrText()
    {
        var m = TestMessages.Message(1);
        Write(w => w.RecordPending(new[] { m }));
        var gate = new SendJournalGate(SendJournalReader.Load(_path), true);
        var otherPhone = new OutgoingMessage("254799999999", m.Message, m.Sender, m.Correlator, null, null, null, 7);
        var otherText = new OutgoingMessage(m.Phone, "changed", m.Sender, m.Correlator, null, null, null, 8);
        Assert.Equal(SendErrorIds.JournalMismatch, gate.Check(otherPhone, DateTimeOffset.UtcNow)!.ErrorId);
        var text = gate.Check(otherText, DateTimeOffset.UtcNow)!;
        Assert.Equal(SendStatus.Invalid, text.Status);
        Assert.StartsWith("Row 8:", text.Error);
    }

    [Fact]
    public void TheEngineJournalsEveryRecipientBeforeAndAfterItsRequest()
    {
        var seenPendingBeforeSend = new List<bool>();
        var transport = new ScriptedTransport((_, batch) =>
        {
            var index = SendJournalReader.Load(_path);
            seenPendingBeforeSend.Add(batch.All(m => index.TryGet(m.Correlator, out var e) && e.State == JournalState.Pending));
            return ScriptedTransport.AcceptAll(batch);
        });
        using (var writer = TestMessages.Journal(_path))
        using (var test = new TestRun(transport, new SendEngineOptions { BatchSize = 10, ThrottleLimit = 1 }, writer))
        {
            test.SendAll(TestMessages.Batch(25));
        }

        Assert.Equal(new[] { true, true, true }, seenPendingBeforeSend);
        var final = SendJournalReader.Load(_path);
        Assert.Equal(25, final.Count);
        Assert.All(final.Entries, e => Assert.Equal(JournalState.Queued, e.State));
    }
}
