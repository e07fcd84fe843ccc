using System;
using System.IO;
using System.Management.Automation;
using CloudRebue.Core.Api;
using CloudRebue.Core.Journal;
using CloudRebue.PowerShell.Errors;

namespace CloudRebue.PowerShell.Sending
{
    /// <summary>Opens -JournalPath for a send: each way it can fail becomes a terminating error with its own id.</summary>
    internal static class SendJournalOpener
    {
        /// <param name="cmdlet">Receives the terminating error, the journal's warnings and what it knows.</param>
        /// <param name="path">The resolved file path.</param>
        /// <param name="connection">Whom the journal is written for.</param>
        /// <param name="forWriting">False for -WhatIf: read what earlier runs recorded, take no lock.</param>
        public static SendJournalSession Open(Cmdlet cmdlet, string path, CloudRebueConnection connection, bool forWriting)
        {
            SendJournalSession? session = null;
            try
            {
                session = SendJournalSession.Open(path, new JournalOwner(connection.BaseUri.ToString(), connection.Account), forWriting, InputRowDescriber.Describe);
            }
            catch (JournalLockedException ex)
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.JournalInUse, ErrorCategory.ResourceBusy, path));
            }
            catch (JournalOwnerMismatchException ex)
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.JournalOwnerMismatch, ErrorCategory.InvalidArgument, path));
            }
            catch (JournalCorruptException ex)
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.JournalCorrupt, ErrorCategory.InvalidData, path));
            }
            catch (JournalWriteException ex)
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.JournalWriteFailed, ErrorCategory.WriteError, path));
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                cmdlet.ThrowTerminatingError(ErrorRecords.Create($"Cannot open the send journal '{path}': {ex.Message} Check the path and that you may write there.", ErrorIds.JournalUnavailable, ErrorCategory.OpenError, path, ex));
            }

            JournalIndex index = session!.Index;
            foreach (string warning in index.Warnings)
            {
                cmdlet.WriteWarning(warning);
            }

            if (index.Count > 0)
            {
                cmdlet.WriteVerbose($"The journal knows {index.Count:N0} recipient(s) from earlier runs.");
            }

            return session;
        }
    }
}
