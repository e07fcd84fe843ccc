using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using CloudRebue.Core.Sending;

namespace CloudRebue.Core.Journal
{
    /// <summary>
    /// Appends the journal (<see cref="JournalFormat"/>): a pending line per batch before its request goes
    /// out and a final line per batch (and state) when the outcome is known. Each batch is built in memory and written
    /// with one write, so the operating system has it even if the process is killed next. The file is
    /// opened for appending only: nothing is ever truncated or overwritten. A tail torn by an earlier crash
    /// gets its newline, and the run line that follows tells readers to skip it. After a write fails the
    /// writer writes nothing more and every call throws <see cref="JournalWriteException"/>: a half-written
    /// batch must not be followed by lines that pretend it is whole. Callers hold a <see cref="JournalLock"/>.
    /// </summary>
    internal sealed class SendJournalWriter : ISendJournal, IDisposable
    {
        private const int RecentCapacity = 1024;
        // The journal is a file, never HTML: text outside ASCII stays readable (and short) instead of \uXXXX.
        private static readonly JsonWriterOptions Options = new JsonWriterOptions { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        private readonly string _path;
        private readonly Stream _file;
        private readonly MemoryStream _buffer = new MemoryStream();
        private readonly Utf8JsonWriter _json;
        private readonly Func<object?, IReadOnlyDictionary<string, string?>?> _describeInput;
        private readonly TimeProvider _time;
        private readonly object _gate = new object();
        private readonly RecentIds<string> _texts = new RecentIds<string>(RecentCapacity, StringComparer.Ordinal);
        private readonly RecentIds<long> _rows = new RecentIds<long>(RecentCapacity, EqualityComparer<long>.Default);
        private JournalWriteException? _failed;
        private int _nextText = 1;
        private bool _disposed;

        /// <summary>Writes to <paramref name="appendStream"/>, positioned at the end of the journal.</summary>
        /// <param name="path">The journal's path, to name it in errors.</param>
        /// <param name="appendStream">Where lines go; owned (disposed) by the writer.</param>
        /// <param name="owner">Written into the header when the journal is new.</param>
        /// <param name="isNew">True when the journal is empty: a header goes first.</param>
        /// <param name="endsWithoutNewline">True when an earlier crash left a torn last line.</param>
        /// <param name="describeInput">Turns an input row into text properties to keep with its recipients.</param>
        /// <param name="timeProvider">Stamps each line; the system clock when null.</param>
        internal SendJournalWriter(string path, Stream appendStream, JournalOwner owner, bool isNew, bool endsWithoutNewline, Func<object?, IReadOnlyDictionary<string, string?>?>? describeInput, TimeProvider? timeProvider)
        {
            _path = path;
            _file = appendStream ?? throw new ArgumentNullException(nameof(appendStream));
            _describeInput = describeInput ?? (_ => null);
            _time = timeProvider ?? TimeProvider.System;
            _json = new Utf8JsonWriter(_buffer, Options);
            if (endsWithoutNewline)
            {
                _buffer.WriteByte((byte)'\n');
            }

            if (isNew)
            {
                WriteHeader(owner);
            }

            BeginLine();
            _json.WriteString(JournalFormat.Kind, JournalFormat.Run);
            _json.WriteString(JournalFormat.At, Now());
            EndLine();
            Commit();
        }

        /// <summary>Opens (or creates) the journal at <paramref name="path"/> for appending.</summary>
        public static SendJournalWriter Open(string path, JournalOwner owner, Func<object?, IReadOnlyDictionary<string, string?>?>? describeInput = null, TimeProvider? timeProvider = null)
        {
            // Empty, or only the byte order mark an editor adds to a new file: the header goes first.
            bool isNew = !File.Exists(path) || new FileInfo(path).Length == 0 || IsOnlyByteOrderMark(path);
            bool torn = !isNew && EndsWithoutNewline(path);

            // FileMode.Append: every write lands at the end, and opening never truncates. Readers may share it.
            var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
            try
            {
                return new SendJournalWriter(path, file, owner, isNew, torn, describeInput, timeProvider);
            }
            catch
            {
                file.Dispose();
                throw;
            }
        }

        public void RecordPending(IReadOnlyList<OutgoingMessage> batch)
        {
            lock (_gate)
            {
                if (!CanWrite())
                {
                    return;
                }

                // What the batch refers to comes first, then one line for the whole batch, column by column.
                var texts = new int[batch.Count];
                for (int i = 0; i < batch.Count; i++)
                {
                    texts[i] = TextId(batch[i]);
                    WriteRowOnce(batch[i]);
                }

                BeginLine();
                _json.WriteString(JournalFormat.Kind, JournalFormat.Pending);
                _json.WriteString(JournalFormat.At, Now());
                WriteColumn(JournalFormat.Correlator, batch, m => m.Correlator);
                WriteColumn(JournalFormat.Phone, batch, m => m.Phone);
                _json.WriteStartArray(JournalFormat.Text);
                foreach (int text in texts)
                {
                    _json.WriteNumberValue(text);
                }

                _json.WriteEndArray();
                _json.WriteStartArray(JournalFormat.Row);
                foreach (OutgoingMessage m in batch)
                {
                    _json.WriteNumberValue(m.Row);
                }

                _json.WriteEndArray();
                EndLine();
                Commit();
            }
        }

        public void RecordFinal(IReadOnlyList<SendResult> results)
        {
            lock (_gate)
            {
                if (!CanWrite())
                {
                    return;
                }

                // One line per state in the batch (usually one: all Queued).
                string at = Now();
                foreach (JournalState state in new[] { JournalState.Queued, JournalState.Failed, JournalState.Unknown })
                {
                    var group = new List<SendResult>(results.Count);
                    foreach (SendResult r in results)
                    {
                        if (StateOf(r) == state)
                        {
                            group.Add(r);
                        }
                    }

                    if (group.Count == 0)
                    {
                        continue;
                    }

                    BeginLine();
                    _json.WriteString(JournalFormat.Kind, JournalFormat.Final);
                    _json.WriteString(JournalFormat.At, at);
                    _json.WriteString(JournalFormat.State, state.ToString());
                    WriteColumn(JournalFormat.Correlator, group, r => r.Correlator);
                    WriteColumnIfAny(JournalFormat.UniqueId, group, r => r.UniqueId);
                    WriteColumnIfAny(JournalFormat.Error, group, r => r.Error);
                    EndLine();
                }

                Commit();
            }
        }

        public void Dispose()
        {
            lock (_gate)
            {
                if (_disposed)
                {
                    return;
                }

                _disposed = true;
                _json.Dispose();
                try
                {
                    if (_failed == null && _file is FileStream file)
                    {
                        file.Flush(true);
                    }
                }
                catch (IOException)
                {
                    // Every line was already handed to the operating system; only the sync to disk failed.
                }
                finally
                {
                    _file.Dispose();
                }
            }
        }

        private bool CanWrite()
        {
            if (_failed != null)
            {
                throw _failed;
            }

            return !_disposed;
        }

        private void WriteHeader(JournalOwner owner)
        {
            BeginLine();
            _json.WriteString(JournalFormat.Header, JournalFormat.Name);
            _json.WriteNumber(JournalFormat.HeaderVersion, JournalFormat.Version);
            _json.WriteString(JournalFormat.Created, Now());
            _json.WriteString(JournalFormat.BaseUri, owner.BaseUri);
            _json.WriteString(JournalFormat.Account, owner.Account);
            EndLine();
        }

        // The text line is written the first time a text is met (again after 1,024 other texts: harmless).
        private int TextId(OutgoingMessage m)
        {
            string key = m.Sender + "\u001f" + m.Message + "\u001f" + m.LinkId + "\u001f" + m.Endpoint + "\u001f" + m.SendAt?.UtcTicks;
            if (_texts.TryGet(key, out int id))
            {
                return id;
            }

            id = _nextText++;
            _texts.Add(key, id);
            BeginLine();
            _json.WriteString(JournalFormat.Kind, JournalFormat.TextKind);
            _json.WriteNumber(JournalFormat.Text, id);
            _json.WriteString(JournalFormat.Sender, m.Sender);
            _json.WriteString(JournalFormat.Message, m.Message);
            WriteOptional(JournalFormat.LinkId, m.LinkId);
            WriteOptional(JournalFormat.Endpoint, m.Endpoint);
            WriteOptional(JournalFormat.SendAt, m.SendAt?.ToString("o", System.Globalization.CultureInfo.InvariantCulture));
            EndLine();
            return id;
        }

        // The row line is written before the first recipient of a row that has properties to keep.
        private void WriteRowOnce(OutgoingMessage m)
        {
            if (_rows.TryGet(m.Row, out _))
            {
                return;
            }

            _rows.Add(m.Row, 0);
            IReadOnlyDictionary<string, string?>? values = _describeInput(m.InputObject);
            if (values == null)
            {
                return;
            }

            BeginLine();
            _json.WriteString(JournalFormat.Kind, JournalFormat.RowKind);
            _json.WriteNumber(JournalFormat.Row, m.Row);
            _json.WriteStartObject(JournalFormat.Input);
            foreach (KeyValuePair<string, string?> pair in values)
            {
                _json.WriteString(pair.Key, pair.Value);
            }

            _json.WriteEndObject();
            EndLine();
        }

        private static JournalState StateOf(SendResult r) =>
            r.Status == SendStatus.Queued ? JournalState.Queued : r.Status == SendStatus.Unknown ? JournalState.Unknown : JournalState.Failed;

        private void WriteColumn<T>(string name, IReadOnlyList<T> items, Func<T, string?> value)
        {
            _json.WriteStartArray(name);
            foreach (T item in items)
            {
                string? text = value(item);
                if (text == null)
                {
                    _json.WriteNullValue();
                }
                else
                {
                    _json.WriteStringValue(text);
                }
            }

            _json.WriteEndArray();
        }

        private void WriteColumnIfAny<T>(string name, IReadOnlyList<T> items, Func<T, string?> value)
        {
            foreach (T item in items)
            {
                if (!string.IsNullOrEmpty(value(item)))
                {
                    WriteColumn(name, items, value);
                    return;
                }
            }
        }

        private void WriteOptional(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                _json.WriteString(name, value);
            }
        }

