namespace CloudRebue.Simulator;

/// <summary>One recipient of one accepted voice-sms call, as GET /_sim/calls reports it.</summary>
internal sealed record VoiceCall(
    string? CorrelatorJson,
    string Phone,
    string Originator,
    string Message,
    int Voice,
    int Repeat,
    string? Endpoint,
    string UniqueId,
    string BatchId,
    string? Fault,
    string? TimeToSend = null);
