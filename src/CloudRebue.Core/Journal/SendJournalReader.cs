using System.IO;

namespace CloudRebue.Core.Journal
{
    /// <summary>
    /// Reads a journal into a <see cref="JournalIndex"/> as a stream: memory grows with the recipients it
    /// knows, never with the size of the file (<see cref="JournalDecoder"/> says which lines it forgives).
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
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096, FileOptions.SequentialScan);
            var decoder = new JournalDecoder(index, path);
            JournalLineReader.Outcome end = JournalLineReader.Read(stream, path, 0, 1, decoder.Line);
            decoder.End(end.Tail, end.NextLine);
            return index;
        }
    }
}