        private void BeginLine()
        {
            _json.Reset(_buffer);
            _json.WriteStartObject();
        }

        private void EndLine()
        {
            _json.WriteEndObject();
            _json.Flush();
            _buffer.WriteByte((byte)'\n');
        }

        // One write per batch; the stream is unbuffered, so nothing is left half-written in memory.
        private void Commit()
        {
            try
            {
                _file.Write(_buffer.GetBuffer(), 0, (int)_buffer.Length);
                _file.Flush();
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is NotSupportedException || ex is ObjectDisposedException)
            {
                _failed = new JournalWriteException(_path, ex);
                throw _failed;
            }
            finally
            {
                _buffer.SetLength(0);
            }
        }

        private static bool IsOnlyByteOrderMark(string path)
        {
            byte[] bom = System.Text.Encoding.UTF8.GetPreamble();
            using var read = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (read.Length != bom.Length)
            {
                return false;
            }

            var start = new byte[bom.Length];
            return read.Read(start, 0, start.Length) == start.Length && start[0] == bom[0] && start[1] == bom[1] && start[2] == bom[2];
        }

        private static bool EndsWithoutNewline(string path)
        {
            using var read = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            read.Seek(-1, SeekOrigin.End);
            return read.ReadByte() != '\n';
        }

        private string Now() => _time.GetUtcNow().UtcDateTime.ToString("o", System.Globalization.CultureInfo.InvariantCulture);
    }
}
