using System.Management.Automation;
using System.Security;
using CloudRebue.PowerShell.Session;
using CloudRebue.Testing;

namespace CloudRebue.PowerShell.Tests.Session;

/// <summary>
/// One session test's world: a runspace, a stub API that accepts only this test's random token, no
/// CLOUDREBUE_* variables and no session. Everything is put back on Dispose.
/// </summary>
internal sealed class SessionTestContext : IDisposable
{
    private static readonly string[] EnvironmentVariables = { "CLOUDREBUE_TOKEN", "CLOUDREBUE_BASE_URI" };
    private readonly Dictionary<string, string?> _savedEnvironment = new();

    public SessionTestContext()
    {
        foreach (string name in EnvironmentVariables)
        {
            _savedEnvironment[name] = Environment.GetEnvironmentVariable(name);
            Environment.SetEnvironmentVariable(name, null);
        }

        SessionStore.Clear();
        Api = new StubApiServer(Token);
    }

    public PowerShellRunner PS { get; } = new();

    public StubApiServer Api { get; }

    /// <summary>Distinctive, so a test can prove it never shows up anywhere.</summary>
    public string Token { get; } = "xunit-" + Guid.NewGuid().ToString("N");

    public string Hint => "****" + Token[^4..];

    /// <summary>Variables every script can use: $token (SecureString) and one base URI per stub mode.</summary>
    public Dictionary<string, object?> Variables() => new()
    {
        ["token"] = Secure(Token),
        ["ok"] = Api.BaseUri("ok"),
        ["kes"] = Api.BaseUri("kes"),
        ["unauthorized"] = Api.BaseUri("unauthorized"),
        ["servererror"] = Api.BaseUri("error"),
        ["slow"] = Api.BaseUri("slow"),
        ["unreachable"] = StubApiServer.UnreachableBaseUri(),
    };

    public RunResult Run(string script) => PS.Run(script, Variables());

    /// <summary>
    /// Runs the script inside try/catch. Only a terminating error reaches the catch block, so a record
    /// here proves the command stopped rather than wrote a non-terminating error.
    /// </summary>
    public (RunResult Result, ErrorRecord? Terminating) Try(string script)
    {
        RunResult result = PS.Run("try {\n" + script + "\n} catch { $_ }", Variables());
        return (result, result.Objects<ErrorRecord>().SingleOrDefault());
    }

    /// <summary>The Authorization headers the stub received.</summary>
    public List<string?> AuthorizationsSeen() => Api.Requests.Select(r => r.Authorization).ToList();

    public static SecureString Secure(string text)
    {
        var secure = new SecureString();
        foreach (char c in text)
        {
            secure.AppendChar(c);
        }

        return secure;
    }

    public void Dispose()
    {
        SessionStore.Clear();
        Api.Dispose();
        PS.Dispose();
        foreach (var pair in _savedEnvironment)
        {
            Environment.SetEnvironmentVariable(pair.Key, pair.Value);
        }
    }
}
