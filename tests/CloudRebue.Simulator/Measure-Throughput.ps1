<#
.SYNOPSIS
    Measures how many send-sms requests the simulator serves on this machine, to show it is not the
    bottleneck of the benchmark (which needs 120 requests/s of 100-message batches with 50 ms latency).
.DESCRIPTION
    Starts the built simulator with the rate limit lifted, then runs a bounded load on loopback only:
    -Clients concurrent senders for -Seconds, each posting 100-message batches back to back.
    Reports requests/s, messages/s, latency percentiles and the simulator's CPU use.
.EXAMPLE
    dotnet pwsh tests/CloudRebue.Simulator/Measure-Throughput.ps1 -Clients 16 -Seconds 5 -LatencyMs 50
#>
[CmdletBinding()]
param(
    [ValidateRange(1, 64)] [int] $Clients = 16,
    [ValidateRange(1, 30)] [int] $Seconds = 5,
    [ValidateRange(0, 1000)] [int] $LatencyMs = 50,
    [ValidateRange(1, 100)] [int] $BatchSize = 100,
    [string] $Configuration = 'Release'
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../Pester/SimulatorHelpers.psm1') -Force

Add-Type -TypeDefinition @'
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.Tasks;

public static class SimulatorLoad
{
    public static async Task<double[]> RunAsync(string sendUri, string token, string body, int clients, int seconds)
    {
        var handler = new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = clients };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        byte[] payload = Encoding.UTF8.GetBytes(body);
        long deadline = Stopwatch.GetTimestamp() + seconds * Stopwatch.Frequency;
        var perClient = new List<double>[clients];
        var workers = Enumerable.Range(0, clients).Select(async i =>
        {
            var latencies = perClient[i] = new List<double>();
            while (Stopwatch.GetTimestamp() < deadline)
            {
                var request = new HttpRequestMessage(HttpMethod.Post, sendUri) { Content = new ByteArrayContent(payload) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                long start = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(request).ConfigureAwait(false);
                byte[] answer = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                if ((int)response.StatusCode != 200 || answer.Length == 0) throw new InvalidOperationException("Unexpected answer " + (int)response.StatusCode);
                latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }).ToArray();
        await Task.WhenAll(workers).ConfigureAwait(false);
        return perClient.SelectMany(l => l).OrderBy(x => x).ToArray();
    }
}
'@

$messages = foreach ($i in 1..$BatchSize) {
    @{ sender = 'BENCH'; message = "Your invoice $i is ready. Pay by Friday to avoid a late fee."; phone = '07{0:D8}' -f (12000000 + $i); correlator = "bench-$i" }
}
$body = ConvertTo-Json @($messages) -Compress

$sim = Start-RebueSimulator -Configuration $Configuration -ArgumentList '--rate-limit', '0', '--latency-ms', $LatencyMs
try {
    # A short warm-up so JIT and connection setup are not measured.
    $null = [SimulatorLoad]::RunAsync("$($sim.BaseUri)/send-sms", $sim.Token, $body, $Clients, 1).GetAwaiter().GetResult()
    Reset-RebueSimulator $sim

    $cpuBefore = $sim.Process.TotalProcessorTime
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $latencies = [SimulatorLoad]::RunAsync("$($sim.BaseUri)/send-sms", $sim.Token, $body, $Clients, $Seconds).GetAwaiter().GetResult()
    $watch.Stop()
    $sim.Process.Refresh()
    $cpu = ($sim.Process.TotalProcessorTime - $cpuBefore).TotalSeconds

    $stats = Get-RebueSimulatorStats $sim
    $elapsed = $watch.Elapsed.TotalSeconds
    [pscustomobject]@{
        Clients              = $Clients
        Seconds              = [math]::Round($elapsed, 2)
        LatencyMsAdded       = $LatencyMs
        BatchSize            = $BatchSize
        Requests             = $latencies.Count
        RequestsPerSecond    = [math]::Round($latencies.Count / $elapsed, 1)
        MessagesPerSecond    = [math]::Round($stats.acceptedMessages / $elapsed, 0)
        P50Ms                = [math]::Round($latencies[[int]($latencies.Count * 0.50)], 1)
        P99Ms                = [math]::Round($latencies[[math]::Min($latencies.Count - 1, [int]($latencies.Count * 0.99))], 1)
        SimulatorCpuPercent  = [math]::Round(100 * $cpu / $elapsed / [Environment]::ProcessorCount, 1)
        AcceptedMessages     = $stats.acceptedMessages
    }
}
finally {
    Stop-RebueSimulator $sim
}
