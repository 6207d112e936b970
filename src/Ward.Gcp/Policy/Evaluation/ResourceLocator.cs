using System.Collections.Immutable;
using Ward.Gcp.Iam;

namespace Ward.Gcp.Policy.Evaluation;

/// <summary>
/// Reads a resource as a question names it and places it in the estate: the allow policies that reach it (its own,
/// those of the resources its name lies under, and those of its project, folders and organization, from the
/// hierarchy or the ancestry its exported policy gives) and its condition attributes.
/// </summary>
public static class ResourceLocator
{
    private const string Storage = "storage.googleapis.com";
    private const string Iam = "iam.googleapis.com";
    private const string BucketPrefix = "projects/_/buckets/";
    private const string ResourceManager = "cloudresourcemanager.googleapis.com";

    /// <summary>
    /// A full resource name (<c>//storage.googleapis.com/projects/_/buckets/b</c>, a bucket as Cloud Asset Inventory
    /// names it, <c>//storage.googleapis.com/b</c>) or a container's relative name (<c>projects/ID_OR_NUMBER</c>,
    /// <c>folders/ID</c>, <c>organizations/ID</c>); null with the problem when the text is neither.
    /// </summary>
    public static GcpResource? Locate(GcpEstate estate, string text, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(estate);
        ArgumentNullException.ThrowIfNull(text);
        problem = null;
        text = text.Trim();
        string service;
        string relative;
        if (text.StartsWith("//", StringComparison.Ordinal))
        {
            var slash = text.IndexOf('/', 2);
            if (slash < 0 || slash == text.Length - 1 || !text[2..slash].Contains('.', StringComparison.Ordinal))
            {
                problem = $"`{text}` is not a full resource name (`//SERVICE/RELATIVE_NAME`, e.g. `//storage.googleapis.com/projects/_/buckets/NAME`)";
                return null;
            }

            service = text[2..slash];
            relative = text[(slash + 1)..];
        }
        else if (ResourceNames.ContainerKind(text) is not null)
        {
            service = "cloudresourcemanager.googleapis.com";
            relative = text;
        }
        else
        {
            problem = $"`{text}` is neither a full resource name (`//cloudresourcemanager.googleapis.com/projects/ID`, `//storage.googleapis.com/projects/_/buckets/NAME`) nor `projects/ID`, `folders/ID` or `organizations/ID`";
            return null;
        }

        if (relative.Split('/').Any(s => s.Length == 0))
        {
            problem = $"`{text}` has an empty segment";
            return null;
        }

        var full = "//" + service + "/" + relative;
        return ResourceNames.ContainerKind(full) is { } kind ? Container(estate, relative, kind) : Other(estate, service, relative);
    }

    /// <summary>The allow policy exported for a resource, under any of its names (a project by number or id, a bucket in either form).</summary>
    public static IamPolicy? PolicyOf(GcpEstate estate, string fullName)
    {
        ArgumentNullException.ThrowIfNull(estate);
        ArgumentNullException.ThrowIfNull(fullName);
        return estate.FindPolicy(fullName)
            ?? (BucketAlias(fullName) is { } alias ? estate.FindPolicy(alias) : null)
            ?? (ResourceNames.ContainerKind(fullName) == HierarchyNodeKind.Project && estate.FindNode(ResourceNames.Relative(fullName)) is { } node
                ? estate.FindPolicy(node.Name) ?? (node.ProjectId is { } id ? estate.FindPolicy(ResourceNames.Container("projects/" + id)) : null)
                : null);
    }

    private static GcpResource Container(GcpEstate estate, string relative, HierarchyNodeKind kind)
    {
        var node = estate.FindNode(relative);
        var name = node?.Name ?? ResourceNames.Container(relative);
        var (ancestors, gap) = node is null
            ? PolicyAncestry(estate, name, relative)
            : (node.Ancestors.IsEmpty ? [node.RelativeName] : node.Ancestors, GapAbove(estate, node));
        return new GcpResource
        {
            Name = name,
            RelativeName = ResourceNames.Relative(name),
            Service = "cloudresourcemanager.googleapis.com",
            Type = "cloudresourcemanager.googleapis.com/" + kind,
            PolicyHolders = OnePerPolicy(estate, ancestors.Select(ResourceNames.Container).Prepend(name)),
            AncestryGap = gap,
        };
    }

