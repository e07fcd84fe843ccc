using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CloudRebue.Simulator;

/// <summary>
/// Starts the simulator on 127.0.0.1 and prints exactly one line on stdout once it accepts requests:
/// <c>LISTENING http://127.0.0.1:&lt;port&gt;/api/v1</c>. Stops on SIGTERM or Ctrl+C.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Any(a => a is "--help" or "-h" or "-?"))
        {
            Console.Error.WriteLine(SimulatorOptions.Usage);
            return 0;
        }

        SimulatorOptions options;
        try
        {
            options = SimulatorOptions.Parse(args);
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine($"CloudRebue.Simulator: {e.Message}");
            Console.Error.WriteLine(SimulatorOptions.Usage);
            return 2;
        }

        await using var app = SimulatorApp.Build(options);
        await app.StartAsync();

        // StartAsync returns once Kestrel is bound and accepting, so the port is real now.
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        int port = new Uri(address).Port;
        await WarmUp.RunAsync(app.Services, new Uri($"http://127.0.0.1:{port}/"), options.Token);
        Console.Out.WriteLine($"LISTENING http://127.0.0.1:{port}/api/v1");
        Console.Out.Flush();

        await app.WaitForShutdownAsync();
        return 0;
    }
}
