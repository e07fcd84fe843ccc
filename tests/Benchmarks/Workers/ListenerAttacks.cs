// The attack suite against Start-RebueReceiptListener (issue 15): for one attack at a time, many
// hostile loopback connections, while a stand-in for the provider posts a real receipt on a fresh
// connection every few tens of milliseconds and times its answer, and the listener process's memory
// is sampled. Bounded: every loop ends at the attack's deadline, and every socket is closed then.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

public sealed class AttackResult
{
    public string Attack = "";
    public int Connections;
    public bool Alive;
    public double PeakMemoryMB;
    public int RealSent;
    public int RealAnswered;
    public double RealP50Ms;
    public double RealP99Ms;
    public double RealMaxMs;
    public long AttackConnects;
    public long AttackBytes;
    public string RealFailures = "";
}

public static class ListenerAttacks
{
    // An attack name may carry a label after '@' (slow-headers@over-cap): the part before it is the attack.
    public static readonly string[] Names = { "idle", "slow-headers", "slow-bodies", "pipelined", "garbage", "oversized", "over-cap" };

    private sealed class Counters
    {
        public long Connects;
        public long Bytes;
    }

    /// <summary>Runs one attack for <paramref name="seconds"/> (after a ramp-up of <paramref name="rampSeconds"/>) and reports.</summary>
    public static AttackResult Run(string attack, int port, string path, int connections, double rampSeconds, double seconds, int realIntervalMs, int listenerPid)
    {
        var counters = new Counters();
        var listener = Process.GetProcessById(listenerPid);
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(rampSeconds + seconds)))
        {
            CancellationToken token = stop.Token;
            double peak = 0;
            Task memory = Task.Run(async () =>
            {
                while (!token.IsCancellationRequested)
                {
                    listener.Refresh();
                    if (!listener.HasExited)
                    {
                        peak = Math.Max(peak, listener.WorkingSet64 / 1048576.0);
                    }

                    try { await Task.Delay(100, token); } catch (OperationCanceledException) { }
                }
            });

            // Attackers start spread over the ramp, as a flood of SYNs beyond the backlog would only
            // measure the kernel's SYN retransmission, not the listener.
            var attackers = new List<Task>(connections);
            for (int i = 0; i < connections; i++)
            {
                int index = i;
                int delay = (int)(rampSeconds * 1000 * i / Math.Max(1, connections));
                attackers.Add(Task.Run(async () =>
                {
                    try
                    {
                        await Task.Delay(delay, token);
                        await AttackOne(attack, index, port, path, counters, token);
                    }
                    catch (Exception)
                    {
                        // The deadline, or a connection the listener refused or closed: the attack is over for this one.
                    }
                }));
            }

            // The provider's stand-in runs on a thread of its own with blocking sockets, so the
            // attackers' busy thread pool in this process does not add to the latency it measures.
            var times = new List<double>();
            var failures = new List<string>();
            var real = new Thread(() =>
            {
                if (token.WaitHandle.WaitOne(TimeSpan.FromSeconds(rampSeconds)))
                {
                    return;
                }

                int n = 0;
                while (!token.IsCancellationRequested)
                {
                    string failure;
                    times.Add(PostRealReceipt(port, path, attack + "-" + listenerPid + "-" + n++, out failure));
                    if (failure != null)
                    {
                        failures.Add(failure);
                    }

                    token.WaitHandle.WaitOne(realIntervalMs);
                }
            }) { IsBackground = true, Priority = ThreadPriority.AboveNormal };
            real.Start();

            Task.WaitAll(attackers.ToArray(), TimeSpan.FromSeconds(rampSeconds + seconds + 15));
            real.Join(TimeSpan.FromSeconds(10));
            memory.Wait(TimeSpan.FromSeconds(5));
            List<double> answered = times.Where(t => t >= 0).OrderBy(t => t).ToList();
            listener.Refresh();
            return new AttackResult
            {
                Attack = attack,
                Connections = connections,
                Alive = !listener.HasExited,
                PeakMemoryMB = Math.Round(peak, 1),
                RealSent = times.Count,
                RealAnswered = answered.Count,
                RealP50Ms = Percentile(answered, 0.50),
                RealP99Ms = Percentile(answered, 0.99),
                RealMaxMs = answered.Count == 0 ? double.NaN : Math.Round(answered[answered.Count - 1], 1),
                AttackConnects = Interlocked.Read(ref counters.Connects),
                AttackBytes = Interlocked.Read(ref counters.Bytes),
                RealFailures = string.Join("; ", failures.GroupBy(f => f).Select(g => g.Count() + "x " + g.Key)),
            };
        }
    }

    private static double Percentile(List<double> sorted, double p)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        int index = (int)Math.Ceiling(p * sorted.Count) - 1;
        return Math.Round(sorted[Math.Max(0, Math.Min(sorted.Count - 1, index))], 1);
    }

    // Milliseconds from connect to the status line of a 200, or -1 (another answer, none within 5 s, or a failure).
    private static double PostRealReceipt(int port, string path, string id, out string failure)
    {
        failure = null;
        string body = "{\"phone\":\"254712345678\",\"uniqueId\":\"real-" + id + "\",\"deliveryStatus\":\"DeliveredToTerminal\",\"deliveryTime\":\"2020-01-01 00:00:00\"}";
        byte[] request = Encoding.ASCII.GetBytes("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " + body.Length + "\r\n\r\n" + body);
        var clock = Stopwatch.StartNew();
        using (var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 5000, SendTimeout = 5000, NoDelay = true })
        {
            try
            {
                if (!socket.ConnectAsync("127.0.0.1", port).Wait(5000))
                {
                    failure = "no connection within 5 s";
                    return -1;
                }

                socket.Send(request);
                var answer = new byte[64];
                int have = 0;
                while (have < 12)
                {
                    int read = socket.Receive(answer, have, answer.Length - have, SocketFlags.None);
                    if (read == 0)
                    {
                        failure = "closed without an answer after " + (int)clock.Elapsed.TotalMilliseconds + " ms";
                        return -1;
                    }

                    have += read;
                }

                string status = Encoding.ASCII.GetString(answer, 0, 12);
                failure = status == "HTTP/1.1 200" ? null : "answered " + status;
                return failure == null ? clock.Elapsed.TotalMilliseconds : -1;
            }
            catch (Exception ex)
            {
                failure = ex.GetBaseException().GetType().Name + ": " + ex.GetBaseException().Message;
                return -1;
            }
        }
    }

    private static async Task<Socket> Connect(int port, Counters counters, CancellationToken token)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync("127.0.0.1", port, token);
            Interlocked.Increment(ref counters.Connects);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task Send(Socket socket, byte[] bytes, Counters counters, CancellationToken token)
    {
        await socket.SendAsync(bytes, SocketFlags.None, token);
        Interlocked.Add(ref counters.Bytes, bytes.Length);
    }

    // Reads and drops until the listener closes the connection (or the deadline).
    private static async Task DrainUntilClosed(Socket socket, CancellationToken token)
    {
        var sink = new byte[16384];
        while (await socket.ReceiveAsync(sink, SocketFlags.None, token) > 0)
        {
        }
    }

    private static async Task AttackOne(string attack, int index, int port, string path, Counters counters, CancellationToken token)
    {
        var random = new Random(index);
        while (!token.IsCancellationRequested)
        {
            using (Socket socket = await Connect(port, counters, token))
            {
                try
                {
                    switch (attack.Split('@')[0])
                    {
                        case "idle":
                            // Connect and hold, as in the issue: never send a byte, never reconnect.
                            await DrainUntilClosed(socket, token);
                            await Task.Delay(Timeout.Infinite, token);
                            break;
                        case "over-cap":
                            // Hold, and reconnect the moment the listener closes us: constant pressure on the cap.
                            await DrainUntilClosed(socket, token);
                            break;
                        case "slow-headers":
                            await Send(socket, Encoding.ASCII.GetBytes("POST " + path + " HTTP/1.1\r\nHost: x\r\n"), counters, token);
                            Task closed = DrainUntilClosed(socket, token);
                            while (!closed.IsCompleted)
                            {
                                await Send(socket, Encoding.ASCII.GetBytes("X-" + random.Next() + ": y\r\n"), counters, token);
                                await Task.WhenAny(closed, Task.Delay(1000, token));
                            }

                            break;
                        case "slow-bodies":
                            await Send(socket, Encoding.ASCII.GetBytes("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{"), counters, token);
                            Task ended = DrainUntilClosed(socket, token);
                            while (!ended.IsCompleted)
                            {
                                await Send(socket, Encoding.ASCII.GetBytes(" "), counters, token);
                                await Task.WhenAny(ended, Task.Delay(500, token));
                            }

                            break;
                        case "pipelined":
                            // Bursts of 50 requests in one write, answers read concurrently, on one connection.
                            var burst = new StringBuilder();
                            for (int i = 0; i < 50; i++)
                            {
                                burst.Append("GET /probe/").Append(i).Append(" HTTP/1.1\r\nHost: x\r\n\r\n");
                            }

                            byte[] bytes = Encoding.ASCII.GetBytes(burst.ToString());
                            Task reading = DrainUntilClosed(socket, token);
                            while (!reading.IsCompleted)
                            {
                                await Send(socket, bytes, counters, token);
                            }

                            break;
                        case "garbage":
                            byte[] junk;
                            if (index % 3 == 0)
                            {
                                junk = new byte[4096];
                                random.NextBytes(junk);
                            }
                            else
                            {
                                // Bodies that are not UTF-8, or hold an unpaired surrogate escape, on the secret path.
                                byte[] payload = index % 3 == 1
                                    ? new byte[] { (byte)'{', (byte)'"', (byte)'p', (byte)'"', (byte)':', (byte)'"', 0xC3, 0x28, 0xFF, (byte)'"', (byte)'}' }
                                    : Encoding.ASCII.GetBytes("{\"phone\":\"\\ud800\",\"uniqueId\":\"u\",\"deliveryStatus\":\"x\"}");
                                byte[] head = Encoding.ASCII.GetBytes("POST " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: " + payload.Length + "\r\n\r\n");
                                junk = head.Concat(payload).ToArray();
                            }

                            await Send(socket, junk, counters, token);
                            await DrainUntilClosed(socket, token);
                            break;
                        case "oversized":
                            string announce = index % 2 == 0
                                ? "POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000\r\n\r\n"
                                : "POST " + path + " HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
                            await Send(socket, Encoding.ASCII.GetBytes(announce), counters, token);
                            byte[] chunk = Encoding.ASCII.GetBytes((index % 2 == 0 ? "" : "FFFF\r\n") + new string('x', 65535) + (index % 2 == 0 ? "" : "\r\n"));
                            Task gone = DrainUntilClosed(socket, token);
                            while (!gone.IsCompleted)
                            {
                                await Send(socket, chunk, counters, token);
                            }

                            break;
                        default:
                            throw new ArgumentException("Unknown attack " + attack);
                    }
                }
                catch (Exception) when (!token.IsCancellationRequested)
                {
                    // Reset or closed by the listener: that is the listener defending itself; go again.
                }
            }
        }
    }
}