    private static (ImmutableArray<string> Ancestors, string? Gap) PolicyAncestry(GcpEstate estate, string name, string relative)
    {
        if (PolicyOf(estate, name) is { Ancestors.IsEmpty: false } policy)
        {
            return (policy.Ancestors, null);
        }

        return ([relative], $"`{relative}` is not in the exported hierarchy, so the allow policies of its ancestors are not known");
    }

    private static GcpResource Other(GcpEstate estate, string service, string relative)
    {
        if (service == ResourceManager && TagAncestry(estate, relative) is { } tag)
        {
            return tag;
        }

        var (conditionName, aliases, project) = service switch
        {
            // Cloud Asset Inventory names a bucket `//storage.googleapis.com/NAME`; IAM conditions see `projects/_/buckets/NAME`.
            Storage when !relative.Contains('/', StringComparison.Ordinal) => (BucketPrefix + relative, [], null),
            Iam when ServiceAccountIn(estate, relative) is { } account => account,
            _ => (relative, (List<string>)[], null),
        };
        var name = "//" + service + "/" + conditionName;

        // A resource inherits the policies of the resources its name lies under: a bucket's for its objects, a dataset's for its tables.
        var segments = conditionName.Split('/');
        var under = Enumerable.Range(1, segments.Length - 1).Reverse()
            .Select(n => "//" + service + "/" + string.Join('/', segments.Take(n)))
            .Where(prefix => PolicyOf(estate, prefix) is not null);
        List<string> own = [name, .. aliases.Where(a => PolicyOf(estate, a) is not null), .. under];
        var (containers, gap) = ContainersAbove(estate, own, project ?? ContainerInName(conditionName), name);
        var holders = OnePerPolicy(estate, own.Concat(containers.Select(ResourceNames.Container)));
        return new GcpResource
        {
            Name = name,
            RelativeName = conditionName,
            Service = service,
            Type = TypeOf(estate, service, conditionName, [name, .. aliases]),
            PolicyHolders = holders,
            OwnHolders = holders.TakeWhile(h => h == name || aliases.Contains(h, StringComparer.Ordinal)).Count(),
            AncestryGap = gap,
        };
    }

    /// <summary>
    /// A tag value (<c>tagValues/ID</c>) or key (<c>tagKeys/ID</c>) inherits, as Google documents for tags, the
    /// policies of its key and of the organization or project that owns the key, and those above that project. The
    /// key comes from the tag values export, else from the value's exported policy's ancestry (Cloud Asset Inventory
    /// lists <c>tagValues/V, tagKeys/K, organizations/O</c>); the owner from the tag keys export, else likewise.
    /// Null for any other name.
    /// </summary>
    private static GcpResource? TagAncestry(GcpEstate estate, string relative)
    {
        var segments = relative.Split('/');
        if (segments is not [("tagValues" or "tagKeys") and var kind, _])
        {
            return null;
        }

        var name = "//" + ResourceManager + "/" + relative;
        var policyAncestry = PolicyOf(estate, name)?.Ancestors ?? [];
        var key = kind == "tagKeys" ? relative
            : estate.TagValues.FirstOrDefault(v => v.Name == relative)?.Parent ?? policyAncestry.FirstOrDefault(a => a.StartsWith("tagKeys/", StringComparison.Ordinal));
        var owner = key is null ? null
            : estate.TagKeys.FirstOrDefault(k => k.Name == key)?.Parent ?? policyAncestry.FirstOrDefault(a => ResourceNames.ContainerKind(a) is not null);
        var (containers, gap) = owner is null
            ? (ImmutableArray<string>.Empty, $"the export does not say which organization or project owns `{relative}` (neither the tag keys and values exports nor an exported policy's ancestry name it), so the allow policies above it are not known")
            : estate.FindNode(owner) is { } node
                ? (node.Ancestors.IsEmpty ? [node.RelativeName] : node.Ancestors, GapAbove(estate, node))
                : (ImmutableArray.Create(owner), $"`{owner}`, which owns `{relative}`, is not in the exported hierarchy, so the allow policies above it are not known");
        string[] own = key is null || key == relative ? [name] : [name, "//" + ResourceManager + "/" + key];
        return new GcpResource
        {
            Name = name,
            RelativeName = relative,
            Service = ResourceManager,
            Type = ResourceManager + (kind == "tagKeys" ? "/TagKey" : "/TagValue"),
            PolicyHolders = OnePerPolicy(estate, own.Concat(containers.Select(ResourceNames.Container))),
            AncestryGap = gap,
        };
    }

