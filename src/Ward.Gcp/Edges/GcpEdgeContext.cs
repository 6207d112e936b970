using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text;
using Ward.Core.Collections;
using Ward.Core.Decisions;
using Ward.Core.Graph;
using Ward.Core.Model;
using Ward.Gcp.Iam;
using Ward.Gcp.Policy.Conditions;
using Ward.Gcp.Policy.Evaluation;
using Ward.Gcp.Policy.OrgPolicies;

namespace Ward.Gcp.Edges;

/// <summary>
/// What the edge checkers share: the estate, its evaluator, the reference time, the principals every policy names
/// (one node each), where each service account lives, and the who-can answers already worked out.
/// </summary>
public sealed class GcpEdgeContext
{
    // Answers are worked out once even when several workers ask at the same time (the graph's checkers ask alike).
    private readonly OnceCache<(string Permission, string Resource), ImmutableArray<PrincipalDecision>> _whoCan = new(OrdinalTupleComparer.Instance);
    private readonly ShardedDictionary<string, GcpResource?> _resources = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Node, string Constraint), ConstraintEnforcement> _constraints = new(OrdinalTupleComparer.Instance);

    // The service accounts of a project mostly have no policy of their own: one answer serves them all.
    private readonly OnceCache<string, ImmutableArray<PrincipalDecision>> _sharedWhoCan = new(StringComparer.Ordinal);
    private readonly OnceCache<(string Permission, string Resource), ImmutableArray<PrincipalDecision>> _serviceAccountsWhoCan = new(OrdinalTupleComparer.Instance);
    private readonly ShardedDictionary<(string Principal, string Permission, string Resource), Decision> _stepDecisions = new(OrdinalTupleComparer.Instance);
    private readonly OnceCache<string, ImmutableArray<PrincipalDecision>> _sharedServiceAccountsWhoCan = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ImmutableArray<string>> _includedBy = new(StringComparer.Ordinal);
    private readonly ShardedDictionary<string, string> _texts = new(StringComparer.Ordinal);
    private readonly ShardedDictionary<StatementMatch, string> _grantedBy = new(ReferenceEqualityComparer.Instance);
    private readonly ShardedDictionary<StatementMatch, StatementMatch> _statements = new(SameStatement.Instance);
    private readonly ShardedDictionary<StatementMatch, Allowed> _allowedBy = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<string, ImmutableArray<GkeRbac.Grant>> _rbacGrants = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<bool>> _mayBeEnabled = new(StringComparer.Ordinal);
    private readonly ShardedDictionary<string, HierarchyNode?> _serviceAccountProjects = new(StringComparer.Ordinal);
    private readonly ShardedDictionary<string, GcpResource?> _serviceAccountResources = new(StringComparer.Ordinal);

    [ThreadStatic]
    private static StringBuilder? t_key;

    [ThreadStatic]
    private static char[]? t_keyChars;

    private const string ServiceAccountPrefix = "serviceAccount:";

    /// <summary>The permission that enables a disabled service account again.</summary>
    public const string EnableServiceAccount = "iam.serviceAccounts.enable";

    public GcpEdgeContext(GcpEstate estate, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(estate);
        // What eligible principals can request through Privileged Access Manager counts as held (needing approval where the entitlement says).
        Estate = PamRequests.Requested(estate);
        AsOf = asOf;
        Authorizer = new GcpAuthorizer(Estate);
        var principals = new Dictionary<string, Member>(StringComparer.Ordinal);
        foreach (var member in Estate.Policies.SelectMany(p => p.Bindings).SelectMany(b => b.Members))
        {
            if (GcpPrincipals.IdOf(member) is { } id)
            {
                principals.TryAdd(id, member);
            }
        }

        foreach (var account in Estate.ServiceAccounts)
        {
            principals.TryAdd(GcpPrincipals.ServiceAccountId(account.Email), Member.Parse("serviceAccount:" + account.Email));
        }

        // Kubernetes service accounts that GKE's RBAC bindings name, as the workload identities of their clusters' pools.
        foreach (var (binding, subject) in Estate.KubernetesRoleBindings.SelectMany(b => b.Subjects.Select(s => (b, s))))
        {
            if (Estate.FindCluster(binding.Cluster) is { } cluster && GkeRbac.KubernetesServiceAccountId(cluster, subject) is { } id)
            {
                principals.TryAdd(id, Member.Parse(id));
            }
        }

        Principals = principals.ToFrozenDictionary(StringComparer.Ordinal);
        ServiceAccounts = [.. Principals.Keys.Where(k => GcpPrincipals.ServiceAccountEmail(k) is not null).Order(StringComparer.Ordinal)];
        KubernetesIdentities = [.. Principals.Keys.Order(StringComparer.Ordinal).Select(k => (Id: k, Identity: KubernetesIdentity.Parse(k))).Where(k => k.Identity is not null).Select(k => (k.Id, k.Identity!))];
    }

    /// <summary>The principals that are Kubernetes identities of a GKE workload identity pool (<see cref="KubernetesIdentity"/>), by node id, sorted.</summary>
    public ImmutableArray<(string Id, KubernetesIdentity Identity)> KubernetesIdentities { get; }

    public GcpEstate Estate { get; }

    public DateTimeOffset AsOf { get; }

    public GcpAuthorizer Authorizer { get; }

    /// <summary>Every principal a binding names (and every exported service account), by node id.</summary>
    public FrozenDictionary<string, Member> Principals { get; }

    /// <summary>The node ids of every service account, sorted.</summary>
    public ImmutableArray<string> ServiceAccounts { get; }

    /// <summary>The organizations, folders and projects, each with the full name of the node above it, parents before children.</summary>
    public ImmutableArray<HierarchyNode> HierarchyTopDown => field.IsDefault
        ? field = [.. Estate.Nodes.OrderBy(n => n.Ancestors.IsEmpty ? 1 : n.Ancestors.Length).ThenBy(n => n.Kind).ThenBy(n => n.Name, StringComparer.Ordinal)]
        : field;

    /// <summary>The exported instances by the service account they run as (case-insensitive), indexed once.</summary>
    private FrozenDictionary<string, ImmutableArray<ComputeInstance>> InstancesByAccount => field ??=
        Estate.ComputeInstances.Where(i => i.ServiceAccount is not null).GroupBy(i => i.ServiceAccount!, StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(g => g.Key, g => g.OrderBy(i => i.RelativeName, StringComparer.Ordinal).ToImmutableArray(), StringComparer.OrdinalIgnoreCase);

    /// <summary>The exported instances by project (as their links name it, the project id), indexed once.</summary>
    private FrozenDictionary<string, ImmutableArray<ComputeInstance>> InstancesByProject => field ??=
        Estate.ComputeInstances.GroupBy(i => i.Project, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.OrderBy(i => i.RelativeName, StringComparer.Ordinal).ToImmutableArray(), StringComparer.Ordinal);

    private FrozenSet<string> InstanceListings => field ??= Estate.InstancesListedIn.ToFrozenSet(StringComparer.Ordinal);

    private FrozenDictionary<string, ComputeProjectMetadata> ComputeProjects => field ??=
        Estate.ComputeProjects.DistinctBy(p => p.Project, StringComparer.Ordinal).ToFrozenDictionary(p => p.Project, StringComparer.Ordinal);

    /// <summary>The exported instances that run as a service account, by name; empty when none does (or none was exported).</summary>
    public ImmutableArray<ComputeInstance> InstancesRunningAs(string serviceAccountEmail) => InstancesByAccount.GetValueOrDefault(serviceAccountEmail, []);

    /// <summary>The exported instances of a project, by name.</summary>
    public ImmutableArray<ComputeInstance> InstancesIn(HierarchyNode project)
    {
        ArgumentNullException.ThrowIfNull(project);
        return project.ProjectId is { } id && InstancesByProject.TryGetValue(id, out var byId) ? byId : InstancesByProject.GetValueOrDefault(project.RelativeName["projects/".Length..], []);
    }

    /// <summary>Whether a project's instances were listed (even as none): only then does an instance's absence mean there is none.</summary>
    public bool InstancesListed(HierarchyNode project)
    {
        ArgumentNullException.ThrowIfNull(project);
        return InstanceListings.Count > 0 && ((project.ProjectId is { } id && InstanceListings.Contains(id)) || InstanceListings.Contains(project.RelativeName["projects/".Length..]));
    }

    /// <summary>A project's Compute Engine metadata, by project id (as instances name their project), if exported.</summary>
    public ComputeProjectMetadata? ComputeMetadata(string project) => ComputeProjects.GetValueOrDefault(project);

    /// <summary>An instance as a resource: its allow policy, its project's, folders' and organization's.</summary>
    public GcpResource? InstanceResource(ComputeInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return Locate(instance.FullName);
    }

    /// <summary>The permission that changes a container's allow policy: whoever holds it on the container may grant itself any role there.</summary>
    public static string SetIamPolicyOf(HierarchyNodeKind kind) => kind switch
    {
        HierarchyNodeKind.Organization => "resourcemanager.organizations.setIamPolicy",
        HierarchyNodeKind.Folder => "resourcemanager.folders.setIamPolicy",
        _ => "resourcemanager.projects.setIamPolicy",
    };

    /// <summary>A project of the hierarchy by number or id (<c>projects/123</c>, <c>projects/my-project</c>), if exported.</summary>
    public HierarchyNode? FindProject(string relativeName) => Estate.FindNode(relativeName) is { Kind: HierarchyNodeKind.Project } node ? node : null;

    /// <summary>The project a service account belongs to: the exported account's, else the one its email names; worked out once per email.</summary>
    public HierarchyNode? ProjectOfServiceAccount(string email) =>
        _serviceAccountProjects.GetOrAdd(email, static (email, context) =>
        {
            var project = context.Estate.FindServiceAccount(email)?.ProjectId ?? ServiceAccount.ProjectIdOfEmail(email);
            return project is not null ? context.FindProject("projects/" + project)
                : GcpPrincipals.DefaultServiceAccount(email) is { } known ? context.FindProject(known.Project)
                : null;
        }, this);

    /// <summary>Whether the principal (a node id) is an exported service account that is disabled: it cannot authenticate until enabled again.</summary>
    /// <remarks>Looks the email up inside the node id: every edge asks, and a copy of each would be garbage at once.</remarks>
    public bool IsDisabledServiceAccount(string principal) =>
        principal.StartsWith(ServiceAccountPrefix, StringComparison.Ordinal)
        && Estate.FindServiceAccount(principal.AsSpan(ServiceAccountPrefix.Length)) is { Disabled: true };

    /// <summary>
    /// Whether some principal other than the account itself may enable a disabled service account
    /// (<c>iam.serviceAccounts.enable</c> on it not denied, even under a condition or undecided); worked out once per account.
    /// </summary>
    public bool MayBeEnabled(string account) =>
        _mayBeEnabled.GetOrAdd(account, static (account, context) => new Lazy<bool>(() =>
            GcpPrincipals.ServiceAccountEmail(account) is { } email && context.ServiceAccountResource(email) is { } resource
            && context.WhoCan(EnableServiceAccount, resource).Any(a => a.Principal != account)), this).Value;

    /// <summary>
    /// The service account as a resource (its allow policy, its project's, folders' and organization's); null when it
    /// cannot be placed. Worked out once per email: every checker asks for every account, and its name is long to build and to hash.
    /// </summary>
    public GcpResource? ServiceAccountResource(string email) =>
        _serviceAccountResources.GetOrAdd(email, static (email, context) =>
        {
            var project = context.ProjectOfServiceAccount(email)?.ProjectId ?? "-";
            return context.Locate($"//iam.googleapis.com/projects/{project}/serviceAccounts/{email}");
        }, this);

    /// <summary>A workload identity pool (<c>projects/NUMBER/locations/global/workloadIdentityPools/POOL</c>) as a resource: its project's, folders' and organization's policies.</summary>
    public GcpResource? WorkloadIdentityPoolResource(string poolName) => Locate("//iam.googleapis.com/" + poolName);

    /// <summary>A bucket (<c>//storage.googleapis.com/projects/_/buckets/BUCKET</c>) or one of its objects as a resource: the bucket's policy and those above it.</summary>
    public GcpResource? StorageResource(string bucket, string? objectName = null) =>
        Locate($"//storage.googleapis.com/projects/_/buckets/{bucket}" + (objectName is null ? string.Empty : "/objects/" + objectName));

    /// <summary>A tag value (<c>tagValues/ID</c>) as a resource: its policy, its key's, and those of the organization or project that owns the key and above.</summary>
    public GcpResource? TagValueResource(string valueName) => Locate(ResourceNames.ResourceManager + valueName);

    public GcpResource? ContainerResource(HierarchyNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return Locate(node.RelativeName);
    }

    /// <summary>The resource a role's <c>iam.roles.update</c> is checked on: the organization or project that defines it.</summary>
    public GcpResource? RoleParentResource(Role role)
    {
        ArgumentNullException.ThrowIfNull(role);
        return role.Parent is { } parent ? Locate(parent) : null;
    }

    /// <summary>
    /// Every principal the evaluator does not deny the permission on the resource (groups, domains and public members
    /// answered for themselves), with its decision; worked out once per permission and resource. A principal that an
    /// allowed public or domain member includes is left out: that member stands for it (and for everyone else it
    /// includes), so one edge says what would otherwise be said once per principal the policies happen to name.
    /// </summary>
    public ImmutableArray<PrincipalDecision> WhoCan(string permission, GcpResource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return _whoCan.GetOrAdd((permission, resource.Name), static (_, state) => state.Context.Shared(state.Permission, state.Resource, state.Context._sharedWhoCan, serviceAccountsOnly: false), (Context: this, Permission: permission, Resource: resource));
    }

    /// <summary>
    /// The service accounts of <see cref="WhoCan"/>'s answer, worked out without asking about anyone else when that
    /// answer is not known yet: analyses of service accounts acting as one another ask it for every account of an
    /// organization, whose policies name far more people and groups than accounts.
    /// </summary>
    public ImmutableArray<PrincipalDecision> ServiceAccountsWhoCan(string permission, GcpResource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (_whoCan.Known.TryGetValue((permission, resource.Name), out var known))
        {
            return [.. known.Where(a => a.Member.Kind == MemberKind.ServiceAccount)];
        }

        return _serviceAccountsWhoCan.GetOrAdd((permission, resource.Name), static (_, state) => state.Context.Shared(state.Permission, state.Resource, state.Context._sharedServiceAccountsWhoCan, serviceAccountsOnly: true), (Context: this, Permission: permission, Resource: resource));
    }

    /// <summary>
    /// A who-can answer, shared with the resources that have the same policies above them where the resource's own
    /// policy (if any) changes nothing, or where it names single users and accounts only: then the shared answer
    /// stands for everyone else, and only those it names are decided on the resource itself.
    /// </summary>
    private ImmutableArray<PrincipalDecision> Shared(string permission, GcpResource resource, OnceCache<string, ImmutableArray<PrincipalDecision>> shared, bool serviceAccountsOnly)
    {
        ImmutableArray<PrincipalDecision> DecideOn(GcpResource on) => serviceAccountsOnly ? DecideServiceAccountsWhoCan(permission, on) : DecideWhoCan(permission, on);
        // A policy of the resource's own (under another of its names, it would make a key of its own) is tried first.
        if (Authorizer.OwnPolicyOverShared(permission, resource, AsOf) is not var (without, sharedKey, named))
        {
            return SharedByKey(permission, resource, shared, () => DecideOn(resource));
        }

        var others = shared.GetOrAdd(sharedKey, static (_, decide) => decide(), () => DecideOn(without));
        var asked = named.Where(m => !serviceAccountsOnly || m.Kind == MemberKind.ServiceAccount).ToList();
        var askedIds = asked.Select(GcpPrincipals.IdOf).OfType<string>().ToHashSet(StringComparer.Ordinal);
        // Asked with the public and domain members, which leave out the principals they stand for (as Decide does).
        var own = Decide(Authorizer.WhoMayBeAllowedAmong(asked.Concat(Authorizer.StandingForOthers(resource)), permission, resource, AsOf))
            .Where(a => askedIds.Contains(a.Principal));
        return [.. others.Where(a => !askedIds.Contains(a.Principal)).Concat(own).OrderBy(a => a.Principal, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The answer shared under the resource's key (<see cref="GcpAuthorizer.SharedAnswerKey"/>), worked out once; decided
    /// on the resource alone where it has none. The key is looked up from the thread's buffer and made a string only
    /// for an answer not yet shared: an organization's service accounts ask hundreds of thousands of times, mostly under
    /// keys already answered.
    /// </summary>
    private ImmutableArray<PrincipalDecision> SharedByKey(string permission, GcpResource resource, OnceCache<string, ImmutableArray<PrincipalDecision>> shared, Func<ImmutableArray<PrincipalDecision>> decide)
    {
        var key = t_key ??= new StringBuilder(512);
        if (!Authorizer.TryWriteSharedAnswerKey(permission, resource, AsOf, key))
        {
            return decide();
        }

        if (t_keyChars is null || t_keyChars.Length < key.Length)
        {
            t_keyChars = new char[Math.Max(key.Length, 512)];
        }

        var chars = t_keyChars.AsSpan(0, key.Length);
        key.CopyTo(0, chars, key.Length);
        return shared.Known.TryGetValue((ReadOnlySpan<char>)chars, out var known) ? known : shared.GetOrAdd(key.ToString(), static (_, decide) => decide(), decide);
    }

    /// <summary>The who-can answers on one resource, as <see cref="WhoCan"/> keeps them.</summary>
    internal ImmutableArray<PrincipalDecision> DecideWhoCan(string permission, GcpResource resource) => Decide(Authorizer.WhoMayBeAllowed(permission, resource, AsOf));

    /// <summary>
    /// The service accounts of <see cref="DecideWhoCan"/>'s answer, asking about accounts and the public and domain
    /// members that may stand for them (and so leave them out of the answer) only.
    /// </summary>
    internal ImmutableArray<PrincipalDecision> DecideServiceAccountsWhoCan(string permission, GcpResource resource) =>
        [.. Decide(Authorizer.WhoMayBeAllowed(permission, resource, AsOf, serviceAccountsOnly: true))
            .Where(a => a.Member.Kind == MemberKind.ServiceAccount)];

    private ImmutableArray<PrincipalDecision> Decide(ImmutableArray<GcpAccessAnswer> mayBeAllowed)
    {
        var answers = mayBeAllowed
            .Select(a => (Id: GcpPrincipals.IdOf(a.Principal), a.Principal, a.Decision))
            .Where(a => a.Id is not null)
            .DistinctBy(a => a.Id, StringComparer.Ordinal)
            .Select(a => new PrincipalDecision(a.Id!, a.Principal, a.Decision))
            .ToList();
        var sets = answers.Where(a => a.Decision.Kind == DecisionKind.Allowed && a.Member.Kind is MemberKind.AllUsers or MemberKind.AllAuthenticatedUsers or MemberKind.Domain).Select(a => a.Member).ToList();
        return [.. answers.Where(a => !sets.Exists(set => Includes(set, a.Member))).OrderBy(a => a.Principal, StringComparer.Ordinal).Select(a => a with { Decision = Slim(a.Decision) })];
    }

    /// <summary>
    /// The decision as edges read it (its kind, requirements or reason, and the binding <see cref="GrantedBy"/>
    /// names), without the rest of its explanation: who-can answers are kept for the whole scan, for every service
    /// account of an organization, and the full explanations would not fit in memory. The statement is kept once
    /// (<see cref="Kept"/>).
    /// </summary>
    private Decision Slim(Decision decision)
    {
        var grant = GrantingStatement(decision) is { } statement ? Kept(statement) : null;
        if (grant is not null && decision is Allowed)
        {
            // One allow per granting statement: the bindings inherited by an organization's accounts allow the same
            // principals on each of them.
            return _allowedBy.GetOrAdd(grant, static (grant, _) => new Allowed(Granting(grant)), 0);
        }

        var explanation = grant is null ? Explanation.Of(decision.Explanation.Summary) : Granting(grant);
        return decision switch
        {
            Allowed => new Allowed(explanation),
            Conditional conditional => new Conditional(conditional.Requirements, conditional.Otherwise, explanation),
            Indeterminate indeterminate => new Indeterminate(indeterminate.Reason, explanation),
            _ => decision,
        };
    }

    private static Explanation Granting(StatementMatch grant) => new(string.Empty, [new LayerEvaluation(string.Empty, null, LayerOutcome.Allows, [grant]) { Decisive = true }]);

    /// <summary>
    /// One copy of a statement the answers keep: the evaluator writes a binding's statement anew for every resource
    /// it decides, and the answers of an organization's service accounts repeat the same inherited bindings (on a
    /// large organization, most of the strings alive were such copies). Its policy name is pooled too.
    /// </summary>
    private StatementMatch Kept(StatementMatch statement)
    {
        if (_statements.TryGetValue(statement, out var kept))
        {
            return kept;
        }

        // The evaluator writes a deciding binding's statement once, its policy name once per policy: that one is kept as it is.
        var policy = Pooled(statement.Policy);
        var copy = ReferenceEquals(policy, statement.Policy) ? statement : statement with { Policy = policy };
        return _statements.GetOrAdd(copy, copy);
    }

    /// <summary>Statements equal in every part, their conditions compared item by item (each statement has an array of its own).</summary>
    internal sealed class SameStatement : IEqualityComparer<StatementMatch>
    {
        public static readonly SameStatement Instance = new();

        public bool Equals(StatementMatch? x, StatementMatch? y) =>
            ReferenceEquals(x, y) || (x is not null && y is not null
                && string.Equals(x.Policy, y.Policy, StringComparison.Ordinal) && string.Equals(x.Statement, y.Statement, StringComparison.Ordinal)
                && x.Effect == y.Effect && x.Undecided == y.Undecided && x.Conditions.SequenceEqual(y.Conditions, StringComparer.Ordinal));

        // The policy too: thousands of projects' policies hold a binding written alike, and would otherwise share a bucket.
        public int GetHashCode(StatementMatch obj) => HashCode.Combine(OrdinalHash.Of(obj.Policy, obj.Statement), obj.Effect, obj.Undecided, obj.Conditions.Length);
    }

    /// <summary>Whether a public or domain member includes another principal (not itself): as the evaluator's member matching says.</summary>
    public static bool Includes(Member set, Member principal) =>
        !set.Equals(principal) && set.Kind switch
        {
            MemberKind.AllUsers => true,
            MemberKind.AllAuthenticatedUsers => principal.Kind is MemberKind.User or MemberKind.ServiceAccount or MemberKind.Group or MemberKind.Domain,
            MemberKind.Domain => principal.Kind is MemberKind.User or MemberKind.ServiceAccount && principal.Id.EndsWith("@" + set.Id, StringComparison.OrdinalIgnoreCase),
            _ => false,
        };

    /// <summary>The Kubernetes RBAC grants of pod creation in a GKE cluster (<see cref="GkeRbac.PodCreators"/>), worked out once per cluster.</summary>
    public ImmutableArray<GkeRbac.Grant> RbacGrants(GkeCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return _rbacGrants.GetOrAdd(cluster.Context, static (_, state) => [.. GkeRbac.PodCreators(state.Estate, state.Cluster)], (Estate, Cluster: cluster));
    }

    /// <summary>Whether a boolean constraint is enforced on a node, by the organization policies of the node and those above it; worked out once per node and constraint.</summary>
    public ConstraintEnforcement Enforcement(HierarchyNode node, string constraint)
    {
        ArgumentNullException.ThrowIfNull(node);
        return !Estate.OrgPoliciesExported ? ConstraintEnforcement.Default(constraint)
            : _constraints.GetOrAdd((node.RelativeName, constraint), key => OrgPolicyEvaluator.Evaluate(
                Estate,
                node.Ancestors.IsEmpty ? [key.Node] : node.Ancestors,
                key.Constraint,
                Locate(node.Name) is { } resource ? condition => Authorizer.Decide(IamCondition.Parse(condition), resource, AsOf) : null));
    }

    /// <summary>
    /// The evaluator's answer for one principal (a node id) and permission on a resource, as an edge's step reads it
    /// (<see cref="Slim"/>); worked out once: the service accounts of a project ask the same of the project. Most steps
    /// asked are denied (half a million on a large organization), and a denial ends the edge unread: the cache keeps
    /// only its kind (<see cref="KeptDenial"/>), and its explanation, which weighs every binding, is worked out only if read.
    /// </summary>
    public Decision StepDecision(string principal, string permission, GcpResource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var decision = _stepDecisions.GetOrAdd((principal, permission, resource.Name), static (key, state) =>
        {
            var decided = state.Context.DecideForEdge(key.Principal, key.Permission, state.Resource);
            return decided is ImplicitDeny or ExplicitDeny ? KeptDenial.Keep(decided) : state.Context.Slim(decided);
        }, (Context: this, Resource: resource));
        return KeptDenial.IsKind(decision) ? KeptDenial.Recall(decision, () => Authorize(principal, permission, resource).Explanation) : decision;
    }

    /// <summary>
    /// The evaluator's answer for one principal (a node id) and permission on a resource; with a tag value, as if it
    /// were bound to the resource, or as if the one bound to it were removed.
    /// </summary>
    public Decision Authorize(string principal, string permission, GcpResource resource, string? supposingTagValue = null, string? supposingTagRemoved = null) =>
        Authorize(principal, permission, resource, supposingTagValue, supposingTagRemoved, decisiveBindingOnly: false);

    /// <summary>
    /// The evaluator's answer, an allow explained by its deciding binding alone (<see cref="GcpRequest.DecisiveBindingOnly"/>):
    /// for what names only that binding (<see cref="GrantedBy"/>), asked too often to explain in full.
    /// </summary>
    public Decision DecideForEdge(string principal, string permission, GcpResource resource) =>
        Authorize(principal, permission, resource, supposingTagValue: null, supposingTagRemoved: null, decisiveBindingOnly: true);

    /// <summary>
    /// The principals (node ids, in order) a domain member includes, or with no member every principal: what an allowed
    /// domain or public member stands for, worked out once per member.
    /// </summary>
    public ImmutableArray<string> PrincipalsIncludedBy(Member? set) =>
        _includedBy.GetOrAdd(set?.Text ?? string.Empty, static (_, state) =>
        {
            var (principals, set) = state;
            return [.. principals.Where(p => set is null || Includes(set, p.Value)).Select(p => p.Key).Order(StringComparer.Ordinal)];
        }, (Principals, set));

    private Decision Authorize(string principal, string permission, GcpResource resource, string? supposingTagValue, string? supposingTagRemoved, bool decisiveBindingOnly)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var member = Principals.TryGetValue(principal, out var known) ? known : Member.Parse(principal);
        return Authorizer.Authorize(new GcpRequest
        {
            Principal = member, Permission = permission, Resource = resource, AsOf = AsOf, CountPossibleMemberships = false,
            SupposingTagValue = supposingTagValue, SupposingTagRemoved = supposingTagRemoved, DecisiveBindingOnly = decisiveBindingOnly,
        });
    }

    /// <summary>Keeps one edge per principal: the first found, replaced by a certain one if the first was conditional.</summary>
    public static void KeepBest(IDictionary<string, Edge> best, Edge edge)
    {
        ArgumentNullException.ThrowIfNull(best);
        ArgumentNullException.ThrowIfNull(edge);
        if (!best.TryGetValue(edge.From.Value, out var kept) || (kept.IsConditional && !edge.IsConditional))
        {
            best[edge.From.Value] = edge;
        }
    }

    /// <summary>
    /// One copy of a text the graph keeps: edges repeat the same few bindings and descriptions (on a large
    /// organization, 450 MB of binding names held 55 MB of distinct text), and every copy kept alive is walked by
    /// each full garbage collection.
    /// </summary>
    internal string Pooled(string text) => _texts.GetOrAdd(text, text);

    /// <summary>
    /// <see cref="GrantedBy"/>, pooled, worked out once per statement: the evaluator writes a binding's statement once
    /// for every answer it decides, and the binding's name is long to build and to hash.
    /// </summary>
    internal string PooledGrantedBy(Decision decision) =>
        GrantingStatement(decision) is { } statement
            ? _grantedBy.GetOrAdd(statement, static (statement, context) => context.Pooled($"{statement.Policy}: {statement.Statement}"), this)
            : Pooled(decision.Explanation.Summary);

    /// <summary>
    /// An edge whose every step the evaluator allows (certain), or allows only under conditions (the requirements of
    /// each, and "could not decide" for an indeterminate one); null when one is denied. Its texts are pooled.
    /// </summary>
    /// <remarks>
    /// An edge to a disabled service account (other than from itself) also needs <c>iam.serviceAccounts.enable</c> on
    /// it, the principal's last step: a disabled account issues no token and accepts none of its keys until enabled.
    /// </remarks>
    public Edge? EdgeIf(string technique, string from, string to, string description, IEnumerable<EdgeStep> steps, bool grantsAdmin = false, string? adminScope = null)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(description);
        if (from != to && IsDisabledServiceAccount(to))
        {
            if (ServiceAccountResource(GcpPrincipals.ServiceAccountEmail(to)!) is not { } account)
            {
                return null;
            }

            steps = [.. steps, new EdgeStep(EnableServiceAccount, account.Name, StepDecision(from, EnableServiceAccount, account))];
            description += $"; `{to}` is disabled, so it is enabled first (`{EnableServiceAccount}`)";
        }

        // Sized by the steps where they say how many, and requirements made only for a conditional edge: most edges are certain.
        List<string>? requirements = null;
        var permissions = steps.TryGetNonEnumeratedCount(out var count) ? ImmutableArray.CreateBuilder<EdgePermission>(count) : ImmutableArray.CreateBuilder<EdgePermission>();
        foreach (var step in steps)
        {
            switch (step.Decision)
            {
                case Allowed:
                    break;
                case Conditional conditional:
                    (requirements ??= []).AddRange(conditional.Requirements);
                    break;
                case Indeterminate indeterminate:
                    (requirements ??= []).Add($"Ward could not decide `{step.Permission}` on `{step.Resource}`: {indeterminate.Reason}");
                    break;
                default:
                    return null;
            }

            permissions.Add(new EdgePermission(step.Permission, step.Resource, PooledGrantedBy(step.Decision), []));
        }

        return new Edge(new PrincipalId(from), new PrincipalId(to), technique, Pooled(description), permissions.DrainToImmutable())
        {
            Requirements = requirements is null ? [] : [.. requirements.Distinct(StringComparer.Ordinal)],
            GrantsAdmin = grantsAdmin,
            AdminScope = adminScope,
        };
    }

    /// <summary>The binding that grants (or may grant) a permission, as the decision's explanation names it.</summary>
    public static string GrantedBy(Decision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return GrantingStatement(decision) is { } statement ? $"{statement.Policy}: {statement.Statement}" : decision.Explanation.Summary;
    }

    /// <summary>The statement of the binding that grants (or may grant) a permission, if the explanation names one.</summary>
    /// <remarks>Loops rather than queries: every edge's every step asks.</remarks>
    private static StatementMatch? GrantingStatement(Decision decision)
    {
        var layers = decision.Explanation.Layers;
        foreach (var layer in layers)
        {
            if (layer.Decisive && !layer.Statements.IsEmpty)
            {
                return layer.Statements[0];
            }
        }

        foreach (var layer in layers)
        {
            foreach (var statement in layer.Statements)
            {
                if (statement.Undecided)
                {
                    return statement;
                }
            }
        }

        return null;
    }

    /// <summary>How a service account is named in an edge's description: its email, and what it is when it is a default service account holding Editor.</summary>
    public string Describe(string serviceAccountEmail) =>
        DefaultAccountNote(serviceAccountEmail) is { } note ? $"`{serviceAccountEmail}` ({note})" : $"`{serviceAccountEmail}`";

    /// <summary>
    /// For a default service account that holds <c>roles/editor</c> on its project (Google grants it when the Compute
    /// Engine or App Engine API is enabled, unless an organization policy stops it): what it is; null otherwise.
    /// </summary>
    public string? DefaultAccountNote(string serviceAccountEmail)
    {
        if (GcpPrincipals.DefaultServiceAccount(serviceAccountEmail) is not { } known || FindProject(known.Project) is not { } project)
        {
            return null;
        }

        var policy = ResourceLocator.PolicyOf(Estate, project.Name);
        var editor = policy?.Bindings.Any(b => b.Role == "roles/editor" && b.Members.Any(m => m.Kind == MemberKind.ServiceAccount && !m.IsDeleted && string.Equals(m.Id, serviceAccountEmail, StringComparison.OrdinalIgnoreCase))) == true;
        return editor ? $"{known.Name} of `{project.ProjectId ?? project.RelativeName}`, which holds `roles/editor` there" : null;
    }

    private GcpResource? Locate(string text) => _resources.GetOrAdd(text, static (text, estate) => ResourceLocator.Locate(estate, text, out _), Estate);
}

/// <summary>One principal's non-denied answer.</summary>
public sealed record PrincipalDecision(string Principal, Member Member, Decision Decision);

/// <summary>One permission an edge relies on, with the evaluator's decision on it.</summary>
public sealed record EdgeStep(string Permission, string Resource, Decision Decision);
