using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using CloudRebue.Core.Serialization;

namespace CloudRebue.Core.Journal
{
    /// <summary>
    /// Turns journal lines, in order, into a <see cref="JournalIndex"/>: resolves the text and row lines that
    /// recipients refer to. It keeps that state between calls, so a follower can feed it what was appended since its last read.
    /// A line that cannot be read is an error, because guessing there could resend or skip real messages,
    /// with one exception: a line torn by a crash. The next writer ends it with a newline and starts its
    /// own <c>run</c> line, so bad lines followed by a run line (or at the very end of the file, where the
    /// last run stopped) are skipped with a warning; their recipients keep their earlier state.
    /// </summary>
    internal sealed class JournalDecoder
    {
        private readonly JournalIndex _index;
        private readonly string _path;
        private readonly Dictionary<int, TextLine> _texts = new Dictionary<int, TextLine>();
        private readonly Dictionary<long, IReadOnlyDictionary<string, string?>> _rows = new Dictionary<long, IReadOnlyDictionary<string, string?>>();
        private bool _sawHeader;
        private long _tornFrom;
        private int _tornCount;
        private Exception? _tornError;

        public JournalDecoder(JournalIndex index, string path)
        {
            _index = index;
            _path = path;
        }

        /// <summary>One whole line (without its newline).</summary>
        public void Line(byte[] bytes, int start, int length, long line)
        {
            ReadOnlyMemory<byte> text = Trim(bytes, start, length);
            if (text.IsEmpty)
            {
                return;
            }

            string kind;
            try
            {
                kind = Apply(text);
            }
            catch (Exception ex) when (IsFormatProblem(ex) && _sawHeader && !(ex is JournalCorruptException))
            {
                _tornFrom = _tornCount == 0 ? line : _tornFrom;
                _tornCount++;
                _tornError ??= ex;
                return;
            }
            catch (Exception ex) when (IsFormatProblem(ex))
            {
                // A first line that is not even JSON: some other file (a results CSV) was given as the journal.
                string reason = !_sawHeader && ex is JsonException ? JournalCorruptException.NotAJournal + " (its first line is not JSON)" : ex.Message;
                throw ex as JournalCorruptException ?? new JournalCorruptException(_path, line, reason, ex);
            }

            if (_tornCount > 0)
            {
                if (kind != JournalFormat.Run)
                {
                    throw new JournalCorruptException(_path, _tornFrom, _tornError!.Message, _tornError);
                }

                _index.Warnings.Add($"Line {_tornFrom} of the send journal '{_path}' is incomplete: a run stopped while writing it. It was ignored; its recipients keep their earlier state.");
                _tornCount = 0;
                _tornError = null;
            }
        }

        /// <summary>The end of the file: an unfinished last line, and bad lines no run line followed.</summary>
        public void End(ArraySegment<byte> tail, long line)
        {
            int before = _tornCount;
            if (tail.Count > 0)
            {
                // A whole line that only lacks its newline still counts.
                Line(tail.Array!, tail.Offset, tail.Count, line);
            }

            if (_tornCount == 0)
            {
                return;
            }

            if (_tornCount == before)
            {
                // Whole lines that cannot be read, and no crash to explain them.
                throw new JournalCorruptException(_path, _tornFrom, _tornError!.Message, _tornError);
            }

            // The writer died in the middle of its last write: what it left is ignored.
            _index.Warnings.Add($"The last line of the send journal '{_path}' (line {_tornFrom}) is incomplete: the previous run stopped while writing it. It was ignored; its recipients keep their earlier state.");
            _tornCount = 0;
            _tornError = null;
        }

        private static bool IsFormatProblem(Exception ex) =>
            ex is JsonException || ex is FormatException || ex is InvalidOperationException || ex is KeyNotFoundException ||
            ex is ArgumentException || ex is OverflowException || ex is JournalCorruptException;

        private static ReadOnlyMemory<byte> Trim(byte[] bytes, int start, int length)
        {
            // A CR from an editor, trailing blanks, and the NULs a crash can leave on some file systems carry nothing.
            int end = start + length;
            while (end > start && (bytes[end - 1] == (byte)'\r' || bytes[end - 1] == (byte)' ' || bytes[end - 1] == 0))
            {
                end--;
            }

            return new ReadOnlyMemory<byte>(bytes, start, end - start);
        }

        private string Apply(ReadOnlyMemory<byte> utf8)
        {
            using JsonDocument document = JsonDocument.Parse(utf8);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("a line is not a JSON object");
            }

            if (!_sawHeader)
            {
                ReadHeader(root);
                return JournalFormat.Header;
            }

            string kind = root.GetProperty(JournalFormat.Kind).GetString() ?? string.Empty;
            switch (kind)
            {
                case JournalFormat.Pending:
                    ReadPending(root);
                    break;
                case JournalFormat.Final:
                    ReadFinal(root);
                    break;
                case JournalFormat.TextKind:
                    ReadText(root);
                    break;
                case JournalFormat.RowKind:
                    _rows[root.GetProperty(JournalFormat.Row).GetInt64()] = ReadInput(root);
                    break;
                case JournalFormat.Run:
                    _texts.Clear();
                    _rows.Clear();
                    break;
                default:
                    throw new FormatException($"unknown line kind '{kind}'");
            }

            return kind;
        }

