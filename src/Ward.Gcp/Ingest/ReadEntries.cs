using System.Collections.Concurrent;
using Ward.Core.Diagnostics;
using Ward.Gcp.Iam;

namespace Ward.Gcp.Ingest;

/// <summary>
/// Everything read from the files so far, in input order, before duplicates are merged and references checked. Files
/// (and chunks of a newline-delimited export) are read side by side, each into entries of its own that share the load's
/// members, then appended in input order (<see cref="Append"/>): the result is the same as reading them one by one.
/// </summary>
internal sealed class ReadEntries(ConcurrentDictionary<string, Member> members)
{
    public ReadEntries()
        : this(new ConcurrentDictionary<string, Member>(StringComparer.Ordinal))
    {
    }

    public List<HierarchyNode> Nodes { get; } = [];

    /// <summary>
    /// Binding members as parsed, one object per text for the whole load: an organization's policies name the same
    /// people, groups and accounts in thousands of bindings, and each copy would live as long as the estate.
    /// </summary>
    public ConcurrentDictionary<string, Member> Members { get; } = members;

    /// <summary>Policies from asset exports, whose ancestry is ordered (closest first).</summary>
    public List<IamPolicy> Policies { get; } = [];

    /// <summary>Policies from policy searches, whose folders come in no documented order.</summary>
    public List<IamPolicy> SearchedPolicies { get; } = [];

    public List<Role> Roles { get; } = [];

    /// <summary>A project's id and number read together (an asset named by the id whose ancestry gives the number), where each was found.</summary>
    public List<ProjectNumber> ProjectNumbers { get; } = [];

    public List<ServiceAccount> ServiceAccounts { get; } = [];

    public List<ServiceAccountKey> Keys { get; } = [];

    public List<DenyPolicy> DenyPolicies { get; } = [];

    public List<WorkloadIdentityPool> Pools { get; } = [];

    public List<WorkloadIdentityProvider> Providers { get; } = [];
    public List<GoogleGroup> Groups { get; } = [];

    public List<GroupMembership> GroupMemberships { get; } = [];

    public List<PrincipalAccessBoundaryPolicy> BoundaryPolicies { get; } = [];

    public List<PolicyBinding> PolicyBindings { get; } = [];

    /// <summary>Organization policies, v1 (asset exports) and v2 (<c>gcloud org-policies</c>), resources as written.</summary>
    public List<OrgPolicy> OrgPolicies { get; } = [];

    public List<GkeCluster> Clusters { get; } = [];

    public List<KubernetesRole> KubernetesRoles { get; } = [];

    public List<KubernetesRoleBinding> KubernetesRoleBindings { get; } = [];

    public List<ComputeInstance> Instances { get; } = [];

    /// <summary>The projects (ids) whose instances a listing gave, even none: those of the instances read, and those an empty listing's path names.</summary>
    public HashSet<string> InstanceListings { get; } = new(StringComparer.Ordinal);

    public List<ComputeProjectMetadata> ComputeProjects { get; } = [];

    /// <summary>Whether some input held principal access boundary policies or their bindings.</summary>
    public bool BoundariesRead { get; set; }

    public List<AuthenticationActivity> Activities { get; } = [];

    public List<ServiceAccountInsight> ServiceAccountInsights { get; } = [];

    public List<PolicyInsight> PolicyInsights { get; } = [];

    public List<PamEntitlement> PamEntitlements { get; } = [];

    public List<ComposerEnvironment> ComposerEnvironments { get; } = [];

    public List<StorageBucket> Buckets { get; } = [];

    public List<TagKey> TagKeys { get; } = [];

    public List<TagValue> TagValues { get; } = [];

    /// <summary>Direct and effective tag bindings, resources as written.</summary>
    public List<TagBinding> TagBindings { get; } = [];

    /// <summary>The resources whose tag bindings a file listed (even none), each with the first file that did.</summary>
    public List<TagListing> TagListings { get; } = [];

    public void AddTagListing(string resource, bool effective, SourceLocation location)
    {
        if (!TagListings.Exists(l => l.Effective == effective && string.Equals(l.Resource, resource, StringComparison.Ordinal)))
        {
            TagListings.Add(new TagListing(resource, effective, location));
        }
    }

