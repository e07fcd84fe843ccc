using System;
using System.Collections.Generic;
using System.IO;
using CloudRebue.Core.Receipts;

namespace CloudRebue.Core.Journal
{
    /// <summary>
    /// Joins delivery receipts to the messages a send journal recorded, following the file as it grows:
    /// a listener usually starts before the send whose receipts it collects, so a correlator it does not
    /// know yet makes it read what was appended since its last look. It reads again only when the file
    /// has grown (one size check per unknown receipt), and only whole lines, so a flood of receipts for
    /// other campaigns costs no re-reading. The listener asks it on its consumer thread, as each receipt is
    /// taken (<see cref="ReceiptJoin"/>), never on a request thread, so the lock is not one requests wait on.
    /// </summary>
    internal sealed class JournalFollower : IReceiptCorrelator
    {
        private readonly string _path;
        private readonly object _lock = new object();
        private readonly JournalIndex _index = new JournalIndex();
        private readonly JournalDecoder _decoder;
        private long _offset;
        private long _nextLine = 1;
        private bool _broken;

        public JournalFollower(string path)
        {
            _path = path ?? throw new ArgumentNullException(nameof(path));
            _decoder = new JournalDecoder(_index, path);
            lock (_lock)
            {
                ReadNewLines();
            }
        }

        /// <summary>Recipients known so far.</summary>
        public int Count
        {
            get
            {
                lock (_lock)
                {
                    return _index.Count;
                }
            }
        }

        /// <summary>Set when the journal could not be read; the follower then stops trying and joins nothing more.</summary>
        public string? Problem { get; private set; }

        /// <summary>Every recipient known so far, after reading what was appended since the last look.</summary>
        public IReadOnlyList<JournalEntry> Entries()
        {
            lock (_lock)
            {
                if (!_broken && HasGrown())
                {
                    ReadNewLines();
                }

                return new List<JournalEntry>(_index.Entries);
            }
        }

        /// <inheritdoc />
        public SentMessage? FindSent(string? correlator, string uniqueId)
        {
            lock (_lock)
            {
                JournalEntry? entry = Find(correlator, uniqueId);
                if (entry == null && !_broken && HasGrown())
                {
                    ReadNewLines();
                    entry = Find(correlator, uniqueId);
                }

                return entry == null ? null : new SentMessage(entry.Sender, entry.Message, entry.Input);
            }
        }

        private JournalEntry? Find(string? correlator, string uniqueId)
        {
            if (!string.IsNullOrEmpty(correlator) && _index.TryGet(correlator!, out JournalEntry byCorrelator))
            {
                return byCorrelator;
            }

            return !string.IsNullOrEmpty(uniqueId) && _index.TryGetByUniqueId(uniqueId, out JournalEntry byId) ? byId : null;
        }

        private bool HasGrown()
        {
            try
            {
                var file = new FileInfo(_path);
                return file.Exists && file.Length > _offset;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return false;
            }
        }

        private void ReadNewLines()
        {
            try
            {
                if (!File.Exists(_path))
                {
                    return;
                }

                using var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                if (stream.Length <= _offset)
                {
                    return;
                }

                // Only whole lines: an unfinished one is read again, whole, next time. The decoder keeps
                // what earlier lines defined (texts, rows), so it reads on where it stopped.
                JournalLineReader.Outcome read = JournalLineReader.Read(stream, _path, _offset, _nextLine, _decoder.Line);
                _offset = read.Offset;
                _nextLine = read.NextLine;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is JournalCorruptException)
            {
                // A receipt without its message is still a receipt: keep listening, say why once.
                _broken = true;
                Problem = ex.Message;
            }
        }
    }
}
