using System.Collections.Frozen;
using Ward.Core.Diagnostics;
using Ward.Gcp.Iam;

namespace Ward.Gcp.Ingest;

/// <summary>
/// Reads a Compute Engine instance as <c>gcloud compute instances list --format=json</c> prints it (the Compute Engine
/// API's <c>Instance</c>, which is also a Cloud Asset Inventory <c>compute.googleapis.com/Instance</c> asset's
/// <c>resource.data</c>): <c>name</c>, <c>selfLink</c> and <c>zone</c> (URLs naming its project and zone),
/// <c>status</c>, <c>serviceAccounts[].email</c> and <c>.scopes</c>, <c>metadata.items[]</c> (<c>key</c>,
/// <c>value</c>), <c>networkInterfaces[].accessConfigs[]</c> and <c>.ipv6AccessConfigs[]</c>. And a project's
/// Compute Engine settings (<c>gcloud compute project-info describe --format=json</c>, the API's <c>Project</c>):
/// <c>name</c> (its id) and <c>commonInstanceMetadata.items[]</c> (its <c>id</c> is a Compute Engine identifier, not
/// documented as the project number, so it is not used).
/// </summary>
internal static class ComputeInstanceReader
{
    private const string Projects = "projects/";

    /// <summary>Whether a <c>selfLink</c> is an instance's (<c>https://www.googleapis.com/compute/v1/projects/P/zones/Z/instances/N</c>).</summary>
    public static bool IsInstanceLink(string selfLink) => Place(selfLink) is { Instance: not null };

    /// <summary>The instance folder of an instance listing, <c>…/compute/instances/PROJECT_ID.json</c>: the project whose instances it lists (an empty list names none).</summary>
    public static string? ListedProject(string file)
    {
        var path = file.Replace('\\', '/');
        const string folder = "compute/instances/";
        var at = path.LastIndexOf(folder, StringComparison.Ordinal);
        if (at < 0 || (at > 0 && path[at - 1] != '/'))
        {
            return null;
        }

        var rest = path[(at + folder.Length)..];
        var extension = rest.LastIndexOf('.');
        return extension <= 0 || rest.Contains('/', StringComparison.Ordinal) ? null : rest[..extension];
    }

    /// <summary>
    /// One instance; <paramref name="assetName"/>, for an asset's resource data, is the asset's name
    /// (<c>//compute.googleapis.com/projects/P/zones/Z/instances/N</c>), which places it when its links do not.
    /// </summary>
    public static ComputeInstance? Read(GcpEntry entry, GcpJson json, string? assetName = null)
    {
        var name = json.String(entry, "name", "a Compute Engine instance");
        if (name is null)
        {
            return null;
        }

        var place = Place(json.String(entry, "selfLink")) ?? Place(json.String(entry, "zone")) ?? Place(assetName);
        if (place is not { Zone: { } zone } found)
        {
            json.Report(GcpDiagnosticCodes.WrongShape, DiagnosticSeverity.Error, $"Compute Engine instance `{name}` has no `selfLink` or `zone` naming its project and zone (`…/projects/P/zones/Z…`); skipped", entry.Path);
            return null;
        }

        var accounts = json.Objects(entry, "serviceAccounts").ToList();
        if (accounts.Count > 1)
        {
            // Compute Engine runs an instance as one account at most; the first is the one its metadata server serves.
            json.Report(GcpDiagnosticCodes.WrongShape, DiagnosticSeverity.Warning, $"Compute Engine instance `{name}` lists {accounts.Count} service accounts; the first is read", accounts[1].Path);
        }

        GcpEntry? account = accounts.Count == 0 ? null : accounts[0];
        return new ComputeInstance
        {
            Name = name,
            Project = found.Project,
            Zone = zone,
            Status = json.String(entry, "status"),
            ServiceAccount = account is { } a && json.String(a, "email") is { Length: > 0 } email ? email : null,
            Scopes = account is { } s ? json.Strings(s, "scopes") : [],
            Metadata = json.Object(entry, "metadata") is { } metadata ? Items(metadata, json) : FrozenDictionary<string, string>.Empty,
            HasExternalIp = json.Objects(entry, "networkInterfaces").ToList().Exists(n => json.Objects(n, "accessConfigs").Any() || json.Objects(n, "ipv6AccessConfigs").Any()),
            Location = json.At(entry.Path),
        };
    }

    public static ComputeProjectMetadata? ReadProject(GcpEntry entry, GcpJson json)
    {
        var project = json.String(entry, "name", "a Compute Engine project (`gcloud compute project-info describe`)");
        return project is null ? null : new ComputeProjectMetadata
        {
            Project = project,
            Metadata = json.Object(entry, "commonInstanceMetadata") is { } metadata ? Items(metadata, json) : FrozenDictionary<string, string>.Empty,
            Location = json.At(entry.Path),
        };
    }

    /// <summary>A metadata object's <c>items[]</c> by key; the first of a key twice is kept (the API allows each once).</summary>
    private static FrozenDictionary<string, string> Items(GcpEntry metadata, GcpJson json)
    {
        var items = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in json.Objects(metadata, "items"))
        {
            if (json.String(item, "key", "a metadata item") is { } key)
            {
                items.TryAdd(key, json.String(item, "value") ?? string.Empty);
            }
        }

        return items.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The project, zone and instance a Compute Engine URL or resource name names, as far as it goes; null without a project.</summary>
    private static (string Project, string? Zone, string? Instance)? Place(string? link)
    {
        if (link is null)
        {
            return null;
        }

        var at = link.IndexOf(Projects, StringComparison.Ordinal);
        if (at < 0 || (at > 0 && link[at - 1] != '/') || !link.Contains("compute", StringComparison.Ordinal))
        {
            return null;
        }

        var segments = link[(at + Projects.Length)..].Split('/');
        if (segments[0].Length == 0)
        {
            return null;
        }

        var zone = segments.Length > 2 && segments[1] == "zones" && segments[2].Length > 0 ? segments[2] : null;
        var instance = zone is not null && segments.Length == 5 && segments[3] == "instances" && segments[4].Length > 0 ? segments[4] : null;
        return (segments[0], zone, instance);
    }
}
