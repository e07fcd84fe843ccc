namespace CloudRebue.Simulator;

/// <summary>
/// Counts every API answer by status for /_sim/stats, including the connections the simulator
/// aborted on purpose ("reset") and the requests the client abandoned ("aborted").
/// </summary>
internal static class ResponseCounting
{
    private static readonly PathString Api = "/api/v1";

    public static IApplicationBuilder UseResponseCounting(this IApplicationBuilder app, SimulatorStats stats) =>
        app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments(Api))
            {
                await next(context);
                return;
            }

            try
            {
                await next(context);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                // The client went away while the answer was delayed: nothing left to answer.
            }
            finally
            {
                stats.Responded(Outcome(context));
            }
        });

    private static int Outcome(HttpContext context)
    {
        if (context.Features.Get<ConnectionResetMarker>() is not null) return SimulatorStats.Reset;
        if (context.RequestAborted.IsCancellationRequested) return SimulatorStats.Aborted;
        return context.Response.StatusCode;
    }
}