    /// <summary>Whether some input held deny policies.</summary>
    public bool DenyPoliciesRead { get; set; }

    /// <summary>Assets of types whose resource data Ward does not read (buckets, disks…): counted, not kept.</summary>
    public int OtherResources { get; set; }

    /// <summary>Assets exported without content (no <c>--content-type</c>): counted, not kept.</summary>
    public int NamesOnly { get; set; }

    /// <summary>Entries for the same load read after these (a later file, or a later chunk of lines), appended as if read here.</summary>
    public void Append(ReadEntries later)
    {
        ArgumentNullException.ThrowIfNull(later);
        Nodes.AddRange(later.Nodes);
        Policies.AddRange(later.Policies);
        SearchedPolicies.AddRange(later.SearchedPolicies);
        Roles.AddRange(later.Roles);
        ProjectNumbers.AddRange(later.ProjectNumbers);
        ServiceAccounts.AddRange(later.ServiceAccounts);
        Keys.AddRange(later.Keys);
        DenyPolicies.AddRange(later.DenyPolicies);
        Pools.AddRange(later.Pools);
        Providers.AddRange(later.Providers);
        Groups.AddRange(later.Groups);
        GroupMemberships.AddRange(later.GroupMemberships);
        BoundaryPolicies.AddRange(later.BoundaryPolicies);
        PolicyBindings.AddRange(later.PolicyBindings);
        OrgPolicies.AddRange(later.OrgPolicies);
        Clusters.AddRange(later.Clusters);
        KubernetesRoles.AddRange(later.KubernetesRoles);
        KubernetesRoleBindings.AddRange(later.KubernetesRoleBindings);
        Instances.AddRange(later.Instances);
        InstanceListings.UnionWith(later.InstanceListings);
        ComputeProjects.AddRange(later.ComputeProjects);
        BoundariesRead |= later.BoundariesRead;
        Activities.AddRange(later.Activities);
        ServiceAccountInsights.AddRange(later.ServiceAccountInsights);
        PolicyInsights.AddRange(later.PolicyInsights);
        PamEntitlements.AddRange(later.PamEntitlements);
        ComposerEnvironments.AddRange(later.ComposerEnvironments);
        Buckets.AddRange(later.Buckets);
        TagKeys.AddRange(later.TagKeys);
        TagValues.AddRange(later.TagValues);
        TagBindings.AddRange(later.TagBindings);
        // The first file to list a resource's tags is the one kept.
        foreach (var listing in later.TagListings)
        {
            AddTagListing(listing.Resource, listing.Effective, listing.Location);
        }

        DenyPoliciesRead |= later.DenyPoliciesRead;
        OtherResources += later.OtherResources;
        NamesOnly += later.NamesOnly;
    }

    public int Count => Nodes.Count + Policies.Count + SearchedPolicies.Count + Roles.Count + ServiceAccounts.Count + Keys.Count + DenyPolicies.Count + Pools.Count + Providers.Count + Groups.Count + GroupMemberships.Count
        + BoundaryPolicies.Count + PolicyBindings.Count + OrgPolicies.Count + Clusters.Count + KubernetesRoles.Count + KubernetesRoleBindings.Count + Instances.Count + InstanceListings.Count + ComputeProjects.Count + Activities.Count + ServiceAccountInsights.Count + PolicyInsights.Count + PamEntitlements.Count + ComposerEnvironments.Count + Buckets.Count
        + TagKeys.Count + TagValues.Count + TagBindings.Count + TagListings.Count;

    public Counts Snapshot() => new(Nodes.Count, Policies.Count + SearchedPolicies.Count, Roles.Count, ServiceAccounts.Count, Keys.Count, DenyPolicies.Count, Pools.Count + Providers.Count, Groups.Count, GroupMemberships.Count, OtherResources, NamesOnly)
    {
        BoundaryPolicies = BoundaryPolicies.Count,
        PolicyBindings = PolicyBindings.Count,
        OrgPolicies = OrgPolicies.Count,
        Clusters = Clusters.Count,
        KubernetesRbac = KubernetesRoles.Count + KubernetesRoleBindings.Count,
        Instances = Instances.Count,
        ComputeProjects = ComputeProjects.Count,
        Activities = Activities.Count,
        Insights = ServiceAccountInsights.Count + PolicyInsights.Count,
        PamEntitlements = PamEntitlements.Count,
        ComposerEnvironments = ComposerEnvironments.Count,
        Buckets = Buckets.Count,
        Tags = TagKeys.Count + TagValues.Count,
        TagBindings = TagBindings.Count,
    };

