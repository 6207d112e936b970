using System.Collections.Concurrent;
using System.Text.Json;
using Ward.Core.Diagnostics;
using Ward.Core.Inputs;
using Ward.Gcp.Iam;

namespace Ward.Gcp.Ingest;

/// <summary>
/// Loads a Google Cloud estate from files and folders (read recursively, in ordinal path order). Each file is
/// recognised by its content: a Cloud Asset Inventory export (newline-delimited JSON, one asset a line, snake_case
/// or camelCase), or the JSON output of <c>gcloud asset search-all-iam-policies</c>, <c>gcloud iam roles
/// list/describe</c>, <c>gcloud iam service-accounts list</c> and <c>keys list</c>, <c>gcloud iam policies get</c> (deny
/// policies), <c>gcloud iam principal-access-boundary-policies describe</c> and <c>policy-bindings list</c>,
/// <c>gcloud identity groups search</c>, <c>memberships list</c> and <c>search-transitive-memberships</c> (in a file named after the group's email), <c>gcloud org-policies list/describe</c>, <c>gcloud container clusters list</c>, <c>kubectl get clusterroles,clusterrolebindings,roles,rolebindings -A -o json</c> (in a path naming the cluster's kubectl context), <c>gcloud compute instances list</c> and <c>project-info describe</c>, <c>gcloud resource-manager tags keys|values|bindings list</c>, <c>gcloud policy-intelligence query-activity</c>
/// and <c>gcloud recommender insights list</c> (a list, or one object). What
/// cannot be read is reported with a located diagnostic and skipped; the rest is still loaded. Never throws on user input.
/// </summary>
public static class GcpEstateLoader
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 128, AllowDuplicateProperties = false };
    private static readonly string[] Extensions = [".json", ".jsonl", ".ndjson"];
    private static readonly string[] WrapperFields = ["principalAccessBoundaryPolicies", "policyBindings", "activities", "insights", "entitlements", "items", "memberships"];

    public static GcpEstate Load(IEnumerable<string> paths, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var diagnostics = new DiagnosticBag();
        var inputs = new List<GcpInputFile>();
        var entries = new ReadEntries();

        // Files are read on every core, each into entries of its own, and appended here in input order: an organization
        // is thousands of files, read one by one on one core while the other waited. Skipped paths keep their place.
        var planned = new List<(string? File, GcpInputFile? Skipped, Diagnostic? Problem)>();
        foreach (var file in Expand(paths, (skipped, problem) => planned.Add((null, skipped, problem))))
        {
            planned.Add((file, null, null));
        }

        var read = planned.AsParallel().AsOrdered().WithCancellation(cancellationToken).WithMergeOptions(ParallelMergeOptions.NotBuffered)
            .Select(item => item.File is { } file ? ReadFile(file, entries.Members, cancellationToken) : null);
        foreach (var (item, file) in planned.Zip(read))
        {
            if (file is null)
            {
                if (item.Problem is { } problem)
                {
                    diagnostics.Add(problem);
                }

                inputs.Add(item.Skipped!);
                continue;
            }

            entries.Append(file.Entries);
            diagnostics.AddRange(file.Diagnostics);
            inputs.Add(file.Input);
        }

        return GcpEstateBuilder.Build(entries, inputs, diagnostics);
    }

    /// <summary>One file read alone, into entries that share the load's members.</summary>
    private static FileRead ReadFile(string file, ConcurrentDictionary<string, Member> members, CancellationToken cancellationToken)
    {
        var entries = new ReadEntries(members);
        var diagnostics = new DiagnosticBag();
        byte[] bytes;
        try
        {
            bytes = Utf8Input.Read(file);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(GcpDiagnosticCodes.UnreadableFile, DiagnosticSeverity.Error, $"cannot read the file: {exception.Message}", new SourceLocation(file));
            return new FileRead(new GcpInputFile(file, GcpInputKind.Unreadable, exception.Message), entries, diagnostics);
        }

        return new FileRead(ReadDocument(file, bytes, entries, diagnostics, cancellationToken), entries, diagnostics);
    }

    private sealed record FileRead(GcpInputFile Input, ReadEntries Entries, DiagnosticBag Diagnostics);

    /// <summary>Reads one file already in memory: one JSON document, or newline-delimited assets.</summary>
    internal static GcpInputFile ReadDocument(string file, ReadOnlyMemory<byte> utf8, ReadEntries entries, DiagnosticBag diagnostics, CancellationToken cancellationToken = default)
    {
        if (utf8.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            // An asset export of a scope with nothing of the asked types is an empty file.
            return NoTags(file, entries) ?? NoInstances(file, entries) ?? new GcpInputFile(file, GcpInputKind.Empty, "an empty file: nothing to read");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, Options);
        }
        catch (JsonException exception)
        {
            if (NewlineDelimitedAssets.TryRead(file, utf8, entries, diagnostics, cancellationToken) is { } read)
            {
                return read;
            }

            diagnostics.Add(GcpDiagnosticCodes.InvalidJson, DiagnosticSeverity.Error, $"not valid JSON ({FirstSentence(exception.Message)}), nor newline-delimited assets; the file was skipped", JsonErrorLocation.Of(exception, utf8.Span, file));
            return new GcpInputFile(file, GcpInputKind.Unreadable, "invalid JSON");
        }

        using (document)
        {
            return ReadRoot(file, document.RootElement, entries, new GcpJson(file, diagnostics, members: entries.Members));
        }
    }

    internal static GcpInputFile ReadRoot(string file, JsonElement root, ReadEntries entries, GcpJson json)
    {
        List<GcpEntry> items = root.ValueKind switch
        {
            JsonValueKind.Array => [.. root.EnumerateArray().Select((item, i) => new GcpEntry(item, JsonPath.Index(JsonPath.Root, i)))],
            JsonValueKind.Object when WrappedList(root) is { } wrapper => [.. root.GetProperty(wrapper).EnumerateArray().Select((item, i) => new GcpEntry(item, JsonPath.Index(JsonPath.Property(JsonPath.Root, wrapper), i)))],
            JsonValueKind.Object when EntryClassifier.Classify(root) != EntryKind.Unknown => [new GcpEntry(root, JsonPath.Root)],
            _ => [],
        };
        if ((root.ValueKind == JsonValueKind.Array || WrappedList(root) is not null) && items.Count == 0)
        {
            return NoTags(file, entries) ?? NoInstances(file, entries) ?? new GcpInputFile(file, GcpInputKind.Empty, "an empty list: nothing to read");
        }

        var kinds = items.ConvertAll(i => EntryClassifier.Classify(i.Element));
        if (kinds.TrueForAll(k => k == EntryKind.KubernetesOther))
        {
            json.Report(GcpDiagnosticCodes.UnrecognizedFile, DiagnosticSeverity.Info, "Kubernetes-style objects (`apiVersion`, `kind`, `metadata`) Ward does not read: of Kubernetes, only roles and role bindings are read (`kubectl get clusterroles,clusterrolebindings,roles,rolebindings -A -o json`); skipped", JsonPath.Root);
            return new GcpInputFile(file, GcpInputKind.NotRecognised, "Kubernetes objects other than RBAC");
        }

        if (kinds.TrueForAll(k => k is EntryKind.Unknown or EntryKind.KubernetesOther))
        {
            json.Report(GcpDiagnosticCodes.UnrecognizedFile, DiagnosticSeverity.Info, "not a Google Cloud export Ward recognises (expected Cloud Asset Inventory assets, IAM policy search results, roles, service accounts, service account keys, deny policies, principal access boundary policies and bindings, organization policies, GKE clusters, Kubernetes RBAC of GKE clusters, Compute Engine instances and project metadata, groups or group memberships, authentication activities, IAM insights, PAM entitlements, tag keys, values or bindings, as gcloud JSON output); skipped", JsonPath.Root);
            return new GcpInputFile(file, GcpInputKind.NotRecognised, "content not recognised");
        }

        var before = entries.Snapshot();
        var listed = TagReader.ListedResource(file);
        var effective = kinds.Count(k => k == EntryKind.EffectiveTag);
        if (effective > 0 && listed is null)
        {
            json.Report(GcpDiagnosticCodes.UnplacedTags, DiagnosticSeverity.Error, $"{effective} effective tag{(effective == 1 ? string.Empty : "s")} (`gcloud resource-manager tags bindings list --effective`), which do not name the resource they are on, in a file whose path does not name it either: name the file `tags/effective/SERVICE/RELATIVE_NAME.json` (`tags/effective/cloudresourcemanager.googleapis.com/projects/NUMBER.json`); skipped", JsonPath.Root);
        }

        var rbac = kinds.Count(k => k == EntryKind.KubernetesRbac);
        var otherKinds = items.Where((_, i) => kinds[i] == EntryKind.KubernetesOther).Select(i => i.Text("kind")!).ToList();
        if (otherKinds.Count > 0)
        {
            json.Report(GcpDiagnosticCodes.NotRead, DiagnosticSeverity.Info, $"{otherKinds.Count} Kubernetes object{(otherKinds.Count == 1 ? string.Empty : "s")} other than roles and role bindings ({string.Join(", ", otherKinds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))}) not read", JsonPath.Root);
        }

        var cluster = rbac == 0 ? null : KubernetesRbacReader.ClusterOf(file);
        if (rbac > 0 && cluster is null)
        {
            json.Report(GcpDiagnosticCodes.UnplacedKubernetesRbac, DiagnosticSeverity.Error, $"{rbac} Kubernetes role{(rbac == 1 ? string.Empty : "s")} or role binding{(rbac == 1 ? string.Empty : "s")} (`kubectl get … -o json`), which do not name their cluster, in a file whose path does not name it either: name the file or its folder after the cluster's kubectl context, `gke_PROJECT_LOCATION_CLUSTER` (`kubernetes/gke_my-project_europe-west1_prod.json`); skipped", JsonPath.Root);
        }

        // A transitive membership does not name its group: the file's name does, or none of them can be used.
        var relations = kinds.Count(k => k == EntryKind.TransitiveMembership);
        var relationGroup = relations == 0 ? null : TransitiveMembershipReader.GroupOf(file);
        if (relations > 0 && relationGroup is null)
        {
            json.Report(GcpDiagnosticCodes.UnplacedMemberships, DiagnosticSeverity.Error, $"{relations} transitive group membership{(relations == 1 ? string.Empty : "s")} (`gcloud identity groups memberships search-transitive-memberships`), which do not name their group, in a file whose name does not either: name the file after the group's email, `groups/memberships/GROUP_EMAIL.json`; skipped", JsonPath.Root);
        }

        // The response printed whole says whether more pages follow: the members on them are unknown.
        var partialListing = relationGroup is not null && root.ValueKind == JsonValueKind.Object
            && root.TryGetProperty("nextPageToken", out var pageToken) && pageToken.ValueKind == JsonValueKind.String && pageToken.GetString() is { Length: > 0 };
        if (partialListing)
        {
            json.Report(GcpDiagnosticCodes.PartialMemberships, DiagnosticSeverity.Warning, $"the transitive memberships of group `{relationGroup}` are one page of several (`nextPageToken`): a principal they do not list may be on another page, so it is possibly a member, not denied; export every page (`--page-token`) into one list", JsonPath.Property(JsonPath.Root, "nextPageToken"));
        }

        var tagsBefore = entries.TagBindings.Count;
        for (var i = 0; i < items.Count; i++)
        {
            if (kinds[i] == EntryKind.EffectiveTag)
            {
                if (listed is { } on && TagReader.ReadEffective(items[i], json, on.Resource) is { } tag)
                {
                    entries.TagBindings.Add(tag);
                }
            }
            else if (kinds[i] == EntryKind.KubernetesOther)
            {
                continue;
            }
            else if (kinds[i] == EntryKind.KubernetesRbac)
            {
                if (cluster is not null)
                {
                    KubernetesRbacReader.Read(items[i], json, cluster, entries);
                }
            }
            else if (kinds[i] == EntryKind.TransitiveMembership)
            {
                if (relationGroup is not null)
                {
                    Add(entries.GroupMemberships, TransitiveMembershipReader.Read(items[i], json, relationGroup, partialListing));
                }
            }
            else if (kinds[i] == EntryKind.TagBinding)
            {
                if (TagReader.ReadBinding(items[i], json) is { } binding)
                {
                    entries.TagBindings.Add(binding);
                }
            }
            else
            {
                ReadEntry(items[i], kinds[i], entries, json);
            }
        }

        // A listing says which tags a resource has only when every entry of the file was read as a tag.
        var tags = entries.TagBindings.Count - tagsBefore;
        if (tags > 0 && tags == items.Count)
        {
            foreach (var tag in entries.TagBindings.Skip(tagsBefore))
            {
                entries.AddTagListing(tag.Resource, tag.Effective, json.At(JsonPath.Root));
            }
        }

        return new GcpInputFile(file, GcpInputKind.Read, entries.Snapshot().Since(before));
    }

    /// <summary>
    /// The list field of a response some commands print whole (<c>{"policyBindings": […]}</c>, as Google's examples of
    /// <c>gcloud iam policy-bindings</c> and the REST responses of Activity Analyzer, Recommender and Cloud Identity's
    /// transitive membership search show), or null.
    /// </summary>
    private static string? WrappedList(JsonElement root) =>
        root.ValueKind != JsonValueKind.Object ? null
        : WrapperFields.FirstOrDefault(f => root.TryGetProperty(f, out var list) && list.ValueKind == JsonValueKind.Array);

    internal static void ReadEntry(GcpEntry item, EntryKind kind, ReadEntries entries, GcpJson json)
    {
        switch (kind)
        {
            case EntryKind.Asset:
                AssetReader.Read(item, json, entries);
                break;
            case EntryKind.PolicySearchResult:
                Add(entries.SearchedPolicies, PolicySearchResultReader.Read(item, json));
                break;
            case EntryKind.Role:
                Add(entries.Roles, RoleReader.Read(item, json));
                break;
            case EntryKind.ServiceAccount:
                Add(entries.ServiceAccounts, ServiceAccountReader.Read(item, json));
                break;
            case EntryKind.ServiceAccountKey:
                Add(entries.Keys, ServiceAccountKeyReader.Read(item, json));
                break;
            case EntryKind.WorkloadIdentityPool:
                entries.Pools.Add(WorkloadIdentityReader.ReadPool(item, json));
                break;
            case EntryKind.WorkloadIdentityProvider:
                entries.Providers.Add(WorkloadIdentityReader.ReadProvider(item, json));
                break;
            case EntryKind.DenyPolicy:
                entries.DenyPoliciesRead = true;
                Add(entries.DenyPolicies, DenyPolicyReader.Read(item, json));
                break;
            case EntryKind.Group:
                Add(entries.Groups, GroupReader.ReadGroup(item, json));
                break;
            case EntryKind.GroupMembership:
                Add(entries.GroupMemberships, GroupReader.ReadMembership(item, json));
                break;
            case EntryKind.PrincipalAccessBoundaryPolicy:
                entries.BoundariesRead = true;
                Add(entries.BoundaryPolicies, PrincipalAccessBoundaryReader.ReadPolicy(item, json));
                break;
            case EntryKind.PolicyBinding:
                entries.BoundariesRead = true;
                Add(entries.PolicyBindings, PrincipalAccessBoundaryReader.ReadBinding(item, json));
                break;
            case EntryKind.OrgPolicy:
                Add(entries.OrgPolicies, OrgPolicyReader.ReadV2(item, json));
                break;
            case EntryKind.GkeCluster:
                Add(entries.Clusters, GkeClusterReader.Read(item, json));
                break;
            case EntryKind.ComputeInstance:
                AddInstance(entries, ComputeInstanceReader.Read(item, json));
                break;
            case EntryKind.ComputeProject:
                Add(entries.ComputeProjects, ComputeInstanceReader.ReadProject(item, json));
                break;
            case EntryKind.Activity:
                Add(entries.Activities, ActivityReader.Read(item, json));
                break;
            case EntryKind.PamEntitlement:
                Add(entries.PamEntitlements, PamEntitlementReader.Read(item, json));
                break;
            case EntryKind.Insight:
                InsightReader.Read(item, json, entries);
                break;
            case EntryKind.TagKey:
                Add(entries.TagKeys, TagReader.ReadKey(item, json));
                break;
            case EntryKind.TagValue:
                Add(entries.TagValues, TagReader.ReadValue(item, json));
                break;
            default:
                json.Report(GcpDiagnosticCodes.UnknownEntry, DiagnosticSeverity.Error, item.Element.ValueKind == JsonValueKind.Object
                    ? "an entry Ward does not recognise among the others of this file (not an asset, policy search result, role, service account, key, deny policy, principal access boundary policy, policy binding, organization policy, GKE cluster, Compute Engine instance or project, group, group membership, activity, insight, PAM entitlement, tag key, value or binding); skipped"
                    : $"expected an object, found {GcpJson.Describe(item.Element.ValueKind)}; skipped", item.Path);
                break;
        }
    }

    /// <summary>Whether a path is a tag listing's (<c>…/tags/effective|bindings/SERVICE/RELATIVE_NAME.json</c>), which names the resource whose tags it lists.</summary>
    public static bool IsTagListing(string path) => TagReader.ListedResource(path) is not null;

    /// <summary>An empty list in a tag listing's place says that its resource has no tag (bound directly, or at all).</summary>
    private static GcpInputFile? NoTags(string file, ReadEntries entries)
    {
        if (TagReader.ListedResource(file) is not { } listed)
        {
            return null;
        }

        entries.AddTagListing(listed.Resource, listed.Effective, new SourceLocation(file));
        return new GcpInputFile(file, GcpInputKind.Read, $"no {(listed.Effective ? "effective tag" : "tag bound directly")} on `{listed.Resource}`");
    }

    /// <summary>An empty list in an instance listing's place (<c>compute/instances/PROJECT_ID.json</c>) says that the project has no instance.</summary>
    private static GcpInputFile? NoInstances(string file, ReadEntries entries)
    {
        if (ComputeInstanceReader.ListedProject(file) is not { } project)
        {
            return null;
        }

        entries.InstanceListings.Add(project);
        return new GcpInputFile(file, GcpInputKind.Read, $"no Compute Engine instance in `projects/{project}`");
    }

    /// <summary>An instance read says that its project's instances were listed.</summary>
    internal static void AddInstance(ReadEntries entries, ComputeInstance? instance)
    {
        if (instance is not null)
        {
            entries.Instances.Add(instance);
            entries.InstanceListings.Add(instance.Project);
        }
    }

    private static IEnumerable<string> Expand(IEnumerable<string> paths, Action<GcpInputFile, Diagnostic?> skipped) =>
        InputPaths.Expand(
            paths,
            file => InputPaths.HasExtension(file, Extensions),
            file => skipped(new GcpInputFile(file, GcpInputKind.NotRecognised, InputPaths.NotReadNote(file)), null),
            (path, message, note, severity) => skipped(new GcpInputFile(path, GcpInputKind.Unreadable, note), new Diagnostic(GcpDiagnosticCodes.UnreadableFile, severity, message, new SourceLocation(path))));

    private static void Add<T>(List<T> list, T? item)
        where T : class
    {
        if (item is not null)
        {
            list.Add(item);
        }
    }

    internal static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". ", StringComparison.Ordinal);
        return (cut < 0 ? message : message[..cut]).TrimEnd('.');
    }
}
