using System;
using System.IO;

namespace CloudRebue.Core.Journal
{
    /// <summary>
    /// Splits a journal into lines as a stream, through one buffer that grows only to the longest line, so
    /// reading a journal of any size takes memory for what it says, never for the file. A UTF-8 byte order
    /// mark at the start of the file (editors on Windows add one) is skipped.
    /// </summary>
    internal static class JournalLineReader
    {
        /// <summary>No line the writer makes comes near this; a file with longer lines is not a journal.</summary>
        public const int MaxLineBytes = 16 * 1024 * 1024;

        private static readonly byte[] Bom = { 0xEF, 0xBB, 0xBF };

        public delegate void LineHandler(byte[] bytes, int start, int length, long line);

        /// <summary>Where a read stopped: the offset after the last whole line, and the unfinished tail (empty when none).</summary>
        public readonly struct Outcome
        {
            public Outcome(long offset, long nextLine, ArraySegment<byte> tail)
            {
                Offset = offset;
                NextLine = nextLine;
                Tail = tail;
            }

            public long Offset { get; }

            public long NextLine { get; }

            public ArraySegment<byte> Tail { get; }
        }

        /// <summary>Hands every whole line from <paramref name="offset"/> on to <paramref name="handler"/>.</summary>
        public static Outcome Read(Stream stream, string path, long offset, long firstLine, LineHandler handler)
        {
            stream.Seek(offset, SeekOrigin.Begin);
            byte[] buffer = new byte[64 * 1024];
            int filled = 0;
            int read;
            long line = firstLine;
            long consumed = offset;
            if (offset == 0)
            {
                while (filled < Bom.Length && (read = stream.Read(buffer, filled, Bom.Length - filled)) > 0)
                {
                    filled += read;
                }

                if (filled == Bom.Length && buffer[0] == Bom[0] && buffer[1] == Bom[1] && buffer[2] == Bom[2])
                {
                    filled = 0;
                    consumed = Bom.Length;
                }
            }

            while (true)
            {
                if (filled == buffer.Length)
                {
                    if (buffer.Length >= MaxLineBytes)
                    {
                        throw new JournalCorruptException(path, line, "a line is longer than 16 MB");
                    }

                    Array.Resize(ref buffer, Math.Min(buffer.Length * 2, MaxLineBytes));
                }

                read = stream.Read(buffer, filled, buffer.Length - filled);
                if (read == 0)
                {
                    return new Outcome(consumed, line, new ArraySegment<byte>(buffer, 0, filled));
                }

                filled += read;
                int start = 0;
                int newline;
                while ((newline = Array.IndexOf(buffer, (byte)'\n', start, filled - start)) >= 0)
                {
                    handler(buffer, start, newline - start, line);
                    line++;
                    consumed += newline + 1 - start;
                    start = newline + 1;
                }

                // Keep the unfinished line at the front for the next read.
                Buffer.BlockCopy(buffer, start, buffer, 0, filled - start);
                filled -= start;
            }
        }
    }
}
