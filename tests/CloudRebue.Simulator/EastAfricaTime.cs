using System.Globalization;

namespace CloudRebue.Simulator;

/// <summary>The provider stamps times as "yyyy-MM-dd HH:mm:ss" in East Africa Time (UTC+3, no DST).</summary>
internal static class EastAfricaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(3);

    public static string Now(TimeProvider time) => Format(time.GetUtcNow());

    public static string Format(DateTimeOffset instant) =>
        instant.ToOffset(Offset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
