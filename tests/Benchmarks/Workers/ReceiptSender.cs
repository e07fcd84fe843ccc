// Figure 6's load: a fixed number of delivery receipts POSTed by concurrent senders over loopback, as
// a provider would, each counted by the answer it got. A 503 (queue full) or a refused connection
// (the listener is not bound yet) is retried, as the provider retries; anything else is counted and
// dropped. Bounded: it stops at the deadline whatever is left.
using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

public sealed class ReceiptSendOutcome
{
    public long Acknowledged;      // answered 200
    public long Retried503;
    public long RetriedUnreachable;
    public long OtherAnswers;
    public long FirstAcknowledgedAt; // Stopwatch timestamp of the first 200
    public long LastAcknowledgedAt;  // Stopwatch timestamp of the last 200
    public bool TimedOut;
}

public static class ReceiptSender
{
    public static Task<ReceiptSendOutcome> StartAsync(string url, int total, int senders, string idPrefix, int deadlineSeconds) =>
        Task.Run(() => RunAsync(url, total, senders, idPrefix, deadlineSeconds));

    private static async Task<ReceiptSendOutcome> RunAsync(string url, int total, int senders, string idPrefix, int deadlineSeconds)
    {
        var outcome = new ReceiptSendOutcome();
        var handler = new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = senders };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(deadlineSeconds));
        int next = -1;

        async Task SendLoop()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < total)
            {
                string body = "{\"phone\":\"2547" + (12000000 + i).ToString("D8") + "\",\"correlator\":\"c1\",\"uniqueId\":\"" + idPrefix + i +
                    "\",\"deliveryStatus\":\"DeliveredToTerminal\",\"deliveryTime\":\"2026-11-24 10:00:00\"}";
                while (true)
                {
                    deadline.Token.ThrowIfCancellationRequested();
                    HttpStatusCode status;
                    try
                    {
                        using var content = new StringContent(body, Encoding.UTF8, "application/json");
                        using var response = await http.PostAsync(url, content, deadline.Token).ConfigureAwait(false);
                        status = response.StatusCode;
                    }
                    catch (HttpRequestException)
                    {
                        Interlocked.Increment(ref outcome.RetriedUnreachable);
                        await Task.Delay(10, deadline.Token).ConfigureAwait(false);
                        continue;
                    }

                    if (status == HttpStatusCode.ServiceUnavailable)
                    {
                        Interlocked.Increment(ref outcome.Retried503);
                        await Task.Delay(1, deadline.Token).ConfigureAwait(false);
                        continue;
                    }

                    if (status == HttpStatusCode.OK)
                    {
                        long now = Stopwatch.GetTimestamp();
                        Interlocked.CompareExchange(ref outcome.FirstAcknowledgedAt, now, 0);
                        InterlockedMax(ref outcome.LastAcknowledgedAt, now);
                        Interlocked.Increment(ref outcome.Acknowledged);
                    }
                    else
                    {
                        Interlocked.Increment(ref outcome.OtherAnswers);
                    }

                    break;
                }
            }
        }

        try
        {
            await Task.WhenAll(Enumerable.Range(0, senders).Select(_ => SendLoop())).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            outcome.TimedOut = true;
        }

        return outcome;
    }

    private static void InterlockedMax(ref long target, long value)
    {
        long seen;
        while ((seen = Interlocked.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
