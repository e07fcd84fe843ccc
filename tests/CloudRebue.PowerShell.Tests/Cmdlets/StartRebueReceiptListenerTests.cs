using System.Diagnostics;
using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using CloudRebue.Core.Receipts;
using Xunit;
using static CloudRebue.PowerShell.Tests.ListenerSession;

namespace CloudRebue.PowerShell.Tests.Cmdlets;

public class StartRebueReceiptListenerTests : IDisposable
{
    private readonly PowerShellRunner _ps = new();

    public void Dispose() => _ps.Dispose();

    [Fact]
    public async Task ReceiptsOnAWrongPathAreWarnedAboutWithoutTheSecret()
    {
        using var session = ListenerSession.Start(_ps.Runspace, "-Count 1");
        Assert.Equal(HttpStatusCode.NotFound, (await session.PostAsync(ReceiptJson("typo"), "/receipts/" + Secret.Substring(1))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await session.PostAsync(ReceiptJson("right"))).StatusCode);
        session.End();
        string warning = Assert.Single(session.PowerShell.Streams.Warning).Message;
        Assert.Contains("1 request(s) came to a path other than the receipt path", warning);
        Assert.Contains("/receipts/***", warning);
        Assert.DoesNotContain(Secret.Substring(1), warning);
    }

    [Fact]
    public async Task CountEndsItAfterThatManyReceipts()
    {
        using var session = ListenerSession.Start(_ps.Runspace, "-Count 2");
        Assert.Equal(HttpStatusCode.OK, (await session.PostAsync(ReceiptJson("a"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await session.PostAsync("[" + ReceiptJson("b", "DeliveryImpossible") + "]")).StatusCode);

        var receipts = session.End();

        Assert.Equal(new[] { "a", "b" }, receipts.Select(r => r.UniqueId));
        Assert.Equal(new[] { true, false }, receipts.Select(r => r.Delivered));
        Assert.Equal("c-a", receipts[0].Correlator);
        Assert.Equal(TimeSpan.FromHours(3), receipts[0].DeliveryTime!.Value.Offset);
        Assert.Equal("127.0.0.1", receipts[0].RemoteAddress);
        Assert.Empty(session.PowerShell.Streams.Error);
        Assert.Equal(PSInvocationState.Completed, session.PowerShell.InvocationStateInfo.State);
    }

    [Fact]
    public async Task TimeoutEndsItAndWritesWhatArrivedBefore()
    {
        using var session = ListenerSession.Start(_ps.Runspace, "-Timeout 1");
        Assert.Equal(HttpStatusCode.OK, (await session.PostAsync(ReceiptJson("before"))).StatusCode);

        var receipts = session.End();

        Assert.Equal("before", Assert.Single(receipts).UniqueId);
        Assert.Empty(session.PowerShell.Streams.Error);
        Assert.Contains(session.PowerShell.Streams.Verbose, v => v.Message.StartsWith("Stopped listening", StringComparison.Ordinal));
    }

    [Fact]
    public void TimeoutTakesATimeSpanToo()
    {
        using var session = ListenerSession.Start(_ps.Runspace, "-Timeout '00:00:00.2'");
        Assert.Empty(session.End());
        Assert.Empty(session.PowerShell.Streams.Error);
    }

    [Fact]
    public void APortInUseIsATerminatingBindFailure()
    {
        var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        try
        {
            int port = ((IPEndPoint)occupant.LocalEndpoint).Port;
            var result = RunWith(port);

            ErrorRecord error = TheOnlyError(result);
            Assert.StartsWith("CloudRebue.ListenerBindFailed", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ResourceUnavailable, error.CategoryInfo.Category);
            Assert.IsType<ReceiptListenerBindException>(error.Exception);
            Assert.Contains("already in use", error.Exception.Message);
            Assert.DoesNotContain(Secret, error.ToString() + error.Exception);
        }
        finally
        {
            occupant.Stop();
        }
    }

    [Fact]
    public async Task ItCanBeStartedAgainOnTheSamePortInTheSameRunspace()
    {
        int port;
        using (var first = ListenerSession.Start(_ps.Runspace, "-Count 1"))
        {
            port = first.Port;
            await first.PostAsync(ReceiptJson("first"));
            Assert.Equal("first", Assert.Single(first.End()).UniqueId);
        }

        using var second = ListenerSession.Start(_ps.Runspace, "-Count 1", port: port);
        await second.PostAsync(ReceiptJson("second"));
        Assert.Equal("second", Assert.Single(second.End()).UniqueId);
        Assert.Empty(second.PowerShell.Streams.Error);
    }

    [Fact]
    public async Task SelectFirstEndsItAndReleasesThePort()
    {
        int port;
        using (var first = ListenerSession.Start(_ps.Runspace, pipeline: "| Select-Object -First 1"))
        {
            port = first.Port;
            await first.PostAsync(ReceiptJson("only"));
            Assert.Single(first.Output);
            first.End();
        }

        using var again = ListenerSession.Start(_ps.Runspace, "-Timeout 0.2", port: port);
        again.End();
        Assert.Empty(again.PowerShell.Streams.Error);
    }

    [Fact]
    public async Task CtrlCStopsItWithinTwoSecondsWithNoErrorAndFreesThePort()
    {
        var session = ListenerSession.Start(_ps.Runspace);
        await session.PostAsync(ReceiptJson("before-stop"));

        var clock = Stopwatch.StartNew();
        session.PowerShell.Stop();
        clock.Stop();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"Stop took {clock.Elapsed}");
        Assert.Equal(PSInvocationState.Stopped, session.PowerShell.InvocationStateInfo.State);
        Assert.Empty(session.PowerShell.Streams.Error);

        var probe = new TcpListener(IPAddress.Loopback, session.Port);
        probe.Start();
        probe.Stop();
        session.Dispose();
    }

    [Fact]
    public async Task TheSecretNeverAppearsInVerboseWarningsOrErrors()
    {
        using var session = ListenerSession.Start(_ps.Runspace, "-Count 1");
        await session.PostAsync(ReceiptJson("x"), "/receipts/" + Secret.Substring(0, 31));
        await session.PostAsync("{ not json", SecretPath);
        var get = await new HttpClient().GetAsync(session.ReceiptUrl);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
        await session.PostAsync(ReceiptJson("ok"));
        session.End();

        var text = session.AllText().ToList();
        Assert.Contains(text, t => t.Contains("/receipts/***", StringComparison.Ordinal));
        Assert.Contains(text, t => t.Contains("404", StringComparison.Ordinal));
        Assert.Contains(text, t => t.Contains("400", StringComparison.Ordinal));
        Assert.All(text, t => Assert.DoesNotContain(Secret.Substring(0, 12), t));
    }

    [Fact]
    public void AnInvalidPathIsAnInvalidArgumentErrorThatDoesNotRepeatIt()
    {
        var result = _ps.Run("Start-RebueReceiptListener -ListenAddress 127.0.0.1 -Port 1 -Path $path",
            new Dictionary<string, object?> { ["path"] = "/receipts/Zq9Kx7 Wm" });

        ErrorRecord error = TheOnlyError(result);
        Assert.StartsWith("CloudRebue.ListenerInvalidArgument", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.DoesNotContain("Zq9Kx7", error.ToString() + error.Exception);
    }

    [Fact]
    public void AShortSecretIsWarnedAbout()
    {
        var result = _ps.Run("Start-RebueReceiptListener -ListenAddress 127.0.0.1 -Port $port -Path /receipts/abc -Timeout 0.1",
            new Dictionary<string, object?> { ["port"] = FreePort() });

        Assert.Contains(result.Warnings, w => w.Contains("only 3 characters", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Warnings, w => w.Contains("abc", StringComparison.Ordinal));
    }

    [Fact]
    public void PrefixRefusesHttpsWithAnInvalidArgumentError()
    {
        var result = _ps.Run("Start-RebueReceiptListener -Prefix 'https://+:8443/' -Path $path",
            new Dictionary<string, object?> { ["path"] = SecretPath });
        Assert.StartsWith("CloudRebue.ListenerInvalidArgument", TheOnlyError(result).FullyQualifiedErrorId);
    }

    [Theory]
    [InlineData("bad host")]
    [InlineData("192.0.2.7")]
    public void ABadListenAddressIsItsOwnErrorNotAPortInUse(string address)
    {
        var result = _ps.Run("Start-RebueReceiptListener -ListenAddress $address -Port 0 -Path $path -Timeout 1",
            new Dictionary<string, object?> { ["address"] = address, ["path"] = SecretPath });

        ErrorRecord error = TheOnlyError(result);
        Assert.StartsWith("CloudRebue.ListenerInvalidAddress", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.DoesNotContain("in use", error.Exception.Message);
        Assert.DoesNotContain(Secret, error.ToString() + error.Exception);
    }

    [Fact]
    public async Task PortZeroListensOnAFreePortNamedInTheVerboseStream()
    {
        var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = _ps.Runspace;
        ps.AddScript("param($path) Start-RebueReceiptListener -ListenAddress 127.0.0.1 -Port 0 -Path $path -Count 1 -Verbose").AddParameter("path", SecretPath);
        using var listening = new ManualResetEventSlim();
        string? line = null;
        ps.Streams.Verbose.DataAdded += (sender, e) =>
        {
            string message = ((PSDataCollection<VerboseRecord>)sender!)[e.Index].Message;
            if (message.StartsWith("Listening", StringComparison.Ordinal))
            {
                line = message;
                listening.Set();
            }
        };
        var async = ps.BeginInvoke();
        Assert.True(listening.Wait(TimeSpan.FromSeconds(30)));

        var port = int.Parse(System.Text.RegularExpressions.Regex.Match(line!, @"http://127\.0\.0\.1:(\d+)/receipts/\*\*\*").Groups[1].Value);
        Assert.NotEqual(0, port);
        using var client = new HttpClient();
        var response = await client.PostAsync($"http://127.0.0.1:{port}{SecretPath}", new StringContent(ReceiptJson("zero")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(async.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(30)));
        Assert.Equal("zero", Assert.IsType<DeliveryReceipt>(Assert.Single(ps.EndInvoke(async)).BaseObject).UniqueId);
        ps.Dispose();
    }

    [Fact]
    public void TheLimitsAreParametersThatTakeSeconds()
    {
        using var session = ListenerSession.Start(_ps.Runspace, "-Timeout 0.2 -MaxConnections 8 -IdleTimeout 5 -HeaderTimeout 2.5 -BodyTimeout '00:00:03'");
        session.End();
        Assert.Empty(session.PowerShell.Streams.Error);
        Assert.Contains(session.PowerShell.Streams.Verbose, v => v.Message.Contains("at most 8 connections; timeouts: idle 5 s, headers 2.5 s, body 3 s", StringComparison.Ordinal));
    }

    // A terminating error ends the statement: in a script it lands in the error stream, at the top
    // level it is thrown. Either way there is exactly one, and no output.
    private static ErrorRecord TheOnlyError(RunResult result)
    {
        Assert.Empty(result.Output);
        return result.Terminating?.ErrorRecord ?? Assert.Single(result.Errors);
    }

    private RunResult RunWith(int port) =>
        _ps.Run("Start-RebueReceiptListener -ListenAddress 127.0.0.1 -Port $port -Path $path",
            new Dictionary<string, object?> { ["port"] = port, ["path"] = SecretPath });
}
