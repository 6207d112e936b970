using System.Collections.Immutable;
using System.Text.Json;
using Ward.Core.Diagnostics;
using Ward.Gcp.Iam;

namespace Ward.Gcp.Ingest;

/// <summary>
/// Reads one Cloud Asset Inventory asset, in the snake_case of <c>gcloud asset export</c> to Cloud Storage or the
/// camelCase of the API: its IAM policy (<c>iam_policy</c>, content type <c>iam-policy</c>) and, for the types
/// Ward reads, its resource data (<c>resource.data</c>, content type <c>resource</c>): organizations, folders,
/// projects, service accounts, service account keys, custom roles, Cloud Composer environments, Cloud Storage buckets, Compute Engine instances and projects' Compute Engine metadata; and its organization
/// policies (<c>orgPolicy</c>, content type <c>org-policy</c>). Other resource types are counted and left.
/// </summary>
internal static class AssetReader
{
    public static void Read(GcpEntry asset, GcpJson json, ReadEntries entries)
    {
        var name = json.String(asset, "name", "an asset");
        if (name is null)
        {
            return;
        }

        var assetType = json.String(asset, "assetType", $"asset `{name}`");
        if (assetType is null)
        {
            return;
        }

        var ancestors = json.Strings(asset, "ancestors");
        if (ProjectNumbers.Pair(name, ancestors, json.At(asset.Path)) is { } pair)
        {
            entries.ProjectNumbers.Add(pair);
        }

        var read = false;
        if (json.Object(asset, "iamPolicy") is { } policy)
        {
            entries.Policies.Add(PolicyReader.Read(policy, name, assetType, ancestors, json.At(asset.Path), json));
            read = true;
        }

        if (asset.Has("orgPolicy"))
        {
            entries.OrgPolicies.AddRange(OrgPolicyReader.ReadV1(asset, name, json));
            read = true;
        }

        if (json.Object(asset, "resource") is { } resource)
        {
            ReadResource(asset, resource, name, assetType, ancestors, json, entries);
            read = true;
        }

        if (!read)
        {
            entries.NamesOnly++;
        }
    }

    private static void ReadResource(GcpEntry asset, GcpEntry resource, string name, string assetType, ImmutableArray<string> ancestors, GcpJson json, ReadEntries entries)
    {
        var kind = assetType switch
        {
            AssetTypes.Organization => HierarchyNodeKind.Organization,
            AssetTypes.Folder => HierarchyNodeKind.Folder,
            AssetTypes.Project => (HierarchyNodeKind?)HierarchyNodeKind.Project,
            _ => null,
        };
        var isRead = kind is not null || assetType is AssetTypes.ServiceAccount or AssetTypes.ServiceAccountKey or AssetTypes.Role or AssetTypes.ComposerEnvironment or AssetTypes.ComputeInstance or AssetTypes.ComputeProject or AssetTypes.GkeCluster or AssetTypes.StorageBucket;
        if (!isRead)
        {
            entries.OtherResources++;
            return;
        }

        if (json.Object(resource, "data") is not { } data)
        {
            json.Report(GcpDiagnosticCodes.MissingField, DiagnosticSeverity.Error, $"asset `{name}` ({assetType}) has no `resource.data`; skipped", resource.Path);
            return;
        }

        switch (assetType)
        {
            case AssetTypes.ServiceAccount:
                Add(entries.ServiceAccounts, ServiceAccountReader.Read(data, json));
                break;
            case AssetTypes.ServiceAccountKey:
                Add(entries.Keys, ServiceAccountKeyReader.Read(data, json, name));
                break;
            case AssetTypes.Role:
                Add(entries.Roles, RoleReader.Read(data, json));
                break;
            case AssetTypes.ComputeInstance:
                GcpEstateLoader.AddInstance(entries, ComputeInstanceReader.Read(data, json, name));
                break;
            case AssetTypes.ComputeProject:
                Add(entries.ComputeProjects, ComputeInstanceReader.ReadProject(data, json));
                break;
            case AssetTypes.ComposerEnvironment:
                Add(entries.ComposerEnvironments, ComposerEnvironmentReader.Read(data, json, name, ancestors));
                break;
            case AssetTypes.GkeCluster:
                Add(entries.Clusters, GkeClusterReader.Read(data, json, name));
                break;
            case AssetTypes.StorageBucket:
                Add(entries.Buckets, StorageBucketReader.Read(data, json, name));
                break;
            default:
                Add(entries.Nodes, ReadNode(asset, resource, data, name, kind!.Value, ancestors, json));
                break;
        }
    }