        private void ReadHeader(JsonElement root)
        {
            if (!root.TryGetProperty(JournalFormat.Header, out JsonElement header) || header.ValueKind != JsonValueKind.String || header.GetString() != JournalFormat.Name)
            {
                throw new JournalCorruptException(_path, 1, JournalCorruptException.NotAJournal + " (no header line)");
            }

            int version = root.TryGetProperty(JournalFormat.HeaderVersion, out JsonElement v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : 0;
            if (version != JournalFormat.Version)
            {
                throw new JournalCorruptException(_path, 1, version < JournalFormat.Version
                    ? $"it was written in journal format {version} by an earlier version of CloudRebue, which did not record the account it belongs to; this version reads format {JournalFormat.Version} only. Check that send with Get-RebueSendJournal of the version that wrote it"
                    : $"it was written in journal format {version} by a newer version of CloudRebue; update the module to read it");
            }

            string? baseUri = JsonValues.Text(root, JournalFormat.BaseUri);
            string? account = JsonValues.Text(root, JournalFormat.Account);
            _index.Owner = baseUri != null && account != null ? new JournalOwner(baseUri, account) : throw new FormatException("the header names no base URL or account");
            _sawHeader = true;
        }

        private void ReadText(JsonElement root)
        {
            string sender = root.GetProperty(JournalFormat.Sender).GetString() ?? string.Empty;
            string message = root.GetProperty(JournalFormat.Message).GetString() ?? string.Empty;
            string? linkId = JsonValues.Text(root, JournalFormat.LinkId);
            _texts[root.GetProperty(JournalFormat.Text).GetInt32()] =
                new TextLine(sender, message, linkId, JsonValues.Text(root, JournalFormat.Endpoint), MessageHash.Of(sender, message, linkId)) { SendAt = ReadSendAt(root) };
        }

        private void ReadPending(JsonElement root)
        {
            DateTimeOffset at = ReadAt(root);
            JsonElement correlators = Column(root, JournalFormat.Correlator, -1);
            int count = correlators.GetArrayLength();
            JsonElement phones = Column(root, JournalFormat.Phone, count);
            JsonElement texts = Column(root, JournalFormat.Text, count);
            JsonElement rows = Column(root, JournalFormat.Row, count);
            for (int i = 0; i < count; i++)
            {
                int textId = texts[i].GetInt32();
                if (!_texts.TryGetValue(textId, out TextLine text))
                {
                    throw new FormatException($"a recipient refers to text {textId}, which no earlier line of its run defines");
                }

                long row = rows[i].GetInt64();
                _rows.TryGetValue(row, out IReadOnlyDictionary<string, string?>? input);
                _index.Apply(new JournalEntry
                {
                    Correlator = correlators[i].GetString() ?? throw new FormatException("a recipient has no correlator"),
                    Phone = phones[i].GetString() ?? string.Empty,
                    Sender = text.Sender,
                    Message = text.Message,
                    LinkId = text.LinkId,
                    Endpoint = text.Endpoint,
                    SendAt = text.SendAt,
                    MessageHash = text.Hash,
                    State = JournalState.Pending,
                    Row = row,
                    Input = input,
                    At = at,
                });
            }
        }

        private void ReadFinal(JsonElement root)
        {
            DateTimeOffset at = ReadAt(root);
            var state = (JournalState)Enum.Parse(typeof(JournalState), root.GetProperty(JournalFormat.State).GetString()!);
            JsonElement correlators = Column(root, JournalFormat.Correlator, -1);
            int count = correlators.GetArrayLength();
            bool hasIds = root.TryGetProperty(JournalFormat.UniqueId, out _);
            bool hasErrors = root.TryGetProperty(JournalFormat.Error, out _);
            JsonElement ids = hasIds ? Column(root, JournalFormat.UniqueId, count) : default;
            JsonElement errors = hasErrors ? Column(root, JournalFormat.Error, count) : default;
            for (int i = 0; i < count; i++)
            {
                string correlator = correlators[i].GetString() ?? throw new FormatException("a recipient has no correlator");
                if (!_index.TryGet(correlator, out JournalEntry entry))
                {
                    throw new FormatException($"an outcome for correlator '{correlator}', which no earlier line sent");
                }

                entry.State = state;
                entry.UniqueId = hasIds ? ids[i].GetString() : null;
                entry.Error = hasErrors ? errors[i].GetString() : null;
                entry.At = at;
                _index.Apply(entry);
            }
        }

        // A field of a batch line: an array with one entry per recipient (count -1: any length).
        private static JsonElement Column(JsonElement root, string name, int count)
        {
            JsonElement column = root.GetProperty(name);
            if (column.ValueKind != JsonValueKind.Array || (count >= 0 && column.GetArrayLength() != count))
            {
                throw new FormatException($"the field '{name}' of a batch line is not an array of one entry per recipient");
            }

            return column;
        }

        // Written only for scheduled messages; a journal from before scheduling has none.
        private static DateTimeOffset? ReadSendAt(JsonElement root) =>
            JsonValues.Text(root, JournalFormat.SendAt) is string text
                ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)
                : (DateTimeOffset?)null;

        private static DateTimeOffset ReadAt(JsonElement root) =>
            DateTimeOffset.Parse(root.GetProperty(JournalFormat.At).GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

        private static IReadOnlyDictionary<string, string?> ReadInput(JsonElement root)
        {
            var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (JsonProperty property in root.GetProperty(JournalFormat.Input).EnumerateObject())
            {
                values[property.Name] = property.Value.ValueKind == JsonValueKind.Null ? null : property.Value.ToString();
            }

            return values;
        }

        private readonly struct TextLine
        {
            public TextLine(string sender, string message, string? linkId, string? endpoint, string hash)
            {
                Sender = sender;
                Message = message;
                LinkId = linkId;
                Endpoint = endpoint;
                Hash = hash;
            }

            public string Sender { get; }

            public string Message { get; }

            public string? LinkId { get; }

            public string? Endpoint { get; }

            public string Hash { get; }

            public DateTimeOffset? SendAt { get; init; }
        }
    }
}
