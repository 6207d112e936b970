using System.Collections.Immutable;
using Ward.Gcp.Iam;

namespace Ward.Gcp.Ingest;

/// <summary>
/// The containers that policy search results (<c>IamPolicySearchResult</c>) name, as ancestry paths: each result's
/// <c>project</c>, <c>folders</c> and <c>organization</c>. Google documents which folders a policy belongs to, not in
/// which order they are listed, so the folders of a result are put closest first only where every pair of them is
/// decided: by a folder's own ancestry (the folders a policy set on it belongs to, itself included, from its own
/// search result, or an ordered ancestry of an asset export) or by a folder of the same list whose ancestry holds one
/// of the pair and not the other. A path whose folders stay unordered is kept apart (<see cref="Chain.Ordered"/>).
/// </summary>
internal static class SearchedHierarchy
{
    /// <summary>An ancestry path read from a search result: the closest container first, the organization last.</summary>
    /// <param name="Ancestors">The project (or the folder or organization the policy is set on), the folders, the organization; the folders closest first when <paramref name="Ordered"/>, else as listed.</param>
    /// <param name="Ordered">Whether the order of the folders is known.</param>
    /// <param name="Above">For each folder of the path, the folders known to be above it (the rest of the list may be above or below it).</param>
    /// <param name="Source">The search result.</param>
    internal sealed record Chain(ImmutableArray<string> Ancestors, bool Ordered, IReadOnlyDictionary<string, ImmutableArray<string>> Above, IamPolicy Source);

    /// <param name="searched">The search results, in input order.</param>
    /// <param name="orderedAncestries">The ordered ancestry paths already known (asset exports), closest first.</param>
    public static List<Chain> Chains(IEnumerable<IamPolicy> searched, IEnumerable<ImmutableArray<string>> orderedAncestries)
    {
        var results = searched.Select(p => (Policy: p, Parts: Parts(p))).ToList();

        // Each folder's folders at or above it, where an ordered path or the folder's own search result says.
        var above = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var ancestry in orderedAncestries)
        {
            for (var i = 0; i < ancestry.Length; i++)
            {
                if (ResourceNames.ContainerKind(ancestry[i]) == HierarchyNodeKind.Folder)
                {
                    above.TryAdd(ancestry[i], [.. ancestry.Skip(i).Where(a => ResourceNames.ContainerKind(a) == HierarchyNodeKind.Folder)]);
                }
            }
        }

        foreach (var (policy, parts) in results)
        {
            if (ResourceNames.ContainerKind(policy.Resource) == HierarchyNodeKind.Folder)
            {
                above.TryAdd(ResourceNames.Relative(policy.Resource), [.. parts.Folders]);
            }
        }

        var chains = new List<Chain>();
        foreach (var (policy, parts) in results)
        {
            var ordered = Order(parts.Folders, above);
            var folders = ordered ?? parts.Folders;
            var path = ImmutableArray.CreateBuilder<string>();
            if (parts.Project is not null)
            {
                path.Add(parts.Project);
            }

            path.AddRange(folders);
            if (parts.Organization is not null)
            {
                path.Add(parts.Organization);
            }

            if (path.Count == 0)
            {
                continue;
            }

            var knownAbove = parts.Folders.ToDictionary(
                f => f,
                f => parts.Folders.Where(g => g != f && Below(f, g, parts.Folders, above) == true).ToImmutableArray(),
                StringComparer.Ordinal);
            chains.Add(new Chain(path.ToImmutable(), ordered is not null, knownAbove, policy));
        }

        return chains;
    }

    /// <summary>A result's project, folders (as listed, the folder the policy is set on among them) and organization.</summary>
    private static (string? Project, List<string> Folders, string? Organization) Parts(IamPolicy policy)
    {
        var project = policy.Ancestors.FirstOrDefault(a => ResourceNames.ContainerKind(a) == HierarchyNodeKind.Project);
        var folders = policy.Ancestors.Where(a => ResourceNames.ContainerKind(a) == HierarchyNodeKind.Folder).Distinct(StringComparer.Ordinal).ToList();
        var organization = policy.Ancestors.FirstOrDefault(a => ResourceNames.ContainerKind(a) == HierarchyNodeKind.Organization);
        var own = ResourceNames.Relative(policy.Resource);
        switch (ResourceNames.ContainerKind(policy.Resource))
        {
            case HierarchyNodeKind.Project:
                project ??= own;
                break;
            case HierarchyNodeKind.Folder:
                // The folder the policy is set on is the closest, whether the result lists it or not.
                folders.Remove(own);
                folders.Insert(0, own);
                break;
            case HierarchyNodeKind.Organization:
                organization ??= own;
                break;
        }

        return (project, folders, organization);
    }

    /// <summary>The folders closest first, or null when some pair of them is not decided.</summary>
    private static List<string>? Order(List<string> folders, Dictionary<string, HashSet<string>> above)
    {
        if (folders.Count <= 1)
        {
            return folders;
        }

        var depth = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var a in folders)
        {
            var count = 0;
            foreach (var b in folders.Where(b => b != a))
            {
                switch (Below(a, b, folders, above))
                {
                    case null:
                        return null;
                    case true:
                        count++;
                        break;
                }
            }

            depth[a] = count;
        }

        // Consistent answers put each folder at its own depth.
        return depth.Values.Distinct().Count() == folders.Count ? [.. folders.OrderByDescending(f => depth[f])] : null;
    }

    /// <summary>Whether folder <paramref name="a"/> lies below <paramref name="b"/>, both in the same path; null when nothing known says.</summary>
    private static bool? Below(string a, string b, List<string> path, Dictionary<string, HashSet<string>> above)
    {
        if (above.TryGetValue(a, out var ofA))
        {
            return ofA.Contains(b);
        }

        if (above.TryGetValue(b, out var ofB))
        {
            return !ofB.Contains(a);
        }

        // A folder of the path whose ancestry holds one of them and not the other lies between them.
        foreach (var k in path)
        {
            if (above.TryGetValue(k, out var ofK) && ofK.Contains(a) != ofK.Contains(b))
            {
                return ofK.Contains(b);
            }
        }

        return null;
    }
}
