using CloudRebue.Core.Journal;
using CloudRebue.Core.Sending;
using CloudRebue.Core.Tests.Fakes;
using Xunit;

namespace CloudRebue.Core.Tests.Journal;

/// <summary>Receipts joined to what a send journal recorded, while the send may still be writing it.</summary>
public sealed class JournalFollowerTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "cr-follow-" + Guid.NewGuid().ToString("N") + ".jsonl");

    public void Dispose() => File.Delete(_path);

    private static SendResult Queued(OutgoingMessage m, string uniqueId)
    {
        var r = SendResult.For(m, SendStatus.Queued, DateTimeOffset.UtcNow);
        r.UniqueId = uniqueId;
        return r;
    }

    [Fact]
    public void FindsByCorrelatorThenByUniqueId()
    {
        var row = new Dictionary<string, string?> { ["Name"] = "Ann" };
        var m = new OutgoingMessage("254710000001", "Hello Ann", "ACME", "c1", null, null, row, 1);
        using (var writer = TestMessages.Journal(_path, o => o as IReadOnlyDictionary<string, string?>))
        {
            writer.RecordPending(new[] { m });
            writer.RecordFinal(new[] { Queued(m, "u-1") });
        }

        var follower = new JournalFollower(_path);
        var byCorrelator = follower.FindSent("c1", "other");
        Assert.Equal("Hello Ann", byCorrelator!.Message);
        Assert.Equal("ACME", byCorrelator.Sender);
        Assert.Equal("Ann", ((IReadOnlyDictionary<string, string?>)byCorrelator.InputObject!)["Name"]);
        Assert.Equal("Hello Ann", follower.FindSent(null, "u-1")!.Message);
        Assert.Equal("Hello Ann", follower.FindSent("unknown-correlator", "u-1")!.Message);
        Assert.Null(follower.FindSent("nope", "nope"));
    }

    [Fact]
    public void FollowsLinesAppendedAfterItStarted()
    {
        var follower = new JournalFollower(_path);
        Assert.Null(follower.FindSent("c1", "u-1"));

        using var writer = TestMessages.Journal(_path);
        writer.RecordPending(TestMessages.Batch(3));
        Assert.Equal("Hello 2", follower.FindSent("c2", "x")!.Message);

        // Lines appended a moment after the last read are found at once: a receipt can come that fast.
        writer.RecordPending(TestMessages.Batch(2, from: 10));
        Assert.Equal("Hello 11", follower.FindSent("c11", "x")!.Message);
        Assert.Equal(5, follower.Count);
    }

    [Fact]
    public void LeavesAnUnfinishedLineForTheNextRead()
    {
        using (var writer = TestMessages.Journal(_path))
        {
            writer.RecordPending(TestMessages.Batch(1));
        }

        string line = File.ReadAllLines(_path).First(l => l.StartsWith("{\"e\":\"p\"")).Replace("\"c1\"", "\"c9\"");
        File.AppendAllText(_path, line.Substring(0, 20));
        var follower = new JournalFollower(_path);
        Assert.Equal(1, follower.Count);

        File.AppendAllText(_path, line.Substring(20) + "\n");
        Assert.NotNull(follower.FindSent("c9", "x"));
        Assert.Null(follower.Problem);
    }

    [Fact]
    public void ACorruptJournalStopsTheJoinButNotTheListener()
    {
        File.WriteAllText(_path, "not a journal\n");
        var follower = new JournalFollower(_path);
        Assert.Null(follower.FindSent("c1", "u"));
        Assert.Contains("line 1", follower.Problem);
    }
}
