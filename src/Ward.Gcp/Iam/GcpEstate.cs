using System.Collections.Frozen;
using System.Collections.Immutable;
using Ward.Core.Diagnostics;

namespace Ward.Gcp.Iam;

/// <summary>Everything read from the Google Cloud exports: the resource hierarchy, allow policies, roles, service accounts and their keys. Immutable once loaded.</summary>
public sealed record GcpEstate
{
    public static GcpEstate Empty { get; } = new()
    {
        Nodes = [],
        Policies = [],
        Roles = [],
        ServiceAccounts = [],
        ServiceAccountKeys = [],
        Inputs = [],
        Diagnostics = [],
    };

    /// <summary>Organizations, folders and projects, in input order.</summary>
    public required ImmutableArray<HierarchyNode> Nodes { get; init; }

    /// <summary>One allow policy per resource.</summary>
    public required ImmutableArray<IamPolicy> Policies { get; init; }

    public required ImmutableArray<Role> Roles { get; init; }

    public required ImmutableArray<ServiceAccount> ServiceAccounts { get; init; }

    public required ImmutableArray<ServiceAccountKey> ServiceAccountKeys { get; init; }

    public required ImmutableArray<GcpInputFile> Inputs { get; init; }

    public required ImmutableArray<Diagnostic> Diagnostics { get; init; }

    public ImmutableArray<WorkloadIdentityPool> WorkloadIdentityPools { get; init; } = [];

    public ImmutableArray<WorkloadIdentityProvider> WorkloadIdentityProviders { get; init; } = [];

    /// <summary>Deny policies, each with its attachment point.</summary>
    public ImmutableArray<DenyPolicy> DenyPolicies { get; init; } = [];

    /// <summary>Whether a deny policy export was read (an organization may have none; without the export, what they deny is unknown).</summary>
    public bool DenyPoliciesExported { get; init; }

    /// <summary>Google groups (Cloud Identity, Google Workspace), in input order.</summary>
    public ImmutableArray<GoogleGroup> Groups { get; init; } = [];

    /// <summary>Group memberships; those of a group not among <see cref="Groups"/> are kept, by group id.</summary>
    public ImmutableArray<GroupMembership> GroupMemberships { get; init; } = [];

    public ImmutableArray<PrincipalAccessBoundaryPolicy> PrincipalAccessBoundaryPolicies { get; init; } = [];

    /// <summary>The bindings of principal access boundary policies to principal sets.</summary>
    public ImmutableArray<PolicyBinding> PolicyBindings { get; init; } = [];

    /// <summary>Whether principal access boundary policies or bindings were read (without them, what they block is unknown).</summary>
    public bool PrincipalAccessBoundariesExported { get; init; }

    /// <summary>Organization policies, each on a node of the hierarchy (by its relative name, as <see cref="Nodes"/> names it when exported).</summary>
    public ImmutableArray<OrgPolicy> OrgPolicies { get; init; } = [];

    /// <summary>Whether organization policies were read (without them, what they forbid is unknown and nothing is taken as forbidden).</summary>
    public bool OrgPoliciesExported { get; init; }

    /// <summary>GKE clusters, in input order.</summary>
    public ImmutableArray<GkeCluster> Clusters { get; init; } = [];

    /// <summary>Kubernetes roles of GKE clusters (<c>kubectl</c>), in input order.</summary>
    public ImmutableArray<KubernetesRole> KubernetesRoles { get; init; } = [];

    /// <summary>Kubernetes role bindings of GKE clusters (<c>kubectl</c>), in input order.</summary>
    public ImmutableArray<KubernetesRoleBinding> KubernetesRoleBindings { get; init; } = [];

    /// <summary>Compute Engine VM instances, in input order.</summary>
    public ImmutableArray<ComputeInstance> ComputeInstances { get; init; } = [];

    /// <summary>The projects (ids, as instances name them) whose instances were listed, even as an empty list: only there is an instance's absence known.</summary>
    public ImmutableArray<string> InstancesListedIn { get; init; } = [];

