using System.Collections;

namespace CloudRebue.Simulator;

/// <summary>
/// A snapshot of the store: the chunks written so far, decoded into <see cref="AcceptedMessage"/>
/// records only while enumerated, so GET /_sim/messages never holds a million records at once.
/// </summary>
internal sealed class StoredMessages(ReadOnlyMemory<byte>[] chunks, int count) : IReadOnlyCollection<AcceptedMessage>
{
    public int Count { get; } = count;

    public IEnumerator<AcceptedMessage> GetEnumerator()
    {
        foreach (var chunk in chunks)
        {
            for (int position = 0; position < chunk.Length;)
            {
                // A ref struct cannot live across a yield, so each message gets a fresh reader.
                var reader = new RecordReader(chunk.Span[position..]);
                var message = AcceptedMessageCodec.Read(ref reader);
                position += reader.Position;
                yield return message;
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
