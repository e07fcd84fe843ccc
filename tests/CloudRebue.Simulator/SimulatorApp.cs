using System.Net;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CloudRebue.Simulator;

/// <summary>
/// Builds the simulator's web application. Program runs it on Kestrel; the tests run the same
/// application on a TestServer with a fake clock and a fake receipt transport, registered through
/// <paramref name="configure"/> (the defaults here are only added when a test has not).
/// </summary>
internal static class SimulatorApp
{
    public static WebApplication Build(SimulatorOptions options, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });

        // stdout carries the one LISTENING line; anything worth logging goes to stderr.
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Server.Kestrel", LogLevel.Error);

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.Port);
            kestrel.AddServerHeader = false;
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));

        configure?.Invoke(builder);

        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => ReceiptTransport.CreateDefault());
        services.AddSingleton(options);
        services.AddSingleton(new ConfigStore(options.Config));
        services.AddSingleton(new BearerAuth(options.Token));
        services.AddSingleton(new SimulatorRandom(options.Seed));
        services.AddSingleton(new AccountLedger(options.Balance, options.SubAccounts));
        services.AddSingleton<MessageStore>();
        services.AddSingleton<SimulatorStats>();
        services.AddSingleton<ArrivalJitter>();
        services.AddSingleton<ReceiptDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<ReceiptDispatcher>());
        services.AddSingleton<SendSmsProcessor>();
        services.AddSingleton<SendSmsEndpoint>();
        services.AddSingleton<AccountEndpoints>();
        services.AddSingleton<VoiceCallStore>();
        services.AddSingleton<VoiceSmsEndpoint>();
        services.AddSingleton<ControlEndpoints>();

        var app = builder.Build();
        MapRoutes(app);
        return app;
    }

    private static void MapRoutes(WebApplication app)
    {
        var sendSms = app.Services.GetRequiredService<SendSmsEndpoint>();
        var account = app.Services.GetRequiredService<AccountEndpoints>();
        var control = app.Services.GetRequiredService<ControlEndpoints>();

        app.UseResponseCounting(app.Services.GetRequiredService<SimulatorStats>());

        app.MapPost("/api/v1/send-sms", sendSms.HandleAsync);
        app.MapGet("/api/v1/account/balance", account.BalanceAsync);
        app.MapPost("/api/v1/account/top-up", account.TopUpAsync);
        var voice = app.Services.GetRequiredService<VoiceSmsEndpoint>();
        app.MapPost("/api/v1/voice-sms", voice.HandleAsync);
        app.MapGet("/_sim/calls", voice.CallsAsync);

        app.MapGet("/_sim/stats", control.StatsAsync);
        app.MapGet("/_sim/messages", control.MessagesAsync);
        app.MapPost("/_sim/reset", control.ResetAsync);
        app.MapGet("/_sim/config", control.GetConfigAsync);
        app.MapPost("/_sim/config", control.SetConfigAsync);
    }
}