    private static HierarchyNode? ReadNode(GcpEntry asset, GcpEntry resource, GcpEntry data, string name, HierarchyNodeKind kind, ImmutableArray<string> ancestors, GcpJson json)
    {
        if (ResourceNames.ContainerKind(name) != kind)
        {
            asset.TryGet("name", out _, out var path);
            json.Report(GcpDiagnosticCodes.WrongShape, DiagnosticSeverity.Error, $"asset `{name}` is not the Resource Manager name of a{(kind == HierarchyNodeKind.Organization ? "n" : string.Empty)} {kind.ToString().ToLowerInvariant()} (`//cloudresourcemanager.googleapis.com/{Plural(kind)}/ID`); skipped", path);
            return null;
        }

        var relative = ResourceNames.Relative(name);
        if (!ancestors.IsEmpty && !string.Equals(ancestors[0], relative, StringComparison.Ordinal))
        {
            asset.TryGet("ancestors", out _, out var path);
            json.Report(GcpDiagnosticCodes.HierarchyProblem, DiagnosticSeverity.Warning, $"the ancestry of `{relative}` does not start with itself (`{ancestors[0]}`); it is read as given", path);
        }

        var projectName = kind == HierarchyNodeKind.Project ? json.String(data, "name") : null;
        return new HierarchyNode
        {
            Name = ResourceNames.Container(relative),
            Kind = kind,
            // Resource Manager v1 calls a project's display name `name`; v3 has `displayName` and makes `name` the relative name.
            DisplayName = json.String(data, "displayName") ?? (projectName is not null && !projectName.StartsWith("projects/", StringComparison.Ordinal) ? projectName : relative),
            ProjectId = kind == HierarchyNodeKind.Project ? json.String(data, "projectId") : null,
            Parent = ancestors.Length > 1 ? ancestors[1] : ParentOf(resource, data, json),
            Ancestors = ancestors,
            State = json.String(data, "lifecycleState") ?? json.String(data, "state"),
            DirectoryCustomerId = kind == HierarchyNodeKind.Organization && json.Object(data, "owner") is { } owner ? json.String(owner, "directoryCustomerId") : null,
            Location = json.At(asset.Path),
        };
    }

    /// <summary>The parent without an ancestry: <c>resource.parent</c> (a full name), else the data's <c>parent</c>, a relative name (v2, v3) or <c>{type, id}</c> (v1).</summary>
    private static string? ParentOf(GcpEntry resource, GcpEntry data, GcpJson json)
    {
        if (json.String(resource, "parent") is { Length: > 0 } parent)
        {
            return ResourceNames.Relative(parent);
        }

        if (!data.TryGet("parent", out var value, out _))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }

        var reference = new GcpEntry(value, data.Path);
        return reference.Text("type") is { } type && reference.Text("id") is { } id ? $"{type}s/{id}" : null;
    }

    private static string Plural(HierarchyNodeKind kind) => kind switch
    {
        HierarchyNodeKind.Organization => "organizations",
        HierarchyNodeKind.Folder => "folders",
        _ => "projects",
    };

    private static void Add<T>(List<T> list, T? item)
        where T : class
    {
        if (item is not null)
        {
            list.Add(item);
        }
    }
}
