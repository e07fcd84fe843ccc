using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using CloudRebue.Core.Sending;

namespace CloudRebue.Core.Journal
{
    /// <summary>
    /// Appends the journal: a <c>pending</c> line per recipient before its request goes out and a
    /// <c>final</c> line when its outcome is known, flushed to the operating system after each batch so a
    /// killed process loses nothing it had recorded. A torn tail from an earlier crash is cut off first.
    /// </summary>
    public sealed class SendJournalWriter : ISendJournal, IDisposable
    {
        private static readonly JsonWriterOptions Options = new JsonWriterOptions { Indented = false };
        private readonly FileStream _file;
        private readonly Utf8JsonWriter _json;
        private readonly Func<object?, IReadOnlyDictionary<string, string?>?> _describeInput;
        private readonly TimeProvider _time;
        private readonly object _gate = new object();
        private bool _disposed;

        /// <summary>A writer on the system clock.</summary>
        // The cmdlets call this overload: its signature names no TimeProvider, a dependency type on netstandard
        // (Microsoft.Bcl.TimeProvider) that must not cross into the cmdlet assembly (DESIGN.md, loading beside other modules).
        public SendJournalWriter(string path, JournalIndex? existing, Func<object?, IReadOnlyDictionary<string, string?>?>? describeInput = null)
            : this(path, existing, describeInput, null)
        {
        }

        /// <param name="path">The journal file; created when missing.</param>
        /// <param name="existing">What was read from it, so a torn tail can be cut; null for a new file.</param>
        /// <param name="describeInput">Turns an input row into text properties to keep with the recipient.</param>
        public SendJournalWriter(string path, JournalIndex? existing, Func<object?, IReadOnlyDictionary<string, string?>?>? describeInput, TimeProvider? timeProvider)
        {
            _describeInput = describeInput ?? (_ => null);
            _time = timeProvider ?? TimeProvider.System;
            _file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
            _json = new Utf8JsonWriter(_file, Options);
            long keep = existing?.ValidLength ?? 0;
            if (_file.Length > keep)
            {
                _file.SetLength(keep);
            }

            _file.Seek(0, SeekOrigin.End);
            if (_file.Length == 0)
            {
                WriteHeader();
            }
            else if (EndsWithoutNewline())
            {
                _file.WriteByte((byte)'\n');
            }

            _file.Flush();
        }

        public void RecordPending(IReadOnlyList<OutgoingMessage> batch)
        {
            lock (_gate)
            {
                if (_disposed)
                {
                    return;
                }

                string at = Now();
                foreach (OutgoingMessage m in batch)
                {
                    _json.Reset();
                    _json.WriteStartObject();
                    _json.WriteString(JournalFormat.Kind, JournalFormat.Pending);
                    _json.WriteString(JournalFormat.At, at);
                    _json.WriteString(JournalFormat.Correlator, m.Correlator);
                    _json.WriteString(JournalFormat.Phone, m.Phone);
                    _json.WriteString(JournalFormat.Hash, MessageHash.Of(m));
                    _json.WriteString(JournalFormat.Sender, m.Sender);
                    _json.WriteString(JournalFormat.Message, m.Message);
                    WriteOptional(JournalFormat.LinkId, m.LinkId);
                    WriteOptional(JournalFormat.Endpoint, m.Endpoint);
                    _json.WriteNumber(JournalFormat.Row, m.Row);
                    WriteInput(m.InputObject);
                    _json.WriteEndObject();
                    EndLine();
                }

                _file.Flush();
            }
        }

        public void RecordFinal(IReadOnlyList<SendResult> results)
        {
            lock (_gate)
            {
                if (_disposed)
                {
                    return;
                }

                string at = Now();
                foreach (SendResult r in results)
                {
                    JournalState state = r.Status == SendStatus.Queued ? JournalState.Queued : r.Status == SendStatus.Unknown ? JournalState.Unknown : JournalState.Failed;
                    _json.Reset();
                    _json.WriteStartObject();
                    _json.WriteString(JournalFormat.Kind, JournalFormat.Final);
                    _json.WriteString(JournalFormat.At, at);
                    _json.WriteString(JournalFormat.Correlator, r.Correlator);
                    _json.WriteString(JournalFormat.Phone, r.Phone);
                    _json.WriteString(JournalFormat.Hash, MessageHash.Of(r.Sender ?? string.Empty, r.Message ?? string.Empty, r.LinkId));
                    _json.WriteString(JournalFormat.State, state.ToString());
                    WriteOptional(JournalFormat.UniqueId, r.UniqueId);
                    WriteOptional(JournalFormat.Error, r.Error);
                    _json.WriteEndObject();
                    EndLine();
                }

                _file.Flush();
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
                _file.Flush(true);
                _file.Dispose();
            }
        }

        private void WriteHeader()
        {
            _json.WriteStartObject();
            _json.WriteString(JournalFormat.Header, JournalFormat.Name);
            _json.WriteNumber("version", JournalFormat.Version);
            _json.WriteString("created", Now());
            _json.WriteEndObject();
            EndLine();
        }

        private void WriteOptional(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                _json.WriteString(name, value);
            }
        }

        private void WriteInput(object? input)
        {
            IReadOnlyDictionary<string, string?>? values = _describeInput(input);
            if (values == null)
            {
                return;
            }

            _json.WriteStartObject(JournalFormat.Input);
            foreach (KeyValuePair<string, string?> pair in values)
            {
                _json.WriteString(pair.Key, pair.Value);
            }

            _json.WriteEndObject();
        }

        private void EndLine()
        {
            _json.Flush();
            _file.WriteByte((byte)'\n');
        }

        private bool EndsWithoutNewline()
        {
            _file.Seek(-1, SeekOrigin.End);
            bool missing = _file.ReadByte() != '\n';
            _file.Seek(0, SeekOrigin.End);
            return missing;
        }

        private string Now() => _time.GetUtcNow().ToString("o", System.Globalization.CultureInfo.InvariantCulture);
    }
}
