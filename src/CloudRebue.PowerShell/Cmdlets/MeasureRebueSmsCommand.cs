using System.Management.Automation;
using CloudRebue.Core.Messages;

namespace CloudRebue.PowerShell.Cmdlets
{
    /// <summary>Measure-RebueSms: the encoding, length and units of a text, without sending it.</summary>
    [Cmdlet(VerbsDiagnostic.Measure, "RebueSms")]
    [OutputType(typeof(SmsMeasurement))]
    public sealed class MeasureRebueSmsCommand : PSCmdlet
    {
        /// <summary>The text to measure.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Text", "Body")]
        [AllowEmptyString]
        public string Message { get; set; } = string.Empty;

        /// <inheritdoc />
        protected override void ProcessRecord() => WriteObject(SmsUnitCalculator.Measure(Message));
    }
}
