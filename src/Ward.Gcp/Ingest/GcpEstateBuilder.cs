using System.Collections.Immutable;
using Ward.Core.Diagnostics;
using Ward.Gcp.Iam;
using Ward.Core.Inputs;

namespace Ward.Gcp.Ingest;

/// <summary>
/// Merges what the files held into one estate: the same asset from two exports is kept once (conflicting copies
/// reported), the hierarchy is completed from the ancestry paths and checked, and references are checked: roles
/// bound but not exported, deleted or disabled roles still bound, service accounts named by bindings but missing
/// from their project's export, and keys of unknown accounts.
/// </summary>
internal static class GcpEstateBuilder
{
    public static GcpEstate Build(ReadEntries entries, List<GcpInputFile> inputs, DiagnosticBag diagnostics)
    {
        var found = new DiagnosticBag();
        var policies = Distinct(entries.Policies.Concat(entries.SearchedPolicies), p => p.Resource, StringComparer.Ordinal, SamePolicy, p => $"the IAM policy of `{p.Resource}`", p => p.Location, found);
        var roles = MergeRoles(entries.Roles, found);
        var accounts = MergeAccounts(entries.ServiceAccounts, found);
        var keys = Distinct(entries.Keys, k => k.KeyId, StringComparer.Ordinal, SameKey, k => $"service account key `{k.Name}`", k => k.Location, found);
        var nodes = WithProjectIds(BuildHierarchy(entries, policies, found), ProjectNumberPairs(entries, accounts), found);
        var nodeNames = NodeNames(nodes);
        var estate = new GcpEstate
        {
            Nodes = nodes,
            Policies = policies,
            Roles = roles,
            ServiceAccounts = accounts,
            ServiceAccountKeys = keys,
            DenyPolicies = Distinct(entries.DenyPolicies, p => p.Name, StringComparer.Ordinal, SameDenyPolicy, p => $"deny policy `{p.Name}`", p => p.Location, found),
            DenyPoliciesExported = entries.DenyPoliciesRead,
            WorkloadIdentityPools = Distinct(entries.Pools, p => p.Name, StringComparer.Ordinal, (a, b) => a == b with { Location = a.Location }, p => $"workload identity pool `{p.Name}`", p => p.Location, found),
            WorkloadIdentityProviders = Distinct(entries.Providers, p => p.Name, StringComparer.Ordinal, (a, b) => a.AttributeCondition == b.AttributeCondition && a.IssuerUri == b.IssuerUri, p => $"workload identity provider `{p.Name}`", p => p.Location, found),
            Groups = Distinct(entries.Groups, g => g.Id, StringComparer.Ordinal, SameGroup, g => $"group `{g.Name}`", g => g.Location, found),
            GroupMemberships = Distinct(entries.GroupMemberships, m => m.Key, StringComparer.Ordinal, SameMembership, m => $"group membership `{m.Name}`", m => m.Location, found),
            PrincipalAccessBoundaryPolicies = Distinct(entries.BoundaryPolicies, p => p.Name, StringComparer.Ordinal, SameBoundaryPolicy, p => $"principal access boundary policy `{p.Name}`", p => p.Location, found),
            PolicyBindings = Distinct(entries.PolicyBindings, b => b.Name, StringComparer.Ordinal, (a, b) => a == b with { Location = a.Location }, b => $"policy binding `{b.Name}`", b => b.Location, found),
            PrincipalAccessBoundariesExported = entries.BoundariesRead,
            OrgPolicies = OrgPoliciesOnNodes(entries.OrgPolicies, nodes, found),
            OrgPoliciesExported = entries.OrgPolicies.Count > 0,
            KubernetesRoles = [.. entries.KubernetesRoles],
            KubernetesRoleBindings = [.. entries.KubernetesRoleBindings],
            Clusters = Distinct(entries.Clusters, c => $"{c.Project}/{c.Region}/{c.Name}", StringComparer.Ordinal, (a, b) => a.NodePools.SequenceEqual(b.NodePools) && a.WorkloadPool == b.WorkloadPool, c => $"GKE cluster `{c.Name}` of `projects/{c.Project}`", c => c.Location, found),
            ComputeInstances = Distinct(entries.Instances, i => i.FullName, StringComparer.Ordinal, SameInstance, i => $"Compute Engine instance `{i.RelativeName}`", i => i.Location, found),
            InstancesListedIn = [.. entries.InstanceListings.Order(StringComparer.Ordinal)],
            ComputeProjects = Distinct(entries.ComputeProjects, p => p.Project, StringComparer.Ordinal, (a, b) => a.OsLogin == b.OsLogin, p => $"the Compute Engine metadata of `projects/{p.Project}`", p => p.Location, found),
            AuthenticationActivities = Distinct(entries.Activities, a => a.FullResourceName, StringComparer.Ordinal, (a, b) => a.LastAuthenticated == b.LastAuthenticated, a => $"the activity of `{a.FullResourceName}`", a => a.Location, found),
            ServiceAccountInsights = Distinct(entries.ServiceAccountInsights, i => i.Name, StringComparer.Ordinal, (a, b) => a == b with { Location = a.Location }, i => $"insight `{i.Name}`", i => i.Location, found),
            PolicyInsights = Distinct(entries.PolicyInsights, i => i.Name, StringComparer.Ordinal, (a, b) => a.LastRefresh == b.LastRefresh && a.ExercisedPermissions.SequenceEqual(b.ExercisedPermissions, StringComparer.Ordinal), i => $"insight `{i.Name}`", i => i.Location, found),
            PamEntitlements = Distinct(entries.PamEntitlements, e => e.Name, StringComparer.Ordinal, (a, b) => a.Resource == b.Resource && a.State == b.State && a.RoleBindings.SequenceEqual(b.RoleBindings) && a.EligiblePrincipals.SequenceEqual(b.EligiblePrincipals), e => $"PAM entitlement `{e.Name}`", e => e.Location, found),
            ComposerEnvironments = Distinct(entries.ComposerEnvironments, e => e.Name, StringComparer.Ordinal, (a, b) => a == b with { Location = a.Location, Ancestors = a.Ancestors }, e => $"Composer environment `{e.Name}`", e => e.Location, found),
            Buckets = Distinct(entries.Buckets, b => b.Name, StringComparer.Ordinal, (a, b) => string.Equals(a.PublicAccessPrevention, b.PublicAccessPrevention, StringComparison.OrdinalIgnoreCase), b => $"Cloud Storage bucket `{b.Name}`", b => b.Location, found),
            TagKeys = Distinct(entries.TagKeys, k => k.Name, StringComparer.Ordinal, (a, b) => a.NamespacedName == b.NamespacedName, k => $"tag key `{k.Name}`", k => k.Location, found),
            TagValues = Distinct(entries.TagValues, v => v.Name, StringComparer.Ordinal, (a, b) => a.NamespacedName == b.NamespacedName && a.Parent == b.Parent, v => $"tag value `{v.Name}`", v => v.Location, found),
            TagBindings = Distinct(entries.TagBindings.Select(t => t with { Resource = OnNode(t.Resource, nodeNames) }), t => $"{t.Resource}\n{t.Effective}\n{t.TagValue ?? t.NamespacedTagValue}", StringComparer.Ordinal, (a, b) => a.Inherited == b.Inherited, t => $"tag `{t.TagValue ?? t.NamespacedTagValue}` on `{t.Resource}`", t => t.Location, found),
            TagListings = [.. entries.TagListings.Select(l => l with { Resource = OnNode(l.Resource, nodeNames) }).DistinctBy(l => (l.Resource, l.Effective))],
            Inputs = [.. inputs],
            Diagnostics = [],
        };

        CheckProjectIds(estate, found);
        CheckRoles(estate, found);
        CheckServiceAccountMembers(estate, found);
        CheckKeys(estate, found);
        CheckMemberships(estate, found);
        CheckPolicyBindings(estate, found);
        CheckKubernetesClusters(estate, found);
        if (entries.Count == 0)
        {
            found.Add(GcpDiagnosticCodes.NothingUsable, DiagnosticSeverity.Error, "no Google Cloud policy, hierarchy node, role, service account or key was read from the inputs", new SourceLocation(inputs.Count == 0 ? string.Empty : inputs[0].Path));
        }

        diagnostics.AddRange(found.ToSortedArray());
        return estate with { Diagnostics = WithLines(diagnostics.ToSortedArray()) };
    }

