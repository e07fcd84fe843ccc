using System.Linq;
using System.Management.Automation;
using CloudRebue.Core.Messages;
using CloudRebue.PowerShell.Errors;

namespace CloudRebue.PowerShell.Cmdlets
{
    /// <summary>Measure-RebueSms: the encoding, length and units of a text, without sending it.</summary>
    [Cmdlet(VerbsDiagnostic.Measure, "RebueSms")]
    [OutputType(typeof(SmsMeasurement))]
    public sealed class MeasureRebueSmsCommand : PSCmdlet
    {
        /// <summary>The text to measure: given here, or the Message (Text, Body) property of each piped object.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Text", "Body")]
        [AllowEmptyString]
        [AllowNull]
        public string? Message { get; set; }

        /// <summary>
        /// A piped string is the text itself. A piped object must carry the text in a Message, Text or Body
        /// property: binding the whole object as text would measure "@{Customer Name=...}" instead.
        /// </summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        [AllowNull]
        public PSObject? InputObject { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            object? piped = InputObject?.BaseObject;
            string? text = Message ?? (piped is string || piped is System.ValueType ? System.Convert.ToString(piped, System.Globalization.CultureInfo.InvariantCulture) : null);
            if (text != null)
            {
                WriteObject(SmsUnitCalculator.Measure(text));
                return;
            }

            if (InputObject == null)
            {
                ThrowTerminatingError(ErrorRecords.Create("There is no text to measure. Pass it with -Message, or pipe strings or objects with a Message column.", ErrorIds.MessageMissing, ErrorCategory.InvalidArgument, null));
            }

            string found = string.Join(", ", InputObject!.Properties.Select(p => p.Name).Take(20));
            WriteError(ErrorRecords.Create(
                $"The input object has no Message, Text or Body property, so there is no text to measure (its properties: {(found.Length == 0 ? "none" : found)}). Pass the text with -Message, or rename the column that holds it to Message.",
                ErrorIds.MessageMissing,
                ErrorCategory.InvalidArgument,
                InputObject));
        }
    }
}
