using System.Linq;
using System.Management.Automation;
using CloudRebue.Core.Messages;
using CloudRebue.Core.Sending;
using CloudRebue.PowerShell.Errors;
using CloudRebue.PowerShell.Sending;

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

        /// <summary>Measures each piped row's text as Send-RebueSms -Template would fill it.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Template { get; set; }

        private MessageTemplate? _template;
        private long _row;

        /// <inheritdoc />
        protected override void BeginProcessing() => _template = SendParameters.Template(this, Template, Message);

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            _row++;
            if (_template != null)
            {
                MeasureTemplate();
                return;
            }

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

        // -Template: the row's filled text is measured; a row that cannot fill it is an error naming the field and the row.
        private void MeasureTemplate()
        {
            object? row = InputObject?.BaseObject is string || InputObject?.BaseObject is System.ValueType ? null : InputObject;
            RowColumns columns = InputColumns.Of(row);
            TemplateFill fill = _template!.Fill(columns.Field);
            if (fill.IsFilled)
            {
                WriteObject(SmsUnitCalculator.Measure(fill.Text));
                return;
            }

            WriteError(ErrorRecords.Create(fill.Describe(_row, columns.Names), SendErrorIds.TemplateFieldMissing, ErrorCategory.InvalidData, InputObject));
        }
    }
}