    /// <summary>
    /// Kubernetes RBAC of a cluster no cluster listing holds (its context names a project, location or name none
    /// matches): kept, but no technique asks about a cluster Ward does not know, so it is said once per context.
    /// </summary>
    private static void CheckKubernetesClusters(GcpEstate estate, DiagnosticBag found)
    {
        var objects = estate.KubernetesRoleBindings.Select(b => (b.Cluster, b.Location)).Concat(estate.KubernetesRoles.Select(r => (r.Cluster, r.Location)));
        foreach (var (cluster, location) in objects.Where(o => estate.FindCluster(o.Cluster) is null).DistinctBy(o => o.Cluster, StringComparer.Ordinal))
        {
            found.Add(GcpDiagnosticCodes.UnknownKubernetesCluster, DiagnosticSeverity.Warning, $"Kubernetes RBAC of `{cluster}`, a cluster no `gcloud container clusters list` output among the inputs holds (by project id, location and name): its roles and bindings are kept but give no edge; add the project's cluster listing, or check the file's path", location);
        }
    }

    /// <summary>The same instance from a listing and an asset export: what Ward reads of it is equal.</summary>
    private static bool SameInstance(ComputeInstance a, ComputeInstance b) =>
        a.Status == b.Status && string.Equals(a.ServiceAccount, b.ServiceAccount, StringComparison.OrdinalIgnoreCase) && a.HasExternalIp == b.HasExternalIp
        && a.Scopes.SequenceEqual(b.Scopes, StringComparer.Ordinal)
        && a.Metadata.Count == b.Metadata.Count && a.Metadata.All(m => b.Metadata.TryGetValue(m.Key, out var value) && value == m.Value);

