using CloudRebue.Core.Api;

namespace CloudRebue.PowerShell.Tests.Fakes;

public static class FakeConnection
{
    public const string Token = "test-token-0123456789";

    public static CloudRebueConnection Create(FakeApiHandler handler, string? defaultSender = "ACME", Brand brand = Brand.CloudRebue) =>
        new(new CloudRebueClient(new CloudRebueClientOptions(ApiToken.FromPlainText(Token)) { BaseUri = new Uri("http://fake.invalid/api/v1"), Brand = brand }, handler),
            defaultSender, 100, DateTimeOffset.Now);
}
