namespace CloudRebue.Core.Tests.Fakes;

/// <summary>
/// A file that fills up: it writes through to <paramref name="inner"/> until <paramref name="capacity"/>
/// bytes are in, then writes what still fits and throws as a full disk does (ENOSPC after a short write).
/// </summary>
public sealed class FillingStream(Stream inner, long capacity) : Stream
{
    public int FailedWrites { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => inner.Length;

    public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count)
    {
        long room = capacity - inner.Length;
        if (count <= room)
        {
            inner.Write(buffer, offset, count);
            return;
        }

        inner.Write(buffer, offset, (int)Math.Max(0, room));
        FailedWrites++;
        throw new IOException("No space left on device");
    }

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