    private static ImmutableArray<T> Distinct<T>(IEnumerable<T> items, Func<T, string> key, StringComparer comparer, Func<T, T, bool> same, Func<T, string> describe, Func<T, SourceLocation> location, DiagnosticBag diagnostics)
    {
        var first = new Dictionary<string, T>(comparer);
        var result = ImmutableArray.CreateBuilder<T>();
        foreach (var item in items)
        {
            if (first.TryGetValue(key(item), out var earlier))
            {
                // The same asset from an organization's and a project's export adds nothing.
                if (!same(earlier, item))
                {
                    diagnostics.Add(GcpDiagnosticCodes.Duplicate, DiagnosticSeverity.Warning, $"{describe(item)} appears again with different content; the first occurrence ({location(earlier)}) is used", location(item));
                }

                continue;
            }

            first.Add(key(item), item);
            result.Add(item);
        }

        return result.ToImmutable();
    }

    /// <summary>
    /// Organization policies named by the node they are set on as the hierarchy names it (v2 names may use a project's
    /// id, asset exports its number), the same policy from two exports once; a policy on a node the hierarchy does
    /// not hold is kept and reported, since nothing Ward knows is below it.
    /// </summary>
    private static ImmutableArray<OrgPolicy> OrgPoliciesOnNodes(List<OrgPolicy> policies, ImmutableArray<HierarchyNode> nodes, DiagnosticBag diagnostics)
    {
        var byName = new Dictionary<string, HierarchyNode>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            byName.TryAdd(node.RelativeName, node);
            if (node.ProjectId is { } id)
            {
                byName.TryAdd("projects/" + id, node);
            }
        }

        var placed = policies.ConvertAll(p => byName.TryGetValue(p.Resource, out var node) ? p with { Resource = node.RelativeName } : p);
        var unknown = new HashSet<string>(StringComparer.Ordinal);
        foreach (var policy in placed.Where(p => !nodes.IsEmpty && !byName.ContainsKey(p.Resource) && unknown.Add(p.Resource)))
        {
            diagnostics.Add(GcpDiagnosticCodes.HierarchyProblem, DiagnosticSeverity.Warning, $"organization policy `{policy.Constraint}` is set on `{policy.Resource}`, which is not in the hierarchy export: it applies to nothing Ward knows", policy.Location);
        }

