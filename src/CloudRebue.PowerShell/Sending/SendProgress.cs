using System;
using System.Diagnostics;
using System.Management.Automation;
using CloudRebue.Core.Sending;

namespace CloudRebue.PowerShell.Sending
{
    /// <summary>Write-Progress for a send, at most four times a second so it never slows the pipeline.</summary>
    internal sealed class SendProgress
    {
        private const int ActivityId = 0x5EED;
        private readonly Cmdlet _cmdlet;
        private readonly long? _total;
        private readonly Stopwatch _sinceUpdate = Stopwatch.StartNew();
        private bool _shown;

        public SendProgress(Cmdlet cmdlet, long? total)
        {
            _cmdlet = cmdlet;
            _total = total;
        }

        /// <summary>Shows progress when a quarter second has passed; the run's stats are read only then.</summary>
        public void Update(long rowsRead, SendRun run)
        {
            if (_sinceUpdate.ElapsedMilliseconds < 250)
            {
                return;
            }

            _sinceUpdate.Restart();
            SendEngineStats? stats = run.Snapshot();
            string status = stats == null
                ? $"{rowsRead:N0} row(s) read"
                : $"{rowsRead:N0} row(s) read, {stats.BatchesStarted:N0} batch(es) sent, {stats.Completed:N0} done, {stats.MessagesPerSecond:N0} messages/s";
            var record = new ProgressRecord(ActivityId, "Sending SMS", status);
            if (_total != null && _total > 0 && stats != null)
            {
                record.PercentComplete = (int)Math.Min(100, stats.Completed * 100 / _total.Value);
            }

            _cmdlet.WriteProgress(record);
            _shown = true;
        }

        public void Complete()
        {
            if (_shown)
            {
                _cmdlet.WriteProgress(new ProgressRecord(ActivityId, "Sending SMS", "Done") { RecordType = ProgressRecordType.Completed });
            }
        }
    }
}
