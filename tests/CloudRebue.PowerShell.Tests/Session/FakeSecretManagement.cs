namespace CloudRebue.PowerShell.Tests.Session;

/// <summary>
/// Get-Secret and Set-Secret as functions in the test runspace, with the real commands' parameters, an
/// in-memory vault ($FakeVault, keyed by name) and a log of calls ($SecretCalls: "Get name vault").
/// </summary>
internal static class FakeSecretManagement
{
    public const string Script = """
        $global:FakeVault = @{}
        $global:SecretCalls = [System.Collections.Generic.List[string]]::new()

        function global:Get-Secret {
            [CmdletBinding()]
            param(
                [Parameter(Mandatory, Position = 0)] [string] $Name,
                [Parameter(Position = 1)] [string] $Vault,
                [switch] $AsPlainText)
            $global:SecretCalls.Add("Get $Name $Vault")
            if (-not $global:FakeVault.ContainsKey($Name)) {
                Write-Error -Message "The secret $Name was not found." -ErrorId GetSecretNotFound -Category ObjectNotFound
                return
            }
            $PSCmdlet.WriteObject($global:FakeVault[$Name], $false)   # as the real cmdlet: a byte[] is one object
        }

        function global:Set-Secret {
            [CmdletBinding(DefaultParameterSetName = 'SecureStringParameterSet')]
            param(
                [Parameter(Mandatory, Position = 0)] [string] $Name,
                [Parameter(Mandatory, ParameterSetName = 'SecureStringParameterSet')] [securestring] $SecureStringSecret,
                [Parameter(Mandatory, ParameterSetName = 'ObjectParameterSet')] [object] $Secret,
                [Parameter(Position = 1)] [string] $Vault,
                [hashtable] $Metadata,
                [switch] $NoClobber)
            $global:SecretCalls.Add("Set $Name $Vault")
            $global:FakeVault[$Name] = if ($PSCmdlet.ParameterSetName -eq 'ObjectParameterSet') { $Secret } else { $SecureStringSecret }
        }
        """;
}
