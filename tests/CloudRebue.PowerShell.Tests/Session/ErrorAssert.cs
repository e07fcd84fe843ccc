using System.Management.Automation;
using Xunit;

namespace CloudRebue.PowerShell.Tests.Session;

internal static class ErrorAssert
{
    /// <summary>The record carries our stable ErrorId (FullyQualifiedErrorId is "id,command") and category.</summary>
    public static ErrorRecord Is(ErrorRecord? record, string errorId, ErrorCategory category)
    {
        Assert.NotNull(record);
        Assert.StartsWith(errorId + ",", record!.FullyQualifiedErrorId);
        Assert.Equal(category, record.CategoryInfo.Category);
        return record;
    }
}