    /// <summary>Projects' Compute Engine metadata (<c>gcloud compute project-info describe</c>), in input order.</summary>
    public ImmutableArray<ComputeProjectMetadata> ComputeProjects { get; init; } = [];

    /// <summary>Last authentication of service accounts and keys (Activity Analyzer), in input order.</summary>
    public ImmutableArray<AuthenticationActivity> AuthenticationActivities { get; init; } = [];

    public ImmutableArray<ServiceAccountInsight> ServiceAccountInsights { get; init; } = [];

    public ImmutableArray<PolicyInsight> PolicyInsights { get; init; } = [];

    /// <summary>Privileged Access Manager entitlements, in input order.</summary>
    public ImmutableArray<PamEntitlement> PamEntitlements { get; init; } = [];

    /// <summary>Cloud Composer environments (resource assets), in input order.</summary>
    public ImmutableArray<ComposerEnvironment> ComposerEnvironments { get; init; } = [];

    /// <summary>Cloud Storage buckets (resource assets), in input order.</summary>
    public ImmutableArray<StorageBucket> Buckets { get; init; } = [];

    /// <summary>Tag keys (<c>tagKeys/ID</c>), in input order.</summary>
    public ImmutableArray<TagKey> TagKeys { get; init; } = [];

    /// <summary>Tag values (<c>tagValues/ID</c>), in input order.</summary>
    public ImmutableArray<TagValue> TagValues { get; init; } = [];

    /// <summary>Tags bound to resources, direct and effective; resources named as the hierarchy names them.</summary>
    public ImmutableArray<TagBinding> TagBindings { get; init; } = [];

    /// <summary>The resources whose tag bindings were exported (even as an empty list): only their tags are known.</summary>
    public ImmutableArray<TagListing> TagListings { get; init; } = [];

    public bool IsEmpty => Nodes.IsEmpty && Policies.IsEmpty && Roles.IsEmpty && ServiceAccounts.IsEmpty && ServiceAccountKeys.IsEmpty;

    private FrozenDictionary<string, HierarchyNode> NodesByName =>
        field ??= Nodes.SelectMany(n => NamesOf(n).Select(name => (name, n))).DistinctBy(p => p.name, StringComparer.Ordinal).ToFrozenDictionary(p => p.name, p => p.n, StringComparer.Ordinal);

    // Kept with the array it indexes: a copy made `with { Policies = … }` must not reuse the original's index.
    private PolicyIndex? _policyIndex;

    private FrozenDictionary<string, IamPolicy> PoliciesByResource =>
        (_policyIndex is { } index && index.Of == Policies ? index : _policyIndex = new PolicyIndex(Policies, Policies.DistinctBy(p => p.Resource, StringComparer.Ordinal).ToFrozenDictionary(p => p.Resource, StringComparer.Ordinal))).ByResource;

    private FrozenDictionary<string, Role> RolesByName =>
        field ??= Roles.DistinctBy(r => r.Name, StringComparer.Ordinal).ToFrozenDictionary(r => r.Name, StringComparer.Ordinal);

    private FrozenDictionary<string, ServiceAccount> AccountsByEmail =>
        field ??= ServiceAccounts.DistinctBy(a => a.Email, StringComparer.OrdinalIgnoreCase).ToFrozenDictionary(a => a.Email, StringComparer.OrdinalIgnoreCase);

    private FrozenDictionary<string, ServiceAccount> AccountsByUniqueId =>
        field ??= ServiceAccounts.Where(a => a.UniqueId is not null).DistinctBy(a => a.UniqueId!, StringComparer.Ordinal).ToFrozenDictionary(a => a.UniqueId!, StringComparer.Ordinal);

    private FrozenDictionary<string, GoogleGroup> GroupsByEmail =>
        field ??= Groups.DistinctBy(g => g.Email, StringComparer.OrdinalIgnoreCase).ToFrozenDictionary(g => g.Email, StringComparer.OrdinalIgnoreCase);

