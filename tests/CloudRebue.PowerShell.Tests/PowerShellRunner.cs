using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using Xunit;

namespace CloudRebue.PowerShell.Tests;

/// <summary>
/// Runs script in a real in-process runspace with our cmdlets and the Utility/Management cmdlets
/// loaded, and hands back everything each stream received.
/// </summary>
public sealed class PowerShellRunner : IDisposable
{
    private readonly Runspace _runspace;

    public PowerShellRunner()
    {
        var iss = InitialSessionState.CreateDefault2();
        iss.ImportPSModule(new[]
        {
            typeof(Microsoft.PowerShell.Commands.ImportCsvCommand).Assembly.Location,
            typeof(Microsoft.PowerShell.Commands.GetChildItemCommand).Assembly.Location,
            typeof(CloudRebue.PowerShell.Cmdlets.MeasureRebueSmsCommand).Assembly.Location,
        });
        _runspace = RunspaceFactory.CreateRunspace(iss);
        _runspace.Open();
    }

    /// <summary>The runspace, for tests that drive a pipeline themselves (BeginInvoke, Stop).</summary>
    public Runspace Runspace => _runspace;

    public RunResult Run(string script, IDictionary<string, object?>? variables = null)
    {
        using var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = _runspace;
        if (variables != null)
        {
            foreach (var pair in variables)
            {
                _runspace.SessionStateProxy.SetVariable(pair.Key, pair.Value);
            }
        }

        ps.AddScript(script);
        Collection<PSObject> output;
        RuntimeException? terminating = null;
        try
        {
            output = ps.Invoke();
        }
        catch (RuntimeException ex)
        {
            output = new Collection<PSObject>();
            terminating = ex;
        }

        return new RunResult(output, ps.Streams.Error.ToList(), ps.Streams.Warning.Select(w => w.Message).ToList(),
            ps.Streams.Verbose.Select(v => v.Message).ToList(), terminating);
    }

    public void Dispose() => _runspace.Dispose();
}

public sealed record RunResult(
    Collection<PSObject> Output,
    List<ErrorRecord> Errors,
    List<string> Warnings,
    List<string> Verbose,
    RuntimeException? Terminating)
{
    public IEnumerable<T> Objects<T>() => Output.Select(o => o.BaseObject).OfType<T>();

    /// <summary>The one error with this id, whether the script stopped on it or it went to the error stream.</summary>
    public ErrorRecord Error(string errorId)
    {
        var all = Errors.ToList();
        if (Terminating is IContainsErrorRecord record)
        {
            all.Add(record.ErrorRecord);
        }

        return Assert.Single(all, e => e.FullyQualifiedErrorId.StartsWith(errorId + ",", StringComparison.Ordinal) || e.FullyQualifiedErrorId == errorId);
    }
}
