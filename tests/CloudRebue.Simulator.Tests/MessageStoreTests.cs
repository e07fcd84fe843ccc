using Xunit;

namespace CloudRebue.Simulator.Tests;

/// <summary>The store on its own: what goes in comes back field for field, in order, and repeats are recognised.</summary>
public class MessageStoreTests
{
    private static readonly AcceptedMessage Full = new(
        CorrelatorJson: "\"c-1\"",
        Phone: "254712345678",
        Sender: "ACME",
        Message: "Hello",
        LinkIdJson: "\"L1\"",
        Endpoint: "http://127.0.0.1:9/r",
        UniqueId: "6f9619ff-8b86-d011-b42d-00cf4fc964ff",
        BatchId: "0c2d2a1e-3b3f-4d4c-9e1a-2b3c4d5e6f70",
        SmsUnits: 3,
        Fault: "slow");

    private static readonly AcceptedMessage Bare = Full with { CorrelatorJson = null, LinkIdJson = null, Endpoint = null, Fault = null };

    [Fact]
    public void EveryFieldComesBackAsStored()
    {
        var store = new MessageStore();
        store.Add(Full, "c-1");
        Assert.Equal(Full, Assert.Single(store.Snapshot()));
    }

    [Fact]
    public void AbsentFieldsComeBackNullAndEmptyTextsComeBackEmpty()
    {
        var store = new MessageStore();
        var empty = Bare with { Sender = "", Message = "", LinkIdJson = "\"\"" };
        store.Add(Bare, null);
        store.Add(empty, null);
        Assert.Equal([Bare, empty], store.Snapshot());
    }

    [Theory]
    [InlineData("Habari 👋🏽 — karibu!")]
    [InlineData("中文短信 ✓ €10 ñ")]
    [InlineData("line one\nline two\t\"quoted\" \\ back\0slash")]
    [InlineData("𝄞𝄞𝄞 family: 👨‍👩‍👧‍👦")]
    public void UnicodeTextComesBackExactly(string text)
    {
        var store = new MessageStore();
        var message = Full with { Message = text, Sender = text };
        store.Add(message, "c-1");
        Assert.Equal(message, Assert.Single(store.Snapshot()));
    }

    [Theory]
    [InlineData("\"1\"")]
    [InlineData("1")]
    [InlineData("1.50")]
    [InlineData("-2e3")]
    [InlineData("\"caf\\u00e9\"")]
    [InlineData("true")]
    public void RawJsonCorrelatorsAndLinkIdsComeBackAsGiven(string raw)
    {
        var store = new MessageStore();
        store.Add(Full with { CorrelatorJson = raw, LinkIdJson = raw }, "key");
        var stored = Assert.Single(store.Snapshot());
        Assert.Equal(raw, stored.CorrelatorJson);
        Assert.Equal(raw, stored.LinkIdJson);
    }

    [Fact]
    public void MessagesComeBackInAcceptanceOrderAcrossSeveralChunks()
    {
        // About 3 MB of records: several chunks, and a record larger than a chunk in the middle.
        var store = new MessageStore();
        var expected = new List<AcceptedMessage>();
        for (int i = 0; i < 20_000; i++)
        {
            string text = i == 7_000 ? new string('x', MessageChunks.ChunkSize + 10) : $"message {i} " + new string('m', i % 150);
            var message = Full with { Phone = $"2547{i:D8}", Message = text, SmsUnits = i };
            expected.Add(message);
            store.Add(message, null);
        }

        var snapshot = store.Snapshot();
        Assert.Equal(expected.Count, snapshot.Count);
        Assert.Equal(expected, snapshot);
    }

    [Fact]
    public void ASnapshotDoesNotSeeLaterMessagesAndSurvivesAClear()
    {
        var store = new MessageStore();
        store.Add(Full, "c-1");
        var snapshot = store.Snapshot();
        store.Add(Bare, null);
        store.Clear();
        store.Add(Bare with { Message = "after the clear" }, null);
        Assert.Equal([Full], snapshot);
    }

    [Fact]
    public void TheSameCorrelatorAndPhoneIsADuplicate()
    {
        var store = new MessageStore();
        Assert.False(store.Add(Full, "c-1"));
        Assert.True(store.Add(Full, "c-1"));
        Assert.True(store.Add(Full with { Message = "another text" }, "c-1"));
    }

    [Fact]
    public void TheSameCorrelatorToAnotherPhoneIsNotADuplicate()
    {
        var store = new MessageStore();
        Assert.False(store.Add(Full, "c-1"));
        Assert.False(store.Add(Full with { Phone = "254712345679" }, "c-1"));
        Assert.False(store.Add(Full, "c-2"));
    }

    [Fact]
    public void AMessageWithoutACorrelatorIsNeverADuplicate()
    {
        var store = new MessageStore();
        Assert.False(store.Add(Bare, null));
        Assert.False(store.Add(Bare, null));
        Assert.Equal(2, store.Snapshot().Count);
    }

    [Fact]
    public void CorrelatorAndPhoneDoNotRunIntoEachOther()
    {
        // "12" + "3456" and "123" + "456" have the same characters in a row: they must stay two pairs.
        var store = new MessageStore();
        Assert.False(store.Add(Full with { Phone = "3456" }, "12"));
        Assert.False(store.Add(Full with { Phone = "456" }, "123"));
    }

    [Fact]
    public void ClearForgetsMessagesAndDuplicates()
    {
        var store = new MessageStore();
        store.Add(Full, "c-1");
        store.Clear();
        Assert.Empty(store.Snapshot());
        Assert.False(store.Add(Full, "c-1"));
        Assert.Equal([Full], store.Snapshot());
    }

    [Fact]
    public void AMessageThatCannotBeStoredExactlyIsRefusedAndLeavesNoTrace()
    {
        // A lone surrogate has no UTF-8 form; System.Text.Json never hands one out, but a silent U+FFFD would lie.
        var store = new MessageStore();
        store.Add(Full, null);
        Assert.ThrowsAny<ArgumentException>(() => store.Add(Full with { Message = "bad \ud800 text" }, "c-1"));
        Assert.False(store.Add(Full, "c-1"));
        Assert.Equal([Full, Full], store.Snapshot());
    }

    [Fact]
    public void ConcurrentAddsAreAllKeptIntactAndRepeatsAreCountedOnce()
    {
        const int threads = 4;
        const int perThread = 5_000;
        var store = new MessageStore();
        var duplicates = new int[threads];
        using var start = new Barrier(threads);

        // Every thread adds the same correlators and phones, each with its own text: of each pair
        // exactly one add is the first, and each thread's messages keep their order.
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            for (int i = 0; i < perThread; i++)
            {
                var message = Full with { Phone = $"2547{i:D8}", Message = $"thread {t} message {i} ✓", SmsUnits = i };
                if (store.Add(message, $"c-{i}")) duplicates[t]++;
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());

        var snapshot = store.Snapshot();
        Assert.Equal(threads * perThread, snapshot.Count);
        Assert.Equal((threads - 1) * perThread, duplicates.Sum());
        var next = new int[threads];
        foreach (var m in snapshot)
        {
            string[] words = m.Message.Split(' ');
            int t = int.Parse(words[1]), i = int.Parse(words[3]);
            Assert.Equal(next[t]++, i);
            Assert.Equal(Full with { Phone = $"2547{i:D8}", Message = $"thread {t} message {i} ✓", SmsUnits = i }, m);
        }

        Assert.All(next, n => Assert.Equal(perThread, n));
    }
}