    /// <summary>
    /// A service account named <c>projects/P/serviceAccounts/EMAIL_OR_UNIQUE_ID</c> (P may be <c>-</c>): conditions
    /// see <c>projects/-/serviceAccounts/EMAIL</c>; its policy may be exported under its unique id (Cloud Asset
    /// Inventory) or its email; its project is the one that owns it.
    /// </summary>
    private static (string ConditionName, List<string> Aliases, string? Project)? ServiceAccountIn(GcpEstate estate, string relative)
    {
        var segments = relative.Split('/');
        if (segments.Length < 4 || segments[0] != "projects" || segments[2] != "serviceAccounts")
        {
            return null;
        }

        var account = estate.FindServiceAccount(segments[3]);
        var email = account?.Email ?? (segments[3].Contains('@', StringComparison.Ordinal) ? segments[3] : null);
        var projectId = account?.ProjectId ?? (email is null ? null : ServiceAccount.ProjectIdOfEmail(email)) ?? (segments[1] is "-" ? null : segments[1]);
        var rest = string.Concat(segments.Skip(4).Select(s => "/" + s));
        var ids = new[] { segments[3], email, account?.UniqueId }.OfType<string>().Distinct(StringComparer.Ordinal);
        var projects = new[] { segments[1], projectId, "-" }.OfType<string>().Distinct(StringComparer.Ordinal);
        var aliases = projects.SelectMany(p => ids.Select(id => $"//{Iam}/projects/{p}/serviceAccounts/{id}{rest}")).ToList();
        var conditionName = email is null ? relative : $"projects/-/serviceAccounts/{email}{rest}";
        return (conditionName, aliases, projectId is null ? null : "projects/" + projectId);
    }

    /// <summary>
    /// The project, folders and organization above a resource: from an exported policy's ancestry, else from the
    /// container its name lies under (a project, or a folder or organization: an organization's custom roles are
    /// <c>organizations/ID/roles/NAME</c>).
    /// </summary>
    private static (ImmutableArray<string> Containers, string? Gap) ContainersAbove(GcpEstate estate, List<string> holders, string? containerInName, string name)
    {
        var ancestry = holders.Select(h => PolicyOf(estate, h)?.Ancestors ?? []).FirstOrDefault(a => !a.IsEmpty, []);
        var container = ancestry.FirstOrDefault(a => ResourceNames.ContainerKind(a) == HierarchyNodeKind.Project) ?? containerInName;
        if (container is not null && estate.FindNode(container) is { } node)
        {
            return (node.Ancestors.IsEmpty ? [node.RelativeName] : node.Ancestors, GapAbove(estate, node));
        }

        if (!ancestry.IsEmpty)
        {
            return ([.. ancestry.Where(a => ResourceNames.ContainerKind(a) is not null)], null);
        }

        return container is not null
            ? ([container], ResourceNames.ContainerKind(container) == HierarchyNodeKind.Organization
                ? $"`{container}` is not in the exported hierarchy, so its allow policy is not known"
                : $"{(ResourceNames.ContainerKind(container) == HierarchyNodeKind.Project ? "project" : "folder")} `{container}` is not in the exported hierarchy, so the allow policies of its {(ResourceNames.ContainerKind(container) == HierarchyNodeKind.Project ? "folders" : "parent folders")} and organization are not known")
            : ([], $"the export does not place `{name}` in the hierarchy (no exported policy on it gives its ancestry, and its name names no project, folder or organization), so the allow policies of its project, folders and organization are not known");
    }

