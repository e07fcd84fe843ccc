using System.Management.Automation;
using System.Reflection;
using Xunit;

namespace CloudRebue.PowerShell.Tests.Cmdlets;

/// <summary>
/// No cmdlet takes a token, secret, key or password as plain text: a [string] parameter would put it in
/// command history, transcripts and $MyInvocation. The check runs over every cmdlet the module ships.
/// </summary>
public class CmdletParameterHygieneTests
{
    private static readonly string[] SensitiveWords = { "token", "secret", "key", "password" };

    public static IEnumerable<object[]> Cmdlets() =>
        typeof(CloudRebue.PowerShell.Cmdlets.ConnectCloudRebueCommand).Assembly.GetTypes()
            .Where(t => t.GetCustomAttribute<CmdletAttribute>() != null)
            .Select(t => new object[] { t });

    /// <summary>
    /// Names of parameters that mention a sensitive word but hold plain text. A parameter ending in "Name"
    /// names a secret (SecretName is the vault entry's name, such as "CloudRebue"), it is not the secret.
    /// </summary>
    internal static List<string> PlainTextSecretParameters(Type cmdlet) =>
        cmdlet.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttributes<ParameterAttribute>().Any())
            .Where(p => SensitiveWords.Any(w => p.Name.Contains(w, StringComparison.OrdinalIgnoreCase)))
            .Where(p => !p.Name.EndsWith("Name", StringComparison.Ordinal))
            .Where(p => p.PropertyType == typeof(string) || p.PropertyType == typeof(string[]))
            .Select(p => p.Name)
            .ToList();

    [Fact]
    public void TheModuleHasCmdletsToCheck()
    {
        Assert.Contains(Cmdlets(), row => (Type)row[0] == typeof(CloudRebue.PowerShell.Cmdlets.ConnectCloudRebueCommand));
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void NoSensitiveParameterIsPlainText(Type cmdlet)
    {
        Assert.Empty(PlainTextSecretParameters(cmdlet));
    }

    [Fact]
    public void TheCheckCatchesPlainTextSecrets()
    {
        Assert.Equal(new[] { "ApiKey", "Password", "Tokens" }, PlainTextSecretParameters(typeof(LeakyCommand)).OrderBy(n => n));
    }

    [Fact]
    public void TheCheckAllowsSecureTypesAndNames()
    {
        Assert.Empty(PlainTextSecretParameters(typeof(CarefulCommand)));
    }

    [Cmdlet(VerbsCommon.Get, "Leaky")]
    private sealed class LeakyCommand : PSCmdlet
    {
        [Parameter] public string? ApiKey { get; set; }

        [Parameter] public string? Password { get; set; }

        [Parameter] public string[]? Tokens { get; set; }

        public string? SecretNotAParameter { get; set; }
    }

    [Cmdlet(VerbsCommon.Get, "Careful")]
    private sealed class CarefulCommand : PSCmdlet
    {
        [Parameter] public System.Security.SecureString? Token { get; set; }

        [Parameter] public PSCredential? Credential { get; set; }

        [Parameter] public string? SecretName { get; set; }

        [Parameter] public SwitchParameter SaveSecret { get; set; }
    }
}
