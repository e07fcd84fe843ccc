using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using CloudRebue.Core.Api;

namespace CloudRebue.Core.Journal
{
    /// <summary>
    /// Reads a journal into a <see cref="JournalIndex"/>. A torn last line (the process died mid-write) is
    /// dropped with a warning; a bad line anywhere else is an error, because guessing there could resend
    /// or skip real messages.
    /// </summary>
    public static class SendJournalReader
    {
        public static JournalIndex Load(string path)
        {
            var index = new JournalIndex();
            if (!File.Exists(path))
            {
                return index;
            }

            // Shared read-write, so a journal can be inspected while a send is still appending to it.
            byte[] bytes;
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            using (var copy = new MemoryStream())
            {
                stream.CopyTo(copy);
                bytes = copy.ToArray();
            }

            long line = 0;
            int start = 0;
            while (start < bytes.Length)
            {
                line++;
                int newline = Array.IndexOf(bytes, (byte)'\n', start);
                if (newline < 0)
                {
                    // No newline: the writer died in the middle of this line, or only its newline is missing.
                    try
                    {
                        ReadSegment(index, bytes, start, bytes.Length - start, line);
                        index.ValidLength = bytes.Length;
                    }
                    catch (Exception ex) when (IsFormatProblem(ex))
                    {
                        index.Warnings.Add($"The last line of the send journal '{path}' (line {line}) is incomplete: the previous run stopped while writing it. It was ignored; its recipients keep their earlier state.");
                    }

                    break;
                }

                try
                {
                    ReadSegment(index, bytes, start, newline - start, line);
                }
                catch (Exception ex) when (IsFormatProblem(ex))
                {
                    throw new JournalCorruptException(path, line, ex.Message, ex);
                }

                index.ValidLength = newline + 1;
                start = newline + 1;
            }

            return index;
        }

        /// <summary>
        /// Applies the whole lines in <paramref name="bytes"/> (a part of a journal from <paramref name="firstLine"/>
        /// on) and returns how many bytes they took; an unfinished last line is left for the next read.
        /// A line that cannot be read throws <see cref="JournalCorruptException"/>.
        /// </summary>
        internal static int ApplyWholeLines(JournalIndex index, string path, byte[] bytes, int count, long firstLine)
        {
            int start = 0;
            long line = firstLine;
            while (start < count)
            {
                int newline = Array.IndexOf(bytes, (byte)'\n', start, count - start);
                if (newline < 0)
                {
                    break;
                }

                try
                {
                    ReadSegment(index, bytes, start, newline - start, line);
                }
                catch (Exception ex) when (IsFormatProblem(ex))
                {
                    throw new JournalCorruptException(path, line, ex.Message, ex);
                }

                line++;
                start = newline + 1;
            }

            return start;
        }

        private static bool IsFormatProblem(Exception ex) =>
            ex is JsonException || ex is FormatException || ex is InvalidOperationException || ex is KeyNotFoundException || ex is ArgumentException || ex is OverflowException;

        private static void ReadSegment(JournalIndex index, byte[] bytes, int start, int length, long line)
        {
            // Blank lines (and a lone CR from an editor) carry nothing.
            int end = start + length;
            while (end > start && (bytes[end - 1] == (byte)'\r' || bytes[end - 1] == (byte)' '))
            {
                end--;
            }

            if (end > start)
            {
                ReadLine(index, new ReadOnlyMemory<byte>(bytes, start, end - start), line == 1);
            }
        }

        private static void ReadLine(JournalIndex index, ReadOnlyMemory<byte> utf8, bool first)
        {
            using JsonDocument document = JsonDocument.Parse(utf8);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("a line is not a JSON object");
            }

            if (root.TryGetProperty(JournalFormat.Header, out JsonElement header))
            {
                if (header.GetString() != JournalFormat.Name)
                {
                    throw new FormatException("this is not a CloudRebue send journal");
                }

                return;
            }

            if (first)
            {
                throw new FormatException("this is not a CloudRebue send journal (no header line)");
            }

            string kind = root.GetProperty(JournalFormat.Kind).GetString() ?? string.Empty;
            string correlator = root.GetProperty(JournalFormat.Correlator).GetString() ?? throw new FormatException("a line has no correlator");
            index.TryGet(correlator, out JournalEntry? known);
            var entry = new JournalEntry
            {
                Correlator = correlator,
                Phone = root.GetProperty(JournalFormat.Phone).GetString() ?? string.Empty,
                MessageHash = root.GetProperty(JournalFormat.Hash).GetString() ?? string.Empty,
                At = DateTimeOffset.Parse(root.GetProperty(JournalFormat.At).GetString()!, System.Globalization.CultureInfo.InvariantCulture),
                Sender = JsonValues.Text(root, JournalFormat.Sender) ?? known?.Sender,
                Message = JsonValues.Text(root, JournalFormat.Message) ?? known?.Message,
                LinkId = JsonValues.Text(root, JournalFormat.LinkId) ?? known?.LinkId,
                Endpoint = JsonValues.Text(root, JournalFormat.Endpoint) ?? known?.Endpoint,
                Row = root.TryGetProperty(JournalFormat.Row, out JsonElement row) ? row.GetInt64() : known?.Row ?? 0,
                Input = ReadInput(root) ?? known?.Input,
            };

            if (kind == JournalFormat.Pending)
            {
                entry.State = JournalState.Pending;
            }
            else if (kind == JournalFormat.Final)
            {
                entry.State = (JournalState)Enum.Parse(typeof(JournalState), root.GetProperty(JournalFormat.State).GetString()!);
                entry.UniqueId = JsonValues.Text(root, JournalFormat.UniqueId);
                entry.Error = JsonValues.Text(root, JournalFormat.Error);
            }
            else
            {
                throw new FormatException($"unknown line kind '{kind}'");
            }

            index.Apply(entry);
        }

        private static IReadOnlyDictionary<string, string?>? ReadInput(JsonElement root)
        {
            if (!root.TryGetProperty(JournalFormat.Input, out JsonElement input) || input.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (JsonProperty property in input.EnumerateObject())
            {
                values[property.Name] = property.Value.ValueKind == JsonValueKind.Null ? null : property.Value.ToString();
            }

            return values;
        }
    }
}