        return Distinct(placed, p => p.Resource + "\n" + p.Constraint, StringComparer.Ordinal, (a, b) => a.Reset == b.Reset && a.Rules.SequenceEqual(b.Rules), p => $"organization policy `{p.Constraint}` of `{p.Resource}`", p => p.Location, diagnostics);
    }

    /// <summary>The full names of the hierarchy's nodes by relative name, a project's also by <c>projects/ID</c>.</summary>
    private static Dictionary<string, string> NodeNames(ImmutableArray<HierarchyNode> nodes)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            names.TryAdd(node.RelativeName, node.Name);
            if (node.ProjectId is { } id)
            {
                names.TryAdd("projects/" + id, node.Name);
            }
        }

        return names;
    }

    /// <summary>A container as the hierarchy names it (a project by number, though a tag file's path may give its id).</summary>
    private static string OnNode(string resource, Dictionary<string, string> nodeNames) =>
        ResourceNames.ContainerKind(resource) is null ? resource : nodeNames.GetValueOrDefault(ResourceNames.Relative(resource)) ?? ResourceNames.Container(ResourceNames.Relative(resource));

    private static bool SameDenyPolicy(DenyPolicy a, DenyPolicy b) => DenyRuleKeys(a).SequenceEqual(DenyRuleKeys(b), StringComparer.Ordinal);

    private static IEnumerable<string> DenyRuleKeys(DenyPolicy policy) =>
        policy.Rules.Select(r => string.Join('\n', [.. r.DeniedPrincipals, "|", .. r.ExceptionPrincipals, "|", .. r.DeniedPermissions, "|", .. r.ExceptionPermissions, "|", r.DenialCondition?.Expression ?? string.Empty]));

    private static bool SamePolicy(IamPolicy a, IamPolicy b) => BindingKeys(a).SequenceEqual(BindingKeys(b), StringComparer.Ordinal);

    /// <summary>A binding as text, members in order, so that policies compare whatever order their parts were written in.</summary>
    private static IEnumerable<string> BindingKeys(IamPolicy policy) =>
        policy.Bindings
            .Select(b => string.Join('\n', [b.Role, b.Condition?.Expression ?? string.Empty, b.Condition?.Title ?? string.Empty, .. b.Members.Select(m => m.Text).Order(StringComparer.Ordinal)]))
            .Order(StringComparer.Ordinal);

    /// <summary>A role listed without its permissions (<c>roles list</c>) and described with them is one role: the described one is kept.</summary>
    private static ImmutableArray<Role> MergeRoles(List<Role> roles, DiagnosticBag diagnostics)
    {
        var described = roles.Where(r => r.PermissionsKnown).Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        var merged = Distinct(roles.Where(r => r.PermissionsKnown || !described.Contains(r.Name)), r => r.Name, StringComparer.Ordinal, SameRole, r => $"role `{r.Name}`", r => r.Location, diagnostics);
        foreach (var byFile in merged.Where(r => !r.PermissionsKnown).GroupBy(r => r.Location.File, StringComparer.Ordinal))
        {
            var count = byFile.Count();
            diagnostics.Add(GcpDiagnosticCodes.MissingField, DiagnosticSeverity.Warning, $"{count} role{(count == 1 ? string.Empty : "s")} of this file list no `includedPermissions` (the BASIC view that `gcloud iam roles list` prints): what {(count == 1 ? "it grants" : "they grant")} is unknown; export them with `gcloud iam roles describe` or the API's `view=FULL`", byFile.First().Location);
        }

        return merged;
    }

    private static bool SameRole(Role a, Role b) =>
        a.Stage == b.Stage && a.Deleted == b.Deleted && a.IncludedPermissions.Order(StringComparer.Ordinal).SequenceEqual(b.IncludedPermissions.Order(StringComparer.Ordinal), StringComparer.Ordinal);

    private static bool SameKey(ServiceAccountKey a, ServiceAccountKey b) =>
        a.KeyType == b.KeyType && a.Disabled == b.Disabled && a.ValidAfterTime == b.ValidAfterTime && a.ValidBeforeTime == b.ValidBeforeTime;

    /// <summary>The same account from an asset export and from <c>service-accounts list</c>: one account, each filling what the other lacks.</summary>
    private static ImmutableArray<ServiceAccount> MergeAccounts(List<ServiceAccount> accounts, DiagnosticBag diagnostics)
    {
        var merged = new Dictionary<string, ServiceAccount>(StringComparer.OrdinalIgnoreCase);
        var order = new List<string>();
        foreach (var account in accounts)
        {
            if (!merged.TryGetValue(account.Email, out var earlier))
            {
                merged.Add(account.Email, account);
                order.Add(account.Email);
                continue;
            }

            if (earlier.Disabled != account.Disabled || (earlier.UniqueId is not null && account.UniqueId is not null && !string.Equals(earlier.UniqueId, account.UniqueId, StringComparison.Ordinal)))
            {
                diagnostics.Add(GcpDiagnosticCodes.Duplicate, DiagnosticSeverity.Warning, $"service account `{account.Email}` appears again with a different unique id or disabled state; the first occurrence ({earlier.Location}) is used", account.Location);
                continue;
            }

            merged[account.Email] = earlier with
            {
                UniqueId = earlier.UniqueId ?? account.UniqueId,
                ProjectId = earlier.ProjectId ?? account.ProjectId,
                Name = earlier.Name ?? account.Name,
                DisplayName = earlier.DisplayName ?? account.DisplayName,
                Description = earlier.Description ?? account.Description,
            };
        }

        return [.. order.Select(e => merged[e])];
    }

    /// <summary>
    /// The exported organizations, folders and projects, completed by every container an ordered ancestry names
    /// (an IAM policy export alone gives the whole tree), each with its ancestry; gaps and cycles are reported.
    /// </summary>
    private static ImmutableArray<HierarchyNode> BuildHierarchy(ReadEntries entries, ImmutableArray<IamPolicy> policies, DiagnosticBag diagnostics)
    {
        var nodes = Distinct(entries.Nodes, n => n.Name, StringComparer.Ordinal, SameNode, n => $"`{n.RelativeName}`", n => n.Location, diagnostics).ToList();
        var byName = nodes.ToDictionary(n => n.RelativeName, StringComparer.Ordinal);
        var ordered = new HashSet<IamPolicy>(entries.Policies, ReferenceEqualityComparer.Instance);
        var ancestries = nodes.Select(n => (n.Ancestors, n.Location)).Concat(policies.Where(ordered.Contains).Select(p => (p.Ancestors, p.Location))).ToList();

        // Search results name their project, folders and organization: ordered paths are read as the asset exports' are.
        var searched = SearchedHierarchy.Chains(entries.SearchedPolicies, ancestries.Select(a => a.Ancestors));
        ancestries.AddRange(searched.Where(c => c.Ordered).Select(c => (c.Ancestors, c.Source.Location)));
        foreach (var (ancestors, location) in ancestries)
        {
            for (var i = 0; i < ancestors.Length; i++)
            {
                if (ResourceNames.ContainerKind(ancestors[i]) is { } kind && !byName.ContainsKey(ancestors[i]))
                {
                    var node = new HierarchyNode
                    {
                        Name = ResourceNames.Container(ancestors[i]),
                        Kind = kind,
                        DisplayName = ancestors[i],
                        Parent = i + 1 < ancestors.Length ? ancestors[i + 1] : null,
                        Ancestors = ancestors[i..],
                        Location = location,
                    };
                    nodes.Add(node);
                    byName.Add(node.RelativeName, node);
                }
            }
        }

        AddUnordered(searched.Where(c => !c.Ordered), nodes, byName, diagnostics);
        var missingParents = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            if (node.Parent is { } parent && !byName.ContainsKey(parent) && missingParents.Add(parent))
            {
                diagnostics.Add(GcpDiagnosticCodes.HierarchyProblem, DiagnosticSeverity.Warning, $"`{node.RelativeName}` has parent `{parent}`, which is not in the export: policies above it are not known to reach it", node.Location);
            }

            if (node.Ancestors.IsEmpty)
            {
                nodes[i] = node with { Ancestors = WalkUp(node, byName, diagnostics) };
            }
        }

        CheckPolicyAncestry(byName, policies, diagnostics);
        ReportUnplaced(entries, policies, nodes, diagnostics);
        return [.. nodes];
    }

    /// <summary>
    /// The containers of search results whose folders are listed in an order nothing decides. What is safe is kept:
    /// the project (or the container the policy is set on) has every listed folder among its ancestors, so the allow
    /// and deny policies of all of them reach it, but no parent; a folder has as ancestors only the folders known to be
    /// above it, and the organization. Reported once per set of folders.
    /// </summary>
    private static void AddUnordered(IEnumerable<SearchedHierarchy.Chain> chains, List<HierarchyNode> nodes, Dictionary<string, HierarchyNode> byName, DiagnosticBag diagnostics)
    {
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chain in chains)
        {
            var organization = chain.Ancestors.FirstOrDefault(a => ResourceNames.ContainerKind(a) == HierarchyNodeKind.Organization);
            var folders = chain.Ancestors.Where(a => ResourceNames.ContainerKind(a) == HierarchyNodeKind.Folder).ToList();
            var leaf = chain.Ancestors[0];
            foreach (var name in chain.Ancestors)
            {
                if (byName.ContainsKey(name) || ResourceNames.ContainerKind(name) is not { } kind)
                {
                    continue;
                }

                ImmutableArray<string> ancestors = kind switch
                {
                    HierarchyNodeKind.Organization => [name],
                    _ when name == leaf => chain.Ancestors,
                    _ => [name, .. chain.Above.GetValueOrDefault(name, []), .. organization is null ? [] : new[] { organization }],
                };
                var node = new HierarchyNode
                {
                    Name = ResourceNames.Container(name),
                    Kind = kind,
                    DisplayName = name,
                    Parent = null,
                    Ancestors = ancestors,
                    Location = chain.Source.Location,
                };
                nodes.Add(node);
                byName.Add(name, node);
            }

            if (reported.Add(string.Join('\n', folders.Order(StringComparer.Ordinal))))
            {
                diagnostics.Add(GcpDiagnosticCodes.HierarchyProblem, DiagnosticSeverity.Warning, $"the policy search places `{leaf}` under folders {string.Join(", ", folders.Select(f => $"`{f}`"))}, which it lists in no documented order, and no search result on those folders (nor a hierarchy export) says how they nest: the allow and deny policies of all of them are applied to `{leaf}` and below, but its parent is not known, a folder among them takes only the folders known to be above it, and organization policies and tags, which the closest container decides, are read in the listed order; add the resource export (`gcloud asset list --content-type=resource`) to settle it", chain.Source.Location);
            }
        }
    }

    /// <summary>
    /// Policies that place nothing in the hierarchy: without any organization, folder or project the scan has no
    /// target, which must not pass for an estate without escalation; otherwise search results that name no project,
    /// folder or organization, once per file.
    /// </summary>
    private static void ReportUnplaced(ReadEntries entries, ImmutableArray<IamPolicy> policies, List<HierarchyNode> nodes, DiagnosticBag diagnostics)
    {
        if (policies.IsEmpty)
        {
            return;
        }

        if (nodes.Count == 0)
        {
            diagnostics.Add(GcpDiagnosticCodes.HierarchyProblem, DiagnosticSeverity.Warning, $"none of the {policies.Length} IAM polic{(policies.Length == 1 ? "y" : "ies")} read places its resource in an organization, folder or project (an asset's `ancestors`, a search result's `project`, `folders` or `organization`), and no resource export was given: with no organization, folder or project known, the policies above any resource are unknown and `ward scan` has no owner-equivalent principal to find paths to, so it reports no escalation; add the resource export (`gcloud asset list --content-type=resource`)", policies[0].Location);
            return;
        }

        foreach (var byFile in entries.SearchedPolicies.Where(p => p.Ancestors.IsEmpty && ResourceNames.ContainerKind(p.Resource) is null).GroupBy(p => p.Location.File, StringComparer.Ordinal))
        {
            var count = byFile.Count();
            diagnostics.Add(GcpDiagnosticCodes.HierarchyProblem, DiagnosticSeverity.Warning, $"{count} policy search result{(count == 1 ? string.Empty : "s")} of this file, the first of `{byFile.First().Resource}`, name{(count == 1 ? "s" : string.Empty)} no project, folder or organization: the policies above {(count == 1 ? "that resource" : "those resources")} are not known", byFile.First().Location);
        }
    }

    /// <summary>
    /// Every pairing of a project id with a number the inputs give besides the resource export: assets and search
    /// results named by a project id whose ancestry gives the number, a service account's policy under
    /// <c>projects/-</c> whose account's export gives the id, Compute Engine default accounts.
    /// </summary>
    private static List<ProjectNumber> ProjectNumberPairs(ReadEntries entries, ImmutableArray<ServiceAccount> accounts)
    {
        var byId = new Dictionary<string, ServiceAccount>(StringComparer.OrdinalIgnoreCase);
        foreach (var account in accounts)
        {
            byId.TryAdd(account.Email, account);
            if (account.UniqueId is { } uid)
            {
                byId.TryAdd(uid, account);
            }
        }

        var pairs = new List<ProjectNumber>(entries.ProjectNumbers);
        foreach (var policy in entries.Policies.Concat(entries.SearchedPolicies))
        {
            if (ProjectNumbers.Pair(policy.Resource, policy.Ancestors, policy.Location) is { } pair)
            {
                pairs.Add(pair);
            }
            else if (policy.Resource.StartsWith("//iam.googleapis.com/projects/-/serviceAccounts/", StringComparison.Ordinal)
                && byId.GetValueOrDefault(policy.Resource.Split('/')[5])?.ProjectId is { } id
                && policy.Ancestors.FirstOrDefault(a => ResourceNames.ContainerKind(a) == HierarchyNodeKind.Project) is { } project
                && ProjectNumbers.NumberOf(project) is { } number)
            {
                pairs.Add(new ProjectNumber(id, number, policy.Location));
            }
        }

        pairs.AddRange(accounts.Select(ProjectNumbers.Pair).OfType<ProjectNumber>());
        return pairs;
    }

    /// <summary>
    /// Projects the resource export did not describe (a policy export or search alone) get the id other exports pair
    /// with their number, so that what names a project by id (service accounts' emails, <c>projectOwner:</c>) is
    /// placed. An id paired with two numbers, or a number with two ids, is reported and the first kept.
    /// </summary>
    private static ImmutableArray<HierarchyNode> WithProjectIds(ImmutableArray<HierarchyNode> nodes, List<ProjectNumber> pairs, DiagnosticBag diagnostics)
    {
        var idOf = new Dictionary<string, ProjectNumber>(StringComparer.Ordinal);
        var numberOf = new Dictionary<string, ProjectNumber>(StringComparer.Ordinal);
        foreach (var node in nodes.Where(n => n is { Kind: HierarchyNodeKind.Project, ProjectId: not null }))
        {
            if (ProjectNumbers.NumberOf(node.RelativeName) is { } number)
            {
                var described = new ProjectNumber(node.ProjectId!, number, node.Location);
                idOf.TryAdd(number, described);
                numberOf.TryAdd(node.ProjectId!, described);
            }
        }

        foreach (var pair in pairs)
        {
            var sameNumber = idOf.GetValueOrDefault(pair.Number);
            var sameId = numberOf.GetValueOrDefault(pair.ProjectId);
            if ((sameNumber is not null && sameNumber.ProjectId != pair.ProjectId) || (sameId is not null && sameId.Number != pair.Number))
            {
                var earlier = sameNumber is not null && sameNumber.ProjectId != pair.ProjectId ? sameNumber : sameId!;
                diagnostics.Add(GcpDiagnosticCodes.HierarchyProblem, DiagnosticSeverity.Warning, $"this pairs project id `{pair.ProjectId}` with `projects/{pair.Number}`, while {earlier.Location} pairs `{earlier.ProjectId}` with `projects/{earlier.Number}`; the first is used", pair.Location);
                continue;
            }

            idOf.TryAdd(pair.Number, pair);
            numberOf.TryAdd(pair.ProjectId, pair);
        }

        return [.. nodes.Select(n => n.Kind == HierarchyNodeKind.Project && n.ProjectId is null && ProjectNumbers.NumberOf(n.RelativeName) is { } number && idOf.TryGetValue(number, out var pair)
            ? n with { ProjectId = pair.ProjectId }
            : n)];
    }

    /// <summary>
    /// Project ids that service accounts (exported, or named by bindings) belong to, matched to no project of the
    /// hierarchy while some of its projects have no known id: they may well be the same projects, but nothing in the
    /// inputs says which, so what lies in them is not placed. Said once, naming the ids.
    /// </summary>
    private static void CheckProjectIds(GcpEstate estate, DiagnosticBag diagnostics)
    {
        var unnamed = estate.Nodes.Where(n => n is { Kind: HierarchyNodeKind.Project, ProjectId: null }).Select(n => n.RelativeName).ToList();
        if (unnamed.Count == 0)
        {
            return;
        }

        var references = estate.ServiceAccounts.Where(a => a.ProjectId is not null).Select(a => (Id: a.ProjectId!, a.Location))
            .Concat(estate.Policies.SelectMany(p => p.Bindings).SelectMany(b => b.Members.Where(m => m is { Kind: MemberKind.ServiceAccount, IsDeleted: false })
                .Select(m => (Id: ServiceAccount.ProjectIdOfEmail(m.Id), b.Location)).Where(r => r.Id is not null).Select(r => (Id: r.Id!, r.Location))));
        var missing = references.Where(r => estate.FindNode("projects/" + r.Id) is null).DistinctBy(r => r.Id, StringComparer.Ordinal).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        static string Names(IEnumerable<string> names, int count) => string.Join(", ", names.Take(5).Select(n => $"`{n}`")) + (count > 5 ? $" and {count - 5} more" : string.Empty);
        diagnostics.Add(GcpDiagnosticCodes.HierarchyProblem, DiagnosticSeverity.Warning, $"project id{(missing.Count == 1 ? string.Empty : "s")} {Names(missing.Select(m => m.Id), missing.Count)}, of service accounts, match{(missing.Count == 1 ? "es" : string.Empty)} no project of the hierarchy, {unnamed.Count} of whose projects ({Names(unnamed, unnamed.Count)}) have no known id: no resource export describes them, and nothing else in the inputs pairs their numbers with ids. Accounts of those projects are not placed under them, so the policies of their project, folders and organization are not applied to them and escalation through them may be missed or left undecided; add the resource export (`gcloud asset list --content-type=resource`)", missing[0].Location);
    }

    private static bool SameNode(HierarchyNode a, HierarchyNode b) =>
        string.Equals(a.DisplayName, b.DisplayName, StringComparison.Ordinal)
        && string.Equals(a.ProjectId, b.ProjectId, StringComparison.Ordinal)
        && string.Equals(a.Parent, b.Parent, StringComparison.Ordinal);

    private static ImmutableArray<string> WalkUp(HierarchyNode node, Dictionary<string, HierarchyNode> byName, DiagnosticBag diagnostics)
    {
        var chain = ImmutableArray.CreateBuilder<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var current = node.RelativeName; current is not null; current = byName.GetValueOrDefault(current)?.Parent)
        {
            if (!seen.Add(current))
            {
                diagnostics.Add(GcpDiagnosticCodes.HierarchyProblem, DiagnosticSeverity.Error, $"`{node.RelativeName}` is in a parent cycle ({string.Join(" → ", chain)} → {current}); its ancestry stops before the cycle", node.Location);
                break;
            }

            chain.Add(current);
        }

        return chain.ToImmutable();
    }

    /// <summary>A policy export and a resource export taken at different times may place a container differently.</summary>
    private static void CheckPolicyAncestry(Dictionary<string, HierarchyNode> byName, ImmutableArray<IamPolicy> policies, DiagnosticBag diagnostics)
    {
        foreach (var policy in policies.Where(p => !p.Ancestors.IsEmpty && ResourceNames.ContainerKind(p.Resource) is not null))
        {
            if (byName.TryGetValue(ResourceNames.Relative(policy.Resource), out var node) && !node.Ancestors.IsEmpty
                && !node.Ancestors.ToHashSet(StringComparer.Ordinal).SetEquals(policy.Ancestors.Append(node.RelativeName)))
            {
                diagnostics.Add(GcpDiagnosticCodes.HierarchyProblem, DiagnosticSeverity.Warning, $"the policy of `{node.RelativeName}` places it under {string.Join(", ", policy.Ancestors.Where(a => a != node.RelativeName).Select(a => $"`{a}`"))}, the hierarchy under {string.Join(", ", node.Ancestors.Skip(1).Select(a => $"`{a}`"))} (exports of different times?); the hierarchy's ancestry is used", policy.Location);
            }
        }
    }

    private static void CheckRoles(GcpEstate estate, DiagnosticBag diagnostics)
    {
        var bindings = estate.Policies.SelectMany(p => p.Bindings.Select(b => (Policy: p, Binding: b))).ToList();
        if (bindings.Count == 0)
        {
            return;
        }

        if (estate.Roles.IsEmpty)
        {
            diagnostics.Add(GcpDiagnosticCodes.UnknownRole, DiagnosticSeverity.Error, "no roles were given (`gcloud iam roles list`, and `--organization` / `--project` for custom roles): what any binding grants is unknown", bindings[0].Policy.Location with { JsonPath = null });
            return;
        }

        foreach (var byRole in bindings.GroupBy(b => b.Binding.Role, StringComparer.Ordinal))
        {
            var first = byRole.First();
            var count = byRole.Count();
            var where = $"{count} binding{(count == 1 ? string.Empty : "s")}, the first on `{first.Policy.Resource}`";
            switch (estate.FindRole(byRole.Key))
            {
                case null:
                    diagnostics.Add(GcpDiagnosticCodes.UnknownRole, DiagnosticSeverity.Error, $"role `{byRole.Key}` is bound ({where}) but is not in the export: what it grants is unknown{(BasicRoles.IsBasic(byRole.Key) ? " but for the few permissions Ward knows the basic role by name to include or not" : string.Empty)}", first.Binding.Location);
                    break;
                case { Deleted: true }:
                    diagnostics.Add(GcpDiagnosticCodes.InactiveRole, DiagnosticSeverity.Warning, $"role `{byRole.Key}` is deleted but still bound ({where}): it grants nothing unless it is undeleted", first.Binding.Location);
                    break;
                case { Stage: RoleStage.Disabled }:
                    diagnostics.Add(GcpDiagnosticCodes.InactiveRole, DiagnosticSeverity.Warning, $"role `{byRole.Key}` is disabled but still bound ({where}): it grants nothing while disabled", first.Binding.Location);
                    break;
            }
        }
    }

    /// <summary>
    /// A binding that names a service account of a project whose accounts were exported, which is not among them,
    /// names an account deleted since (Google rewrites bindings of deleted accounts to <c>deleted:</c> only in time),
    /// or the export is incomplete. Accounts of other projects and Google's service agents are not judged.
    /// </summary>
    private static void CheckServiceAccountMembers(GcpEstate estate, DiagnosticBag diagnostics)
    {
        var exportedProjects = estate.ServiceAccounts.Where(a => a.ProjectId is not null).Select(a => a.ProjectId!).ToHashSet(StringComparer.Ordinal);
        var reported = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var policy in estate.Policies)
        {
            foreach (var binding in policy.Bindings)
            {
                foreach (var member in binding.Members.Where(m => m is { Kind: MemberKind.ServiceAccount, IsDeleted: false }))
                {
                    if (ServiceAccount.ProjectIdOfEmail(member.Id) is { } project && exportedProjects.Contains(project) && estate.FindServiceAccount(member.Id) is null && reported.Add(member.Id))
                    {
                        diagnostics.Add(GcpDiagnosticCodes.DanglingServiceAccount, DiagnosticSeverity.Warning, $"`{binding.Role}` on `{policy.Resource}` is bound to service account `{member.Id}`, which is not among the exported service accounts of project `{project}`: deleted since, or the export is incomplete", binding.Location);
                    }
                }
            }
        }
    }

    private static void CheckKeys(GcpEstate estate, DiagnosticBag diagnostics)
    {
        if (estate.ServiceAccounts.IsEmpty)
        {
            return;
        }

        foreach (var byAccount in estate.ServiceAccountKeys.Where(k => estate.FindServiceAccount(k.ServiceAccount) is null).GroupBy(k => k.ServiceAccount, StringComparer.OrdinalIgnoreCase))
        {
            var count = byAccount.Count();
            diagnostics.Add(GcpDiagnosticCodes.DanglingKey, DiagnosticSeverity.Warning, $"{count} key{(count == 1 ? string.Empty : "s")} of service account `{byAccount.Key}`, which is not in the export; kept by name", byAccount.First().Location);
        }
    }

    private static bool SameGroup(GoogleGroup a, GoogleGroup b) => string.Equals(a.Email, b.Email, StringComparison.OrdinalIgnoreCase);

    private static bool SameMembership(GroupMembership a, GroupMembership b) =>
        string.Equals(a.MemberEmail, b.MemberEmail, StringComparison.OrdinalIgnoreCase) && a.MemberType == b.MemberType && a.Relation == b.Relation;

    /// <summary>Memberships name their group by id only: without the group's export, no <c>group:EMAIL</c> member can be joined to them.</summary>
    private static void CheckMemberships(GcpEstate estate, DiagnosticBag diagnostics)
    {
        var exported = estate.Groups.Select(g => g.Id).ToHashSet(StringComparer.Ordinal);
        // A transitive membership names its group by email (its file's name): it needs no group export.
        foreach (var byGroup in estate.GroupMemberships.Where(m => m.GroupId is not null && !exported.Contains(m.GroupId)).GroupBy(m => m.GroupId!, StringComparer.Ordinal))
        {
            var count = byGroup.Count();
            diagnostics.Add(GcpDiagnosticCodes.DanglingMembership, DiagnosticSeverity.Warning, $"{count} membership{(count == 1 ? string.Empty : "s")} of group `groups/{byGroup.Key}`, which is not among the exported groups (`gcloud identity groups search`): kept by id, but no `group:` member can be matched to {(count == 1 ? "it" : "them")} without the group's email", byGroup.First().Location);
        }
    }

    private static bool SameBoundaryPolicy(PrincipalAccessBoundaryPolicy a, PrincipalAccessBoundaryPolicy b) =>
        string.Equals(a.EnforcementVersion, b.EnforcementVersion, StringComparison.Ordinal)
        && a.Rules.SelectMany(r => r.Resources).Order(StringComparer.Ordinal).SequenceEqual(b.Rules.SelectMany(r => r.Resources).Order(StringComparer.Ordinal), StringComparer.Ordinal);

    /// <summary>A binding of a policy that was not exported: what the policy makes eligible is unknown.</summary>
    private static void CheckPolicyBindings(GcpEstate estate, DiagnosticBag diagnostics)
    {
        foreach (var binding in estate.PolicyBindings.Where(b => estate.FindBoundaryPolicy(b.Policy) is null))
        {
            diagnostics.Add(GcpDiagnosticCodes.DanglingPolicyBinding, DiagnosticSeverity.Warning, $"policy binding `{binding.Name}` applies `{binding.Policy}`, which is not among the exported principal access boundary policies: which resources it makes eligible is unknown, so answers for the principals of `{binding.PrincipalSet}` stay conditional on it", binding.Location);
        }
    }

    /// <summary>Adds lines to diagnostics located by JSON path only, reading again just the files that have some (newline-delimited exports carry their lines already).</summary>
    private static ImmutableArray<Diagnostic> WithLines(ImmutableArray<Diagnostic> diagnostics)
    {
        var located = new DiagnosticBag();
        foreach (var byFile in diagnostics.GroupBy(d => d.Location.File, StringComparer.Ordinal))
        {
            var items = byFile.ToList();
            if (byFile.Key.Length == 0 || !items.Exists(d => d.Location.Line is null && d.Location.JsonPath is not null))
            {
                located.AddRange(items);
                continue;
            }

            try
            {
                located.AddRange(JsonLineLocator.WithLines(items, Utf8Input.Read(byFile.Key)));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                located.AddRange(items);
            }
        }

        return located.ToSortedArray();
    }
}
