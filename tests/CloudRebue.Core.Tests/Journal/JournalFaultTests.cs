using System.Text;
using CloudRebue.Core.Journal;
using CloudRebue.Core.Sending;
using CloudRebue.Core.Tests.Fakes;
using Xunit;

namespace CloudRebue.Core.Tests.Journal;

/// <summary>The journal under real faults: a full disk, a second writer, another account, a BOM, a torn tail.</summary>
public sealed class JournalFaultTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "cr-fault-" + Guid.NewGuid().ToString("N") + ".jsonl");

    public void Dispose()
    {
        File.Delete(_path);
        File.Delete(JournalLock.LockPathOf(_path));
    }

    private SendJournalWriter FillingJournal(long capacity) =>
        new(_path, new FillingStream(new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite), capacity), TestMessages.Owner, isNew: true, endsWithoutNewline: false, null, null);

    [Theory]
    [InlineData(600)]   // fails on a pending line, early
    [InlineData(5000)]  // fails later, on a final line or a pending line
    public void AFullDiskStopsTheRunAndEveryRecipientIsReported(long capacity)
    {
        var transport = new ScriptedTransport();
        List<SendResult> results;
        using (var journal = FillingJournal(capacity))
        using (var test = new TestRun(transport, new SendEngineOptions { BatchSize = 10, ThrottleLimit = 2 }, journal))
        {
            results = test.SendAll(TestMessages.Batch(200), "the run did not finish: a journal failure must never hang it");
            var fatal = Assert.IsType<JournalWriteException>(test.Run.FatalError);
            Assert.Contains("No space left on device", fatal.Message);
            Assert.Contains("-JournalPath", fatal.Message);
        }

        // Exactly one result per recipient; what the transport accepted is Queued, the rest was never sent.
        Assert.Equal(200, results.Count);
        Assert.Equal(200, results.Select(r => r.Correlator).Distinct().Count());
        var sent = transport.Requests.SelectMany(b => b).Select(m => m.Correlator).ToHashSet();
        Assert.All(results.Where(r => sent.Contains(r.Correlator!)), r => Assert.Equal(SendStatus.Queued, r.Status));
        Assert.All(results.Where(r => !sent.Contains(r.Correlator!)), r => Assert.Equal(SendErrorIds.NotSent, r.ErrorId));
        Assert.True(sent.Count < 200);

        // The journal is still readable; whatever it says is pending was really sent or is NotSent now.
        var index = SendJournalReader.Load(_path);
        Assert.All(index.Entries.Where(e => e.State == JournalState.Queued), e => Assert.Contains(e.Correlator, sent));
    }

    [Fact]
    public void AWriterThatFailedWritesNothingMore()
    {
        using var journal = FillingJournal(300);
        var batch = TestMessages.Batch(10);
        Assert.Throws<JournalWriteException>(() => journal.RecordPending(batch));
        long length = new FileInfo(_path).Length;
        Assert.Throws<JournalWriteException>(() => journal.RecordFinal(batch.Select(m => SendResult.For(m, SendStatus.Queued, DateTimeOffset.UtcNow)).ToList()));
        Assert.Equal(length, new FileInfo(_path).Length);
    }

    [Fact]
    public void ASecondWriterIsRefusedAtOnceAndReadersStillRead()
    {
        using (var first = SendJournalSession.Open(_path, TestMessages.Owner, forWriting: true))
        {
            first.Writer!.RecordPending(TestMessages.Batch(3));
            var ex = Assert.Throws<JournalLockedException>(() => SendJournalSession.Open(_path, TestMessages.Owner, forWriting: true));
            Assert.Contains("another Send-RebueSms", ex.Message);
            Assert.Contains("-JournalPath", ex.Message);

            // Get-RebueSendJournal, -WhatIf and the receipt listener read while the send writes.
            Assert.Equal(3, SendJournalReader.Load(_path).Count);
            using var readOnly = SendJournalSession.Open(_path, TestMessages.Owner, forWriting: false);
            Assert.Equal(3, readOnly.Index.Count);
            Assert.Equal(3, new JournalFollower(_path).Count);
        }

        using var next = SendJournalSession.Open(_path, TestMessages.Owner, forWriting: true);
        Assert.Equal(3, next.Index.Count);
    }

    [Fact]
    public void OpeningNeverTruncates()
    {
        using (var first = SendJournalSession.Open(_path, TestMessages.Owner, forWriting: true))
        {
            first.Writer!.RecordPending(TestMessages.Batch(5));
        }

        byte[] before = File.ReadAllBytes(_path);
        using (SendJournalSession.Open(_path, TestMessages.Owner, forWriting: true))
        {
        }

        byte[] after = File.ReadAllBytes(_path);
        Assert.True(after.Length > before.Length);
        Assert.Equal(before, after.Take(before.Length));
    }

    [Fact]
    public void AJournalOfAnotherAccountOrBaseUrlIsRefusedSayingHowToProceed()
    {
        using (var first = SendJournalSession.Open(_path, TestMessages.Owner, forWriting: true))
        {
            first.Writer!.RecordPending(TestMessages.Batch(1));
        }

        var otherAccount = new JournalOwner(TestMessages.Owner.BaseUri, "token:fedcba9876543210");
        var otherApi = new JournalOwner("https://rebuetext.com/api/v1/", TestMessages.Owner.Account);
        foreach (var owner in new[] { otherAccount, otherApi })
        {
            var ex = Assert.Throws<JournalOwnerMismatchException>(() => SendJournalSession.Open(_path, owner, forWriting: true));
            Assert.Contains(TestMessages.Owner.Account, ex.Message);
            Assert.Contains("own -JournalPath", ex.Message);
            Assert.Throws<JournalOwnerMismatchException>(() => SendJournalSession.Open(_path, owner, forWriting: false));
        }

        // Same account and API, spelled with another case or without the trailing slash: the same owner.
        using var same = SendJournalSession.Open(_path, new JournalOwner("HTTP://API.TEST/api/v1", TestMessages.Owner.Account), forWriting: true);
        Assert.Equal(1, same.Index.Count);
    }

    [Fact]
    public void AJournalSavedWithAByteOrderMarkReadsAndAppends()
    {
        using (var journal = TestMessages.Journal(_path))
        {
            journal.RecordPending(TestMessages.Batch(2));
        }

        File.WriteAllBytes(_path, Encoding.UTF8.GetPreamble().Concat(File.ReadAllBytes(_path)).ToArray());
        Assert.Equal(2, SendJournalReader.Load(_path).Count);
        Assert.Equal(2, new JournalFollower(_path).Count);
        using (var journal = TestMessages.Journal(_path))
        {
            journal.RecordPending(TestMessages.Batch(1, from: 3));
        }

        var index = SendJournalReader.Load(_path);
        Assert.Equal(3, index.Count);
        Assert.Empty(index.Warnings);
    }

    [Fact]
    public void AFileHoldingOnlyAByteOrderMarkBecomesAJournal()
    {
        File.WriteAllBytes(_path, Encoding.UTF8.GetPreamble());
        using (var journal = TestMessages.Journal(_path))
        {
            journal.RecordPending(TestMessages.Batch(2));
        }

        var index = SendJournalReader.Load(_path);
        Assert.Equal(2, index.Count);
        Assert.Equal(TestMessages.Owner.Account, index.Owner!.Account);
    }

    [Fact]
    public void AJournalOfTheOldFormatIsRefusedWithWhatToDo()
    {
        File.WriteAllText(_path, "{\"journal\":\"CloudRebue.SendJournal\",\"version\":1,\"created\":\"2026-11-01T00:00:00Z\"}\n");
        var ex = Assert.Throws<JournalCorruptException>(() => SendJournalReader.Load(_path));
        Assert.Contains("format 1", ex.Message);
        Assert.Contains("another -JournalPath", ex.Message);
    }

    [Theory]
    [InlineData("Row,Status,Phone\n1,Queued,254712345678\n")]
    [InlineData("{\"some\":\"json\"}\n")]
    public void AFileThatIsNotAJournalIsToldSoNotToRestoreACopy(string content)
    {
        File.WriteAllText(_path, content);
        var ex = Assert.Throws<JournalCorruptException>(() => SendJournalReader.Load(_path));
        Assert.Contains("is not a send journal", ex.Message);
        Assert.Contains("an exported CSV of results is not a journal", ex.Message);
        Assert.DoesNotContain("Restore it from a copy", ex.Message);
    }

    [Fact]
    public void EachInputRowAndTextIsStoredOnceAndARecipientCostsLittle()
    {
        // One row whose cell holds 500 numbers: its properties and the text are written once.
        var row = new Dictionary<string, string?> { ["Name"] = "Campaign-Row-Marker", ["Phone"] = new string('7', 900) };
        var batch = Enumerable.Range(1, 500).Select(i => new OutgoingMessage("2547" + (10000000 + i).ToString("D8"), "Your invoice is ready", "ACME", "cr" + i.ToString("x16"), null, null, row, 1)).ToList();
        using (var journal = TestMessages.Journal(_path, o => o as IReadOnlyDictionary<string, string?>))
        {
            foreach (var chunk in batch.Chunk(100))
            {
                journal.RecordPending(chunk);
                journal.RecordFinal(chunk.Select(m => { var r = SendResult.For(m, SendStatus.Queued, DateTimeOffset.UtcNow); r.UniqueId = Guid.NewGuid().ToString(); return r; }).ToList());
            }
        }

        string text = File.ReadAllText(_path);
        Assert.Equal(1, CountOf(text, "Campaign-Row-Marker"));
        Assert.Equal(1, CountOf(text, "Your invoice is ready"));
        Assert.InRange(new FileInfo(_path).Length / 500.0, 0, 200);

        var index = SendJournalReader.Load(_path);
        Assert.Equal(500, index.Count);
        Assert.All(index.Entries, e =>
        {
            Assert.Equal("Campaign-Row-Marker", e.Input!["Name"]);
            Assert.Equal("Your invoice is ready", e.Message);
            Assert.Equal(JournalState.Queued, e.State);
        });
    }

    [Fact]
    public void RowNumbersOfAnotherRunDoNotLendTheirInput()
    {
        var withInput = new OutgoingMessage("254710000001", "hi", "ACME", "a1", null, null, new Dictionary<string, string?> { ["Name"] = "Ann" }, 1);
        var without = new OutgoingMessage("254710000002", "hi", "ACME", "b1", null, null, null, 1);
        using (var journal = TestMessages.Journal(_path, o => o as IReadOnlyDictionary<string, string?>))
        {
            journal.RecordPending(new[] { withInput });
        }

        using (var journal = TestMessages.Journal(_path, o => o as IReadOnlyDictionary<string, string?>))
        {
            journal.RecordPending(new[] { without });
        }

        var index = SendJournalReader.Load(_path);
        Assert.True(index.TryGet("a1", out var a));
        Assert.Equal("Ann", a.Input!["Name"]);
        Assert.True(index.TryGet("b1", out var b));
        Assert.Null(b.Input);
    }

    private static int CountOf(string text, string part)
    {
        int count = 0;
        for (int i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