    /// <summary>The container a relative name lies under: its first <c>projects/ID</c> (not <c>_</c> or <c>-</c>), <c>folders/ID</c> or <c>organizations/ID</c>.</summary>
    private static string? ContainerInName(string relative)
    {
        var segments = relative.Split('/');
        for (var i = 0; i + 1 < segments.Length; i++)
        {
            if (segments[i] is "projects" or "folders" or "organizations" && segments[i + 1] is not ("_" or "-"))
            {
                return segments[i] + "/" + segments[i + 1];
            }
        }

        return null;
    }

    /// <summary>Why the ancestry of a node stops short: its topmost known ancestor has a parent that was not exported.</summary>
    private static string? GapAbove(GcpEstate estate, HierarchyNode node)
    {
        var top = node.Ancestors.IsEmpty ? node : estate.FindNode(node.Ancestors[^1]);
        return top?.Parent is { } parent && estate.FindNode(parent) is null
            ? $"the ancestry of `{node.RelativeName}` stops at `{top.RelativeName}`, whose parent `{parent}` is not in the export, so the allow policies above it are not known"
            : null;
    }

    private static string? TypeOf(GcpEstate estate, string service, string relative, List<string> names)
    {
        if (service == Storage && relative.StartsWith(BucketPrefix, StringComparison.Ordinal))
        {
            return relative.IndexOf("/objects/", BucketPrefix.Length, StringComparison.Ordinal) > 0 ? "storage.googleapis.com/Object"
                : relative.IndexOf('/', BucketPrefix.Length) < 0 ? "storage.googleapis.com/Bucket"
                : null;
        }

        if (service == Iam && relative.StartsWith("projects/", StringComparison.Ordinal) && relative.Split('/') is [_, _, "serviceAccounts", _])
        {
            return "iam.googleapis.com/ServiceAccount";
        }

        if (service == "compute.googleapis.com" && relative.Split('/') is ["projects", _, "zones", _, "instances", _])
        {
            return "compute.googleapis.com/Instance";
        }

        // The asset type of the resource's own policy, under whichever of its names it was exported.
        return names.Select(n => PolicyOf(estate, n)).OfType<IamPolicy>().FirstOrDefault()?.AssetType;
    }

    /// <summary>The names in order, each once, and each exported policy under one name only (the first).</summary>
    /// <remarks>
    /// A name that is its policy's resource is given as the policy gives it: every resource of an organization names
    /// its containers, and a copy of each name per resource would live as long as the answers.
    /// </remarks>
    private static ImmutableArray<string> OnePerPolicy(GcpEstate estate, IEnumerable<string> names)
    {
        var policies = new HashSet<IamPolicy>(ReferenceEqualityComparer.Instance);
        var holders = ImmutableArray.CreateBuilder<string>();
        foreach (var name in names.Distinct(StringComparer.Ordinal))
        {
            if (PolicyOf(estate, name) is not { } policy)
            {
                holders.Add(name);
            }
            else if (policies.Add(policy))
            {
                holders.Add(string.Equals(policy.Resource, name, StringComparison.Ordinal) ? policy.Resource : name);
            }
        }

        return holders.DrainToImmutable();
    }

    private static string? BucketAlias(string fullName)
    {
        const string prefix = "//" + Storage + "/" + BucketPrefix;
        return fullName.StartsWith(prefix, StringComparison.Ordinal) && fullName.IndexOf('/', prefix.Length) < 0
            ? "//" + Storage + "/" + fullName[prefix.Length..]
            : null;
    }
}
