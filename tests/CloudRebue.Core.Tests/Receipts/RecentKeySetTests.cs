using CloudRebue.Core.Receipts;
using Xunit;

namespace CloudRebue.Core.Tests.Receipts;

public class RecentKeySetTests
{
    private static ReceiptKey Key(string uniqueId, string status = "DeliveredToTerminal", DateTimeOffset? time = null) =>
        ReceiptKey.For(new DeliveryReceipt("254700000000", null, uniqueId, status, time, DateTimeOffset.UnixEpoch, null));

    [Fact]
    public void AKeyIsUniqueIdStatusAndTime()
    {
        var t = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.FromHours(3));
        Assert.Equal(Key("a", "x", t), Key("a", "x", t));
        Assert.NotEqual(Key("a", "x", t), Key("a", "y", t));
        Assert.NotEqual(Key("a", "x", t), Key("a", "x", t.AddSeconds(1)));
        Assert.NotEqual(Key("a", "x", t), Key("b", "x", t));
        Assert.NotEqual(Key("a", "x", t), Key("a", "x", null));
        Assert.NotEqual(Key("ab", "c"), Key("a", "bc"));
    }

    [Fact]
    public void RemembersWhatWasAdded()
    {
        var set = new RecentKeySet(10);
        Assert.True(set.Add(Key("a")));
        Assert.False(set.Add(Key("a")));
        Assert.True(set.Contains(Key("a")));
        Assert.False(set.Contains(Key("b")));
    }

    [Fact]
    public void ForgetsTheOldestBeyondItsCapacityAndNeverGrows()
    {
        var set = new RecentKeySet(3);
        foreach (var id in new[] { "a", "b", "c", "d" })
        {
            set.Add(Key(id));
        }

        Assert.Equal(3, set.Count);
        Assert.False(set.Contains(Key("a")));
        Assert.True(set.Contains(Key("b")));
        Assert.True(set.Contains(Key("d")));

        for (int i = 0; i < 1000; i++)
        {
            set.Add(Key("k" + i));
        }

        Assert.Equal(3, set.Count);
        Assert.True(set.Contains(Key("k999")));
        Assert.False(set.Contains(Key("k996")));
    }
}