    private FrozenDictionary<string, ImmutableArray<GroupMembership>> MembershipsByGroupId =>
        field ??= GroupMemberships.Where(m => m.GroupId is not null).GroupBy(m => m.GroupId!, StringComparer.Ordinal).ToFrozenDictionary(g => g.Key, g => g.ToImmutableArray(), StringComparer.Ordinal);

    private FrozenDictionary<string, ImmutableArray<GroupMembership>> TransitiveMembershipsByGroupEmail =>
        field ??= GroupMemberships.Where(m => m.GroupEmail is not null).GroupBy(m => m.GroupEmail!, StringComparer.OrdinalIgnoreCase).ToFrozenDictionary(g => g.Key, g => g.ToImmutableArray(), StringComparer.OrdinalIgnoreCase);

    private FrozenDictionary<string, PrincipalAccessBoundaryPolicy> BoundaryPoliciesByName =>
        field ??= PrincipalAccessBoundaryPolicies.DistinctBy(p => p.Name, StringComparer.Ordinal).ToFrozenDictionary(p => p.Name, StringComparer.Ordinal);

    private FrozenDictionary<(string Resource, string Constraint), OrgPolicy> OrgPoliciesByNode =>
        field ??= OrgPolicies.DistinctBy(p => (p.Resource, p.Constraint)).ToFrozenDictionary(p => (p.Resource, p.Constraint));

    /// <summary>The organization policy a node (relative name) sets for a constraint (without <c>constraints/</c>), if exported.</summary>
    public OrgPolicy? FindOrgPolicy(string resource, string constraint) => OrgPoliciesByNode.GetValueOrDefault((resource, constraint));

    private FrozenDictionary<string, GkeCluster> ClustersByContext =>
        field ??= Clusters.DistinctBy(c => c.Context, StringComparer.Ordinal).ToFrozenDictionary(c => c.Context, StringComparer.Ordinal);

    /// <summary>The GKE cluster a kubectl context (<c>gke_PROJECT_LOCATION_NAME</c>) names, if listed.</summary>
    public GkeCluster? FindCluster(string context) => ClustersByContext.GetValueOrDefault(context);

    private FrozenDictionary<string, StorageBucket> BucketsByName =>
        field ??= Buckets.DistinctBy(b => b.Name, StringComparer.Ordinal).ToFrozenDictionary(b => b.Name, StringComparer.Ordinal);

    /// <summary>
    /// The exported bucket a Cloud Storage resource (full name: the bucket <c>//storage.googleapis.com/NAME</c>, or a
    /// managed folder or object under <c>//storage.googleapis.com/projects/_/buckets/NAME/</c>) belongs to, if exported.
    /// </summary>
    public StorageBucket? FindBucketOf(string resource)
    {
        const string Storage = "//storage.googleapis.com/";
        if (!resource.StartsWith(Storage, StringComparison.Ordinal))
        {
            return null;
        }

        var name = resource[Storage.Length..].Split('/') switch
        {
            ["projects", _, "buckets", var bucket, ..] => bucket,
            [var bucket, ..] => bucket,
            _ => null,
        };
        return name is null ? null : BucketsByName.GetValueOrDefault(name);
    }

    private ILookup<string, KubernetesRoleBinding> RoleBindingsByCluster => field ??= KubernetesRoleBindings.ToLookup(b => b.Cluster, StringComparer.Ordinal);

    private ILookup<string, KubernetesRole> RolesByCluster => field ??= KubernetesRoles.ToLookup(r => r.Cluster, StringComparer.Ordinal);

    /// <summary>The Kubernetes role bindings of a cluster (its kubectl context), in input order.</summary>
    public IEnumerable<KubernetesRoleBinding> KubernetesRoleBindingsOf(string cluster) => RoleBindingsByCluster[cluster];

    /// <summary>The Kubernetes roles of a cluster (its kubectl context), in input order.</summary>
    public IEnumerable<KubernetesRole> KubernetesRolesOf(string cluster) => RolesByCluster[cluster];

