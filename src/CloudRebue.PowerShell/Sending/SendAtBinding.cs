using System;
using System.Management.Automation;
using CloudRebue.Core.Api;

namespace CloudRebue.PowerShell.Sending
{
    /// <summary>
    /// -SendAt for any sending cmdlet (Send-RebueSms now; a voice cmdlet can call the same): checks it against the
    /// connection's brand and the clock before anything is sent, and ends the command with a stable ErrorId when it
    /// cannot be honoured, so a message is never sent at once when it was meant to wait.
    /// </summary>
    internal static class SendAtBinding
    {
        /// <summary>The checked schedule, or null when -SendAt was not given; throws a terminating error otherwise.</summary>
        public static SendSchedule? Check(PSCmdlet cmdlet, DateTimeOffset? sendAt, CloudRebueConnection connection)
        {
            if (sendAt == null)
            {
                return null;
            }

            SendSchedule schedule;
            try
            {
                schedule = SendSchedule.Create(sendAt.Value, connection.BrandProfile, DateTimeOffset.Now);
            }
            catch (ScheduleRefusedException ex)
            {
                ErrorCategory category = ex.IsTimeProblem ? ErrorCategory.InvalidArgument : ErrorCategory.NotImplemented;
                cmdlet.ThrowTerminatingError(new ErrorRecord(ex, ex.ErrorId, category, sendAt.Value));
                throw; // not reached: ThrowTerminatingError always throws
            }

            cmdlet.WriteVerbose(schedule.MovedToWholeMinute
                ? $"-SendAt {sendAt.Value:yyyy-MM-dd HH:mm:ss zzz} has seconds, which time_to_send cannot carry: scheduled for the next whole minute, {schedule}."
                : $"Scheduled for {schedule} (time_to_send {schedule.WireText}).");
            return schedule;
        }

        /// <summary>The -WhatIf and -Confirm action: says when the messages would go.</summary>
        public static string Action(string action, SendSchedule? schedule) =>
            schedule == null ? action : $"{action} scheduled for {schedule}";
    }
}
