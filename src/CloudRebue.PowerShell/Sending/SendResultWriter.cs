using System;
using System.Management.Automation;
using CloudRebue.Core.Sending;
using CloudRebue.PowerShell.Errors;
using System.Runtime.CompilerServices;
using CloudRebue.Core;

namespace CloudRebue.PowerShell.Sending
{
    /// <summary>
    /// Writes a send run's results to the pipeline: the result object, and beside each failure a
    /// non-terminating error with its ErrorId. Under -ErrorAction Stop the first error is held back, so an
    /// alert still reaches every valid recipient already read before the command stops.
    /// </summary>
    internal sealed class SendResultWriter : ISendRunOutput
    {
        private readonly Cmdlet _cmdlet;
        private readonly bool _stopOnError;
        private readonly Action _waiting;
        private readonly System.Collections.Generic.HashSet<string> _reportedOnce = new System.Collections.Generic.HashSet<string>(StringComparer.Ordinal);
        private ErrorRecord? _held;

        /// <param name="cmdlet">The cmdlet whose pipeline thread calls the run.</param>
        /// <param name="stopOnError">True under -ErrorAction Stop.</param>
        /// <param name="waiting">Called while the run waits (progress).</param>
        public SendResultWriter(Cmdlet cmdlet, bool stopOnError, Action waiting)
        {
            _cmdlet = cmdlet;
            _stopOnError = stopOnError;
            _waiting = waiting;
        }

        /// <summary>Recipients the API queued.</summary>
        public long Queued { get; private set; }

        /// <summary>Recipients not sent because an earlier run's journal shows them queued (not repeats or exclusions).</summary>
        public long Skipped { get; private set; }

        /// <summary>True when an error waits for the valid recipients to be sent (-ErrorAction Stop).</summary>
        public bool HoldsError => _held != null;

        [MethodImpl(HotPath.Compiled)]
        public void Write(SendResult result)
        {
            _cmdlet.WriteObject(result);
            Queued += result.Status == SendStatus.Queued ? 1 : 0;
            Skipped += result.Status == SendStatus.Skipped && result.ErrorId == null ? 1 : 0;

            // A problem of the whole file or run is written once (every row still carries it); a Skipped
            // result's reason is not an error at all (ResultErrors).
            string? once = ResultErrors.OnceKey(result);
            if (!ResultErrors.IsError(result) || (once != null && !_reportedOnce.Add(once)))
            {
                return;
            }

            ErrorRecord record = ErrorRecords.FromResult(result);
            if (_stopOnError)
            {
                // Under -ErrorAction Stop the first error would end the command at once, before the valid
                // recipients already read went out: an alert must still reach every phone it can.
                _held ??= record;
                return;
            }

            _cmdlet.WriteError(record);
        }

        public void Notice(string text) => _cmdlet.WriteVerbose(text);

        public void Waiting() => _waiting();

        /// <summary>Writes the held error, if any; under -ErrorAction Stop this ends the command, saying how many went out.</summary>
        public void WriteHeldError()
        {
            if (_held == null)
            {
                return;
            }

            ErrorRecord held = _held;
            _held = null;
            if (_stopOnError)
            {
                held.ErrorDetails = new ErrorDetails($"{held.Exception.Message} The command stopped here (-ErrorAction Stop) after sending the valid recipients it had read: {Queued:N0} queued.");
            }

            _cmdlet.WriteError(held);
        }
    }
}
