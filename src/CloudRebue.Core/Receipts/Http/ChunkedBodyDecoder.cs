namespace CloudRebue.Core.Receipts.Http
{
    /// <summary>
    /// Decodes a chunked body as it arrives, into a <see cref="PooledBody"/> that refuses (413) the
    /// first byte over the cap, so an endless chunked body costs at most cap + one buffer. Chunk
    /// extensions and trailers are read and dropped; their lines are bounded too.
    /// </summary>
    internal sealed class ChunkedBodyDecoder
    {
        private const int MaxLineBytes = 1024;
        private const int MaxTrailerBytes = 8192;

        private readonly PooledBody _body;
        private State _state = State.Size;
        private long _chunkLeft;
        private int _lineBytes;
        private int _trailerBytes;
        private bool _sizeSeen;
        private bool _inExtension;

        public ChunkedBodyDecoder(PooledBody body) => _body = body;

        private enum State
        {
            Size,
            SizeLf,
            Data,
            DataCr,
            DataLf,
            Trailer,
            Done,
        }

        public bool IsDone => _state == State.Done;

        /// <summary>Consumes what it can of input[offset..offset+count) and returns how much; throws 400 or 413.</summary>
        public int Decode(byte[] input, int offset, int count)
        {
            int i = offset;
            int end = offset + count;
            while (i < end && _state != State.Done)
            {
                byte b = input[i];
                switch (_state)
                {
                    case State.Size:
                        i++;
                        CountLine();
                        if (b == '\r')
                        {
                            _state = State.SizeLf;
                        }
                        else if (b == '\n')
                        {
                            EndSizeLine();
                        }
                        else if (b == ';' || _inExtension)
                        {
                            _inExtension = true;
                        }
                        else
                        {
                            AddHexDigit(b);
                        }

                        break;
                    case State.SizeLf:
                        i++;
                        if (b != '\n')
                        {
                            throw Malformed();
                        }

                        EndSizeLine();
                        break;
                    case State.Data:
                        int take = (int)System.Math.Min(_chunkLeft, end - i);
                        _body.Append(input, i, take);
                        i += take;
                        _chunkLeft -= take;
                        if (_chunkLeft == 0)
                        {
                            _state = State.DataCr;
                        }

                        break;
                    case State.DataCr:
                        i++;
                        _state = b == '\r' ? State.DataLf : b == '\n' ? State.Size : throw Malformed();
                        break;
                    case State.DataLf:
                        i++;
                        _state = b == '\n' ? State.Size : throw Malformed();
                        break;
                    case State.Trailer:
                        i++;
                        if (++_trailerBytes > MaxTrailerBytes)
                        {
                            throw Malformed();
                        }

                        if (b == '\n')
                        {
                            // An empty line (only \r before \n, or nothing) ends the trailers.
                            _state = _lineBytes == 0 ? State.Done : State.Trailer;
                            _lineBytes = 0;
                        }
                        else if (b != '\r')
                        {
                            _lineBytes++;
                        }

                        break;
                }
            }

            return i - offset;
        }

        private void CountLine()
        {
            if (++_lineBytes > MaxLineBytes)
            {
                throw Malformed();
            }
        }

        private void AddHexDigit(byte b)
        {
            int digit = b >= '0' && b <= '9' ? b - '0' : b >= 'a' && b <= 'f' ? b - 'a' + 10 : b >= 'A' && b <= 'F' ? b - 'A' + 10 : -1;
            if (digit < 0 || _chunkLeft > (long.MaxValue >> 8))
            {
                throw Malformed();
            }

            _chunkLeft = (_chunkLeft << 4) + digit;
            _sizeSeen = true;
        }

        private void EndSizeLine()
        {
            if (!_sizeSeen)
            {
                throw Malformed();
            }

            _state = _chunkLeft == 0 ? State.Trailer : State.Data;
            _lineBytes = 0;
            _sizeSeen = false;
            _inExtension = false;
        }

        private static ReceiptRequestException Malformed() => new ReceiptRequestException(400, "The chunked body is malformed.");
    }
}
