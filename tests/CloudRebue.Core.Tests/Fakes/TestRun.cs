using CloudRebue.Core.Sending;
using Xunit;

namespace CloudRebue.Core.Tests.Fakes;

/// <summary>
/// A <see cref="SendRun"/> as the cmdlet drives it, with an output that keeps what the run writes. The run
/// stops by itself after 20 seconds, so a run that never finishes fails its test instead of hanging it.
/// </summary>
internal sealed class TestRun : ISendRunOutput, IDisposable
{
    private readonly CancellationTokenSource _deadline;
    private int _waits;

    public TestRun(ISmsBatchTransport transport, SendEngineOptions engine, ISendJournal? journal = null, TimeProvider? clock = null, Action<SendRunOptions>? configure = null)
    {
        var options = new SendRunOptions { Engine = engine, Journal = journal };
        configure?.Invoke(options);
        _deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        Run = new SendRun(transport, options, this, clock, _deadline.Token);
    }

    public SendRun Run { get; }

    /// <summary>Every result the run wrote, in the order written.</summary>
    public List<SendResult> Results { get; } = new();

    public List<string> Notices { get; } = new();

    /// <summary>How often the run waited for answers.</summary>
    public int Waits => Volatile.Read(ref _waits);

    /// <summary>Called each time the run waits (on the thread that called Add or Finish).</summary>
    public Action? OnWaiting { get; set; }

    /// <summary>Adds every message, finishes, and returns every result; fails when the run did not finish.</summary>
    public List<SendResult> SendAll(IEnumerable<OutgoingMessage> messages, string because = "the engine did not finish")
    {
        foreach (var message in messages)
        {
            Run.Add(message);
        }

        Run.Finish();
        Assert.True(Run.IsFinished, because);
        return Results;
    }

    void ISendRunOutput.Write(SendResult result) => Results.Add(result);

    void ISendRunOutput.Notice(string text) => Notices.Add(text);

    void ISendRunOutput.Waiting()
    {
        Interlocked.Increment(ref _waits);
        OnWaiting?.Invoke();
    }

    public void Dispose()
    {
        Run.Dispose();
        _deadline.Dispose();
    }
}
