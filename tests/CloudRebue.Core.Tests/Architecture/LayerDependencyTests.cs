using CloudRebue.Core.Sending;
using Xunit;

namespace CloudRebue.Core.Tests.Architecture;

/// <summary>
/// The engine's folders are layers and point one way: a folder uses only folders below it in
/// <see cref="Layers"/>, so Api knows nothing of send runs, Sending nothing of journals, and so on.
/// docs/ARCHITECTURE.md draws the same picture.
/// </summary>
public class LayerDependencyTests
{
    /// <summary>Top to bottom. Folders on one line are side by side and may not use each other.</summary>
    private static readonly string[][] Layers =
    {
        new[] { "Journal" },
        new[] { "Receipts", "Sending" },
        new[] { "Api" },
        new[] { "Phones", "Messages" },
        new[] { "Time", "Hashing", "Serialization", "Polyfills" },
    };

    private static int LayerOf(string folder)
    {
        for (int i = 0; i < Layers.Length; i++)
        {
            if (Layers[i].Contains(folder))
            {
                return i;
            }
        }

        throw new Xunit.Sdk.XunitException($"The folder {folder} of CloudRebue.Core is in no layer: add it to LayerDependencyTests.Layers (and to docs/ARCHITECTURE.md).");
    }

    [Fact]
    public void EveryFolderUsesOnlyTheLayersBelowIt()
    {
        var wrongWay = CoreTypeReferences.FolderEdges(typeof(SendRun).Assembly)
            .Where(edge => LayerOf(edge.Key.From) >= LayerOf(edge.Key.To))
            .Select(edge => $"{edge.Key.From} -> {edge.Key.To}: {edge.Value}")
            .OrderBy(line => line, StringComparer.Ordinal)
            .ToList();
        Assert.True(wrongWay.Count == 0, "Uses that point up or sideways:\n" + string.Join("\n", wrongWay));
    }

    [Fact]
    public void EveryFolderIsInALayer()
    {
        foreach (Type type in typeof(SendRun).Assembly.GetTypes())
        {
            string? folder = CoreTypeReferences.FolderOf(type);
            if (folder != null)
            {
                LayerOf(folder);
            }
        }
    }

    [Fact]
    public void TheCheckSeesUsesInSignaturesAndInMethodBodies()
    {
        // The check above would pass vacuously if the scan saw nothing; these uses are known to exist.
        var edges = CoreTypeReferences.FolderEdges(typeof(SendRun).Assembly);
        Assert.Contains(("Sending", "Api"), edges.Keys);      // SendRun's engine awaits SendAttempt (signature)
        Assert.Contains(("Sending", "Phones"), edges.Keys);   // SendRowValidator calls PhoneNumberNormalizer (body only)
        Assert.Contains(("Journal", "Sending"), edges.Keys);  // SendJournalGate is an IRecipientFilter
        Assert.Contains(("Api", "Serialization"), edges.Keys);
    }
}