    /// <summary>How many entries of each kind had been read, to say what one file added.</summary>
    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Auto)]
    internal readonly record struct Counts(int Nodes, int Policies, int Roles, int ServiceAccounts, int Keys, int DenyPolicies, int WorkloadIdentity, int Groups, int GroupMemberships, int OtherResources, int NamesOnly)
    {
        public int BoundaryPolicies { get; init; }

        public int PolicyBindings { get; init; }

        public int OrgPolicies { get; init; }

        public int Clusters { get; init; }

        public int KubernetesRbac { get; init; }

        public int Instances { get; init; }

        public int ComputeProjects { get; init; }

        public int Activities { get; init; }

        public int Insights { get; init; }

        public int PamEntitlements { get; init; }

        public int ComposerEnvironments { get; init; }

        public int Buckets { get; init; }

        public int Tags { get; init; }

        public int TagBindings { get; init; }

        public string Since(Counts before)
        {
            var parts = new List<string>();
            Part(parts, Nodes - before.Nodes, "organization, folder or project", "organizations, folders or projects");
            Part(parts, Policies - before.Policies, "IAM policy", "IAM policies");
            Part(parts, Roles - before.Roles, "role");
            Part(parts, ServiceAccounts - before.ServiceAccounts, "service account");
            Part(parts, Keys - before.Keys, "service account key");
            Part(parts, DenyPolicies - before.DenyPolicies, "deny policy", "deny policies");
            Part(parts, WorkloadIdentity - before.WorkloadIdentity, "workload identity pool or provider", "workload identity pools or providers");
            Part(parts, Groups - before.Groups, "group");
            Part(parts, GroupMemberships - before.GroupMemberships, "group membership");
            Part(parts, BoundaryPolicies - before.BoundaryPolicies, "principal access boundary policy", "principal access boundary policies");
            Part(parts, PolicyBindings - before.PolicyBindings, "policy binding");
            Part(parts, OrgPolicies - before.OrgPolicies, "organization policy", "organization policies");
            Part(parts, Clusters - before.Clusters, "GKE cluster");
            Part(parts, KubernetesRbac - before.KubernetesRbac, "Kubernetes role or role binding", "Kubernetes roles or role bindings");
            Part(parts, Instances - before.Instances, "Compute Engine instance");
            Part(parts, ComputeProjects - before.ComputeProjects, "project's Compute Engine metadata", "projects' Compute Engine metadata");
            Part(parts, Activities - before.Activities, "authentication activity", "authentication activities");
            Part(parts, Insights - before.Insights, "insight");
            Part(parts, PamEntitlements - before.PamEntitlements, "PAM entitlement");
            Part(parts, ComposerEnvironments - before.ComposerEnvironments, "Composer environment");
            Part(parts, Buckets - before.Buckets, "Cloud Storage bucket");
            Part(parts, Tags - before.Tags, "tag key or value", "tag keys or values");
            Part(parts, TagBindings - before.TagBindings, "tag binding");
            Part(parts, OtherResources - before.OtherResources, "other resource (not read)", "other resources (not read)");
            Part(parts, NamesOnly - before.NamesOnly, "asset without content (not read)", "assets without content (not read)");
            return parts.Count == 0 ? "no usable entry" : string.Join(", ", parts);
        }

        private static void Part(List<string> parts, int count, string singular, string? plural = null)
        {
            if (count > 0)
            {
                parts.Add($"{count} {(count == 1 ? singular : plural ?? singular + "s")}");
            }
        }
    }
}

/// <summary>A project id and the number of the same project, as some export pairs them.</summary>
internal sealed record ProjectNumber(string ProjectId, string Number, SourceLocation Location);
