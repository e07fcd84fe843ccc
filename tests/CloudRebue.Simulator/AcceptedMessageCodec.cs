namespace CloudRebue.Simulator;

/// <summary>
/// The stored form of an <see cref="AcceptedMessage"/>: its fields in declaration order, strings
/// as UTF-8 (null kept apart from empty), the unit count as a number. A typical message takes
/// under 200 bytes and, once written, no object of its own.
/// </summary>
internal static class AcceptedMessageCodec
{
    /// <summary>An upper bound of the encoded size, to reserve room before writing.</summary>
    public static int MaxSize(AcceptedMessage m) => checked(
        RecordWriter.MaxStringSize(m.CorrelatorJson)
        + RecordWriter.MaxStringSize(m.Phone)
        + RecordWriter.MaxStringSize(m.Sender)
        + RecordWriter.MaxStringSize(m.Message)
        + RecordWriter.MaxStringSize(m.LinkIdJson)
        + RecordWriter.MaxStringSize(m.Endpoint)
        + RecordWriter.MaxStringSize(m.UniqueId)
        + RecordWriter.MaxStringSize(m.BatchId)
        + RecordWriter.MaxNumberSize
        + RecordWriter.MaxStringSize(m.Fault)
        + RecordWriter.MaxStringSize(m.TimeToSend));

    /// <summary>Encodes the message into <paramref name="destination"/>; returns the bytes written.</summary>
    public static int Write(AcceptedMessage m, Span<byte> destination)
    {
        var writer = new RecordWriter(destination);
        writer.WriteString(m.CorrelatorJson);
        writer.WriteString(m.Phone);
        writer.WriteString(m.Sender);
        writer.WriteString(m.Message);
        writer.WriteString(m.LinkIdJson);
        writer.WriteString(m.Endpoint);
        writer.WriteString(m.UniqueId);
        writer.WriteString(m.BatchId);
        writer.WriteNumber((uint)m.SmsUnits);
        writer.WriteString(m.Fault);
        writer.WriteString(m.TimeToSend);
        return writer.Position;
    }

    /// <summary>Decodes the message that starts at <paramref name="reader"/>'s position.</summary>
    public static AcceptedMessage Read(ref RecordReader reader) => new(
        CorrelatorJson: reader.ReadString(),
        Phone: reader.ReadRequiredString(),
        Sender: reader.ReadRequiredString(),
        Message: reader.ReadRequiredString(),
        LinkIdJson: reader.ReadString(),
        Endpoint: reader.ReadString(),
        UniqueId: reader.ReadRequiredString(),
        BatchId: reader.ReadRequiredString(),
        SmsUnits: (int)reader.ReadNumber(),
        Fault: reader.ReadString(),
        TimeToSend: reader.ReadString());
}
