using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CloudRebue.Tests.Shared;

/// <summary>
/// Waits for background work (receipts) to reach a state. On a fake clock it also moves time on
/// in steps, so delays and backoffs elapse without real sleeping.
/// </summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, FakeTimeProvider? clock = null, TimeSpan? step = null, string? because = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return;
            clock?.Advance(step ?? TimeSpan.FromMilliseconds(100));
            await Task.Delay(5);
        }

        Assert.Fail($"Condition not met within 30 s. {because}");
    }

    public static Task TrueAsync(Func<bool> condition, FakeTimeProvider? clock = null, TimeSpan? step = null, string? because = null) =>
        TrueAsync(() => Task.FromResult(condition()), clock, step, because);
}
