using System;
using System.Management.Automation;
using CloudRebue.Core.Api;
using CloudRebue.Core.Journal;
using CloudRebue.Core.Sending;

namespace CloudRebue.PowerShell.Errors
{
    /// <summary>Builds the error records every cmdlet writes, so ids and categories stay consistent.</summary>
    internal static class ErrorRecords
    {
        public static ErrorRecord Create(string message, string errorId, ErrorCategory category, object? target, Exception? inner = null) =>
            new ErrorRecord(new CloudRebueException(message, inner), errorId, category, target);

        /// <summary>A failed API call as a record: the id and category follow what went wrong.</summary>
        public static ErrorRecord FromApi(CloudRebueApiException exception, object? target)
        {
            switch (exception.Kind)
            {
                case ApiFailureKind.TokenRejected:
                    return new ErrorRecord(exception, SendErrorIds.TokenRejected, ErrorCategory.AuthenticationError, target);
                case ApiFailureKind.Unreachable:
                    return new ErrorRecord(exception, ErrorIds.Unreachable, ErrorCategory.ConnectionError, target);
                case ApiFailureKind.Timeout:
                    return new ErrorRecord(exception, ErrorIds.Timeout, ErrorCategory.OperationTimeout, target);
                default:
                    return new ErrorRecord(exception, ErrorIds.ApiError, ErrorCategory.InvalidResult, target);
            }
        }

        /// <summary>Why a send run had to stop, as the terminating error that ends the command.</summary>
        public static ErrorRecord FromFatal(Exception fatal, Uri baseUri) =>
            fatal is CloudRebueApiException api ? FromApi(api, baseUri)
            : fatal is JournalWriteException journal ? new ErrorRecord(journal, ErrorIds.JournalWriteFailed, ErrorCategory.WriteError, journal.Path)
            : Create(fatal.Message, ErrorIds.ApiError, ErrorCategory.NotSpecified, null, fatal);

        /// <summary>The non-terminating error written beside a recipient's result when it was not queued.</summary>
        public static ErrorRecord FromResult(SendResult result) =>
            new ErrorRecord(new CloudRebueException(result.Error ?? result.Status.ToString()), result.ErrorId, CategoryOf(result.ErrorId), result.InputObject ?? result);

        private static ErrorCategory CategoryOf(string? errorId)
        {
            switch (errorId)
            {
                case SendErrorIds.InvalidPhone:
                case SendErrorIds.NoPhoneColumn:
                case SendErrorIds.InvalidMessage:
                case SendErrorIds.JournalMismatch:
                case SendErrorIds.DuplicateCorrelator:
                case SendErrorIds.TemplateFieldMissing:
                case SendErrorIds.OverUnitCap:
                    return ErrorCategory.InvalidData;
                case SendErrorIds.MaxUnitsReached:
                    return ErrorCategory.LimitsExceeded;
                case SendErrorIds.InsufficientBalance:
                    return ErrorCategory.QuotaExceeded;
                case SendErrorIds.MessageRejected:
                    return ErrorCategory.InvalidOperation;
                case SendErrorIds.SendFailed:
                    return ErrorCategory.ConnectionError;
                case SendErrorIds.OutcomeUnknown:
                    return ErrorCategory.InvalidResult;
                case SendErrorIds.TokenRejected:
                    return ErrorCategory.AuthenticationError;
                case SendErrorIds.NotSent:
                    return ErrorCategory.OperationStopped;
                default:
                    return ErrorCategory.NotSpecified;
            }
        }
    }
}
