using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;
using CloudRebue.PowerShell.Session;

namespace CloudRebue.PowerShell.Sending
{
    /// <summary>Tab completion for -Sender: the sender ID the session was connected with.</summary>
    public sealed class SenderCompleter : IArgumentCompleter
    {
        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string? sender = SessionStore.Current?.DefaultSender;
            if (sender != null && sender.StartsWith(wordToComplete ?? string.Empty, StringComparison.OrdinalIgnoreCase))
            {
                yield return new CompletionResult(sender, sender, CompletionResultType.ParameterValue, "The default sender of the current CloudRebue session");
            }
        }
    }
}
