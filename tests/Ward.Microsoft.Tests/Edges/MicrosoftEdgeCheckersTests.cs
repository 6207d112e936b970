using System.Text.RegularExpressions;
using Ward.Microsoft.Edges;

namespace Ward.Microsoft.Tests.Edges;

/// <summary>
/// The list of Entra ID and Azure techniques: every checker is in it once, each with its own kebab-case id, and each
/// id is documented in the technique table of docs/entra/escalation.md (the Microsoft technique catalogue).
/// </summary>
public sealed partial class MicrosoftEdgeCheckersTests
{
    [Fact]
    public void Every_checker_is_listed_once()
    {
        var listed = MicrosoftEdgeCheckers.All.Select(c => c.GetType()).ToList();
        var defined = typeof(IMicrosoftEdgeChecker).Assembly.GetTypes().Where(t => !t.IsAbstract && typeof(IMicrosoftEdgeChecker).IsAssignableFrom(t)).ToList();

        Assert.Equal(listed.Count, listed.Distinct().Count());
        Assert.Empty(defined.Except(listed));
        Assert.Empty(listed.Except(defined));
    }

    [Fact]
    public void Every_technique_id_is_unique_and_kebab_case_with_its_provider_prefix()
    {
        var ids = MicrosoftEdgeCheckers.All.Select(c => c.TechniqueId).ToList();

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(ids, id => Assert.Matches(KebabCase(), id));
        Assert.All(ids, id => Assert.True(id.StartsWith("entra-", StringComparison.Ordinal) || id.StartsWith("azure-", StringComparison.Ordinal), id));
    }

    [Fact]
    public void Every_technique_is_documented_and_every_documented_technique_has_a_checker()
    {
        var documented = DocumentedTechniques();

        Assert.All(MicrosoftEdgeCheckers.All, c => Assert.Contains(c.TechniqueId, documented));
        Assert.Equal(documented.Order(StringComparer.Ordinal), MicrosoftEdgeCheckers.All.Select(c => c.TechniqueId).Order(StringComparer.Ordinal), StringComparer.Ordinal);
    }

    /// <summary>The technique ids of the first column of the table in docs/entra/escalation.md.</summary>
    private static HashSet<string> DocumentedTechniques()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Ward.slnx")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        var rows = File.ReadAllLines(Path.Combine(root.FullName, "docs", "entra", "escalation.md")).Where(l => l.StartsWith("| `", StringComparison.Ordinal));
        return rows.SelectMany(row => Code().Matches(row.Split('|')[1]).Select(m => m.Groups[1].Value)).ToHashSet(StringComparer.Ordinal);
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)+$")]
    private static partial Regex KebabCase();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Code();
}