    /// <summary>Finds a principal access boundary policy by name, exactly.</summary>
    public PrincipalAccessBoundaryPolicy? FindBoundaryPolicy(string name) => BoundaryPoliciesByName.GetValueOrDefault(name);

    /// <summary>Finds an exported group by email (case-insensitive).</summary>
    public GoogleGroup? FindGroup(string email) => GroupsByEmail.GetValueOrDefault(email);

    /// <summary>
    /// The memberships of a group, or null when they are not known: its transitive memberships (named after its
    /// email), then those listed for it (the group exported, joined by id); null when neither was read (an empty
    /// group's list, <c>[]</c>, does not say whose it is, so it cannot be told from a list not exported).
    /// </summary>
    public ImmutableArray<GroupMembership>? MembershipsOf(string groupEmail)
    {
        var transitive = TransitiveMembershipsByGroupEmail.TryGetValue(groupEmail, out var relations) ? relations : (ImmutableArray<GroupMembership>?)null;
        var listed = FindGroup(groupEmail) is { } group && MembershipsByGroupId.TryGetValue(group.Id, out var memberships) ? memberships : (ImmutableArray<GroupMembership>?)null;
        return transitive is { } t && listed is { } l ? t.AddRange(l) : transitive ?? listed;
    }

    /// <summary>The emails of the groups the export knows: the exported groups, and those whose transitive memberships were read.</summary>
    public IEnumerable<string> KnownGroupEmails =>
        Groups.Select(g => g.Email).Concat(TransitiveMembershipsByGroupEmail.Keys).Distinct(StringComparer.OrdinalIgnoreCase);

    /// <summary>Finds an organization, folder or project by full name, relative name (<c>projects/123</c>) or project id.</summary>
    public HierarchyNode? FindNode(string name) => NodesByName.GetValueOrDefault(name);

    /// <summary>The allow policy set directly on a resource (full resource name), if exported.</summary>
    public IamPolicy? FindPolicy(string resource) => PoliciesByResource.GetValueOrDefault(resource);

    /// <summary>Finds a role by its full name (<c>roles/viewer</c>, <c>organizations/123/roles/auditor</c>), exactly.</summary>
    public Role? FindRole(string name) => RolesByName.GetValueOrDefault(name);

    /// <summary>Finds a service account by email (case-insensitive) or unique id.</summary>
    public ServiceAccount? FindServiceAccount(string emailOrUniqueId) =>
        AccountsByEmail.GetValueOrDefault(emailOrUniqueId) ?? AccountsByUniqueId.GetValueOrDefault(emailOrUniqueId);

    /// <summary>As <see cref="FindServiceAccount(string)"/>, for an email or unique id that is part of a longer text (a node id), without copying it out.</summary>
    public ServiceAccount? FindServiceAccount(ReadOnlySpan<char> emailOrUniqueId) =>
        AccountsByEmail.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(emailOrUniqueId, out var byEmail) ? byEmail
        : AccountsByUniqueId.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(emailOrUniqueId, out var byUniqueId) ? byUniqueId
        : null;

    public ImmutableArray<ServiceAccountKey> KeysOf(ServiceAccount account) => [.. ServiceAccountKeys.Where(k => k.BelongsTo(account))];

    /// <summary>
    /// The ancestry of a resource (full name) as relative names, closest first: from the hierarchy for an
    /// organization, folder or project, otherwise as the resource's exported policy gives it; empty when unknown.
    /// </summary>
    public ImmutableArray<string> AncestorsOf(string resource) =>
        FindNode(resource) is { } node && !node.Ancestors.IsEmpty ? node.Ancestors
        : FindPolicy(resource)?.Ancestors ?? [];

    private sealed record PolicyIndex(ImmutableArray<IamPolicy> Of, FrozenDictionary<string, IamPolicy> ByResource);

    private static IEnumerable<string> NamesOf(HierarchyNode node)
    {
        yield return node.Name;
        yield return node.RelativeName;
        if (node.ProjectId is { } id)
        {
            yield return id;
            yield return "projects/" + id;
        }
    }
}
