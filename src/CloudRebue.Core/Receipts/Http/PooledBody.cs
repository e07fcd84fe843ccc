using System;
using System.Buffers;

namespace CloudRebue.Core.Receipts.Http
{
    /// <summary>
    /// A request body in a buffer rented from <see cref="ArrayPool{T}.Shared"/>, grown by doubling
    /// and never past its cap + 1 (one byte over is how "over the cap" is told from "exactly the cap").
    /// </summary>
    internal sealed class PooledBody : IDisposable
    {
        private const int InitialBytes = 4096;
        private readonly int _maxBytes;
        private byte[] _buffer;

        public PooledBody(int expectedBytes, int maxBytes)
        {
            _maxBytes = maxBytes;
            _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, Math.Min(expectedBytes, maxBytes + 1)));
        }

        public static PooledBody Growing(int maxBytes) => new PooledBody(Math.Min(InitialBytes, maxBytes + 1), maxBytes);

        public int Length { get; private set; }

        public byte[] Array => _buffer;

        public ArraySegment<byte> Content => new ArraySegment<byte>(_buffer, 0, Length);

        /// <summary>Room to receive into directly, at most <paramref name="wanted"/> bytes.</summary>
        public ArraySegment<byte> Free(int wanted)
        {
            EnsureRoom(Math.Min(wanted, _maxBytes + 1 - Length));
            return new ArraySegment<byte>(_buffer, Length, Math.Min(wanted, _buffer.Length - Length));
        }

        public void Advance(int count) => Length += count;

        /// <summary>Appends bytes; throws 413 once the body is over the cap.</summary>
        public void Append(byte[] source, int offset, int count)
        {
            if (Length + count > _maxBytes)
            {
                throw new ReceiptRequestException(413, "The body is larger than " + _maxBytes + " bytes.");
            }

            EnsureRoom(count);
            Buffer.BlockCopy(source, offset, _buffer, Length, count);
            Length += count;
        }

        public void Dispose()
        {
            byte[] buffer = _buffer;
            _buffer = System.Array.Empty<byte>();
            if (buffer.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        private void EnsureRoom(int count)
        {
            if (Length + count <= _buffer.Length)
            {
                return;
            }

            int size = Math.Min(Math.Max(_buffer.Length * 2, Length + count), _maxBytes + 1);
            byte[] bigger = ArrayPool<byte>.Shared.Rent(size);
            Buffer.BlockCopy(_buffer, 0, bigger, 0, Length);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }
    }
}
