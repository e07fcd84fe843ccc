namespace CloudRebue.Simulator;

/// <summary>
/// One recipient of one accepted message, as GET /_sim/messages reports it. The correlator is kept
/// as its raw JSON so it goes back out exactly as it came in (string stays string, number stays number).
/// <see cref="Fault"/> names the fault injected into the request that carried it (null for none), so a
/// test can tell exactly which accepted messages the client never got a readable answer for.
/// <see cref="TimeToSend"/> is the <c>time_to_send</c> a scheduling brand accepted (null: sent at once).
/// </summary>
internal sealed record AcceptedMessage(
    string? CorrelatorJson,
    string Phone,
    string Sender,
    string Message,
    string? LinkIdJson,
    string? Endpoint,
    string UniqueId,
    string BatchId,
    int SmsUnits,
    string? Fault,
    string? TimeToSend = null);
