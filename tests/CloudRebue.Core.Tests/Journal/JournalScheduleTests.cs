using CloudRebue.Core.Journal;
using CloudRebue.Core.Sending;
using CloudRebue.Core.Tests.Fakes;
using Xunit;

namespace CloudRebue.Core.Tests.Journal;

/// <summary>A scheduled send keeps its time_to_send in the journal and on each result.</summary>
public sealed class JournalScheduleTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "cr-journal-" + Guid.NewGuid().ToString("N") + ".jsonl");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void TheScheduledTimeIsRecordedAndReadBack()
    {
        var at = new DateTimeOffset(2024, 10, 31, 18, 0, 0, TimeSpan.FromHours(3));
        var scheduled = new OutgoingMessage("254710000001", "hi", "ACME", "c1", null, null, null, 1) { SendAt = at };
        var sameTextNow = new OutgoingMessage("254710000002", "hi", "ACME", "c2", null, null, null, 2);
        using (var writer = TestMessages.Journal(_path))
        {
            writer.RecordPending([scheduled, sameTextNow]);
            writer.RecordFinal([SendResult.For(scheduled, SendStatus.Queued, DateTimeOffset.UtcNow), SendResult.For(sameTextNow, SendStatus.Queued, DateTimeOffset.UtcNow)]);
        }

        var index = SendJournalReader.Load(_path);
        Assert.True(index.TryGet("c1", out var entry));
        Assert.Equal(at, entry.SendAt);
        Assert.Equal(TimeSpan.FromHours(3), entry.SendAt!.Value.Offset);
        Assert.True(index.TryGet("c2", out var other));
        Assert.Null(other.SendAt);   // the same text sent at once is its own text line
        Assert.Contains("\"send_at\":\"2024-10-31T18:00:00.0000000+03:00\"", File.ReadAllText(_path));
    }

    [Fact]
    public void AResultCarriesTheScheduledTime()
    {
        var at = new DateTimeOffset(2024, 10, 31, 18, 0, 0, TimeSpan.FromHours(3));
        var message = new OutgoingMessage("254710000001", "hi", "ACME", "c1", null, null, null, 1) { SendAt = at };
        Assert.Equal(at, SendResult.For(message, SendStatus.WouldSend, DateTimeOffset.UtcNow).SendAt);
    }

    [Fact]
    public void TheRowValidatorPutsTheRunsScheduleOnEveryRecipient()
    {
        var at = new DateTimeOffset(2024, 10, 31, 18, 0, 0, TimeSpan.FromHours(3));
        var messages = new List<OutgoingMessage>();
        var invalid = new List<SendResult>();
        new SendRowValidator().Validate(new SendRow { Phone = "0710000001,bad", Message = "hi", Sender = "ACME", SendAt = at, Row = 1 }, messages, invalid);
        Assert.Equal(at, Assert.Single(messages).SendAt);
        Assert.Equal(at, Assert.Single(invalid).SendAt);
    }
}
