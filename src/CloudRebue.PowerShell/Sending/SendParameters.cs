using System;
using System.Management.Automation;
using CloudRebue.Core.Phones;
using CloudRebue.Core.Sending;
using CloudRebue.PowerShell.Errors;

namespace CloudRebue.PowerShell.Sending
{
    /// <summary>
    /// Checks the parameters of personalisation and guard rails before anything is sent: a template that cannot
    /// be read, or an opt-out list with an entry that is not a number, stops the command at once.
    /// </summary>
    internal static class SendParameters
    {
        /// <summary>The parsed -Template, or null without one.</summary>
        public static MessageTemplate? Template(Cmdlet cmdlet, string? template, string? message)
        {
            if (template == null)
            {
                return null;
            }

            if (message != null)
            {
                cmdlet.ThrowTerminatingError(ErrorRecords.Create(
                    "-Template and -Message both give the text. Use -Template to fill each row's text from its columns, or -Message to send one text as typed.",
                    ErrorIds.TemplateAndMessage,
                    ErrorCategory.InvalidArgument,
                    template));
            }

            try
            {
                return MessageTemplate.Parse(template);
            }
            catch (FormatException ex)
            {
                cmdlet.ThrowTerminatingError(ErrorRecords.Create(ex.Message, ErrorIds.InvalidTemplate, ErrorCategory.InvalidArgument, template, ex));
                return null;
            }
        }

        /// <summary>The -ExcludePhone numbers, or null without any.</summary>
        public static ExcludeList? Exclusions(Cmdlet cmdlet, string[]? entries)
        {
            if (entries == null || entries.Length == 0)
            {
                return null;
            }

            var list = new ExcludeList(entries);
            if (list.ProblemCount > 0)
            {
                cmdlet.ThrowTerminatingError(ErrorRecords.Create(list.DescribeProblems(), ErrorIds.InvalidExcludePhone, ErrorCategory.InvalidArgument, entries));
            }

            return list;
        }
    }
}
