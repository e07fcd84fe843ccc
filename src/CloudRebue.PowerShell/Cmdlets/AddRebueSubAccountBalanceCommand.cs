using System.Management.Automation;
using CloudRebue.Core.Api;
using CloudRebue.Core.Sending;
using CloudRebue.PowerShell.Errors;
using CloudRebue.PowerShell.Session;

namespace CloudRebue.PowerShell.Cmdlets
{
    /// <summary>
    /// Add-RebueSubAccountBalance: moves units (or, on brands that bill in shillings, KES) from the connected
    /// account to one of its sub-accounts through <c>POST account/top-up</c>. "Add" is PowerShell's approved verb
    /// for adding to a container; the noun says whose balance grows. A top-up moves money: ConfirmImpact High,
    /// and it is never repeated by the module after an ambiguous failure.
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "RebueSubAccountBalance", DefaultParameterSetName = UnitsSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(TopUpResult))]
    public sealed class AddRebueSubAccountBalanceCommand : RebueApiCmdlet
    {
        private const string UnitsSet = "Units";
        private const string AmountSet = "AmountKes";

        private CloudRebueConnection? _connection;

        /// <summary>The sub-account to top up.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("SubAccountId")]
        [ValidateRange(1, int.MaxValue)]
        public int AccountId { get; set; }

        /// <summary>The units to move.</summary>
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = UnitsSet, ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, long.MaxValue)]
        public long Units { get; set; }

        /// <summary>Your reference for the top-up (topup_reference).</summary>
        [Parameter(ParameterSetName = UnitsSet, ValueFromPipelineByPropertyName = true)]
        [Alias("TopupReference")]
        [ValidateNotNullOrEmpty]
        public string? Reference { get; set; }

        /// <summary>The amount in KES to move, for brands whose top-up takes money (RebueText's newer API).</summary>
        [Parameter(Mandatory = true, ParameterSetName = AmountSet, ValueFromPipelineByPropertyName = true)]
        public decimal AmountKes { get; set; }

        /// <inheritdoc />
        protected override void BeginProcessing() => _connection = RequireConnection();

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            if (ParameterSetName == AmountSet && AmountKes <= 0)
            {
                // One bad row of a CSV: the others still run.
                WriteError(ErrorRecords.Create($"-AmountKes must be more than 0; it was {AmountKes}. Nothing moved.", "CloudRebue.TopUpInvalidArgument", ErrorCategory.InvalidArgument, AmountKes));
                return;
            }

            TopUpRequest request = ParameterSetName == UnitsSet ? TopUpRequest.OfUnits(AccountId, Units, Reference) : TopUpRequest.OfAmountKes(AccountId, AmountKes);
            string reference = request.Reference == null ? string.Empty : $" (reference {request.Reference})";
            if (!ShouldProcess($"sub-account {request.AccountId} at {_connection!.BaseUri}", $"Move {request.Describe()} from the connected account{reference}"))
            {
                return;
            }

            TopUpResult result = _connection.Client.TopUpAsync(request, StopToken).GetAwaiter().GetResult();
            if (result.FailureKind == ApiFailureKind.TokenRejected)
            {
                ThrowTerminatingError(ErrorRecords.Create(result.Error!, SendErrorIds.TokenRejected, ErrorCategory.AuthenticationError, result));
            }

            WriteObject(result);
            if (result.Status == TopUpStatus.Succeeded)
            {
                WriteVerbose($"Sub-account {result.AccountId} topped up: {request.Describe()}{reference}.");
                return;
            }

            WriteError(ErrorRecords.Create(result.Error!, result.ErrorId!, CategoryOf(result.ErrorId), result));
        }

        private static ErrorCategory CategoryOf(string? errorId)
        {
            switch (errorId)
            {
                case TopUpErrorIds.NotSubAccount:
                    return ErrorCategory.PermissionDenied;
                case TopUpErrorIds.Invalid:
                    return ErrorCategory.InvalidArgument;
                case TopUpErrorIds.NotDone:
                    return ErrorCategory.ConnectionError;
                case TopUpErrorIds.OutcomeUnknown:
                    return ErrorCategory.InvalidResult;
                default:
                    return ErrorCategory.InvalidOperation;
            }
        }
    }
}
