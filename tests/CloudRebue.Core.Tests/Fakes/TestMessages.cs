using CloudRebue.Core.Api;
using CloudRebue.Core.Journal;
using CloudRebue.Core.Sending;

namespace CloudRebue.Core.Tests.Fakes;

internal static class TestMessages
{
    public const string Token = "canary-token-9f3c1a77e0d24b6c";

    /// <summary>Whom test journals are written for.</summary>
    public static readonly JournalOwner Owner = new("http://api.test/api/v1/", "token:0123456789abcdef");

    public static SendJournalWriter Journal(string path, Func<object?, IReadOnlyDictionary<string, string?>?>? describe = null) =>
        SendJournalWriter.Open(path, Owner, describe);

    public static OutgoingMessage Message(int i, string? endpoint = null) =>
        new("2547" + (10000000 + i).ToString("D8"), "Hello " + i, "ACME", "c" + i, null, endpoint, null, i);

    public static List<OutgoingMessage> Batch(int count, int from = 1) => Enumerable.Range(from, count).Select(i => Message(i)).ToList();

    public static CloudRebueClient Client(HttpMessageHandler handler, TimeSpan? timeout = null) =>
        new(new CloudRebueClientOptions(ApiToken.FromPlainText(Token)) { BaseUri = new Uri("http://api.test/api/v1"), Timeout = timeout ?? TimeSpan.FromSeconds(30) }, handler);
}
