using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Ward.Core.Collections;
using Ward.Core.Decisions;
using Ward.Gcp.Iam;
using Ward.Gcp.Policy.Conditions;

namespace Ward.Gcp.Policy.Evaluation;

/// <summary>
/// Decides Google Cloud IAM allow policies over an estate (docs/gcp/evaluation.md). Allow policies are a union over
/// the hierarchy: a principal may use a permission on a resource when some binding of the allow policy of the
/// resource, of a resource its name lies under, or of its project, folders or organization, grants a role that
/// includes the permission to a member that includes the principal, under a condition that holds. A role the export
/// does not describe (but for the few permissions Ward knows the basic roles by, <see cref="BasicRoles"/>), or a
/// hierarchy Ward does not fully know, makes the answer Indeterminate where it could change it; a condition Ward cannot decide, or a membership it does not know (a group), makes it Conditional. Deny
/// policies, then principal access boundaries (<see cref="PrincipalAccessBoundaries"/>), apply when exported; without
/// them an Allowed is an upper bound. Thread-safe.
/// </summary>
public sealed class GcpAuthorizer
{
    /// <summary>The sentence every Allowed and Conditional summary ends with when neither deny policies nor principal access boundaries were exported.</summary>
    public const string UpperBoundNote = "No deny policy and no principal access boundary policy binding was exported, so this is an upper bound.";

    /// <summary>The sentence that replaces <see cref="UpperBoundNote"/> when deny policies were exported.</summary>
    public const string BoundaryNote = "No principal access boundary policy binding was exported, so this is an upper bound.";

    /// <summary>The sentence that replaces <see cref="UpperBoundNote"/> when principal access boundaries were exported.</summary>
    public const string DenyNote = "No deny policy was exported, so this is an upper bound.";

    /// <summary>The sentence when both were exported.</summary>
    public const string AppliedNote = "Deny policies and principal access boundaries were applied as exported.";

    private readonly ConcurrentDictionary<string, IamCondition> _conditions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DenyPermission?> _denyPermissions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, FrozenSet<string>> _permissions = new(StringComparer.Ordinal);

    private readonly ShardedDictionary<(string Resource, string Permission), int[]> _deciding = new(OrdinalTupleComparer.Instance);
    private readonly ShardedDictionary<StatementKey, StatementMatch> _decisiveStatements = new(SameStatementKey.Instance);
    private readonly ConcurrentDictionary<string, string> _policyNames = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ImmutableArray<Member>> _serviceAccountCandidates = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<DenyRule, ConcurrentDictionary<string, bool>> _ruleDenies = new();
    private readonly ConditionalWeakTable<GcpResource, ConcurrentDictionary<string, Plan>> _plans = new();

    // Made once: every member of every binding a decision looks at is matched with it.
    private readonly Func<Member, Member, MemberMatch> _holdsBasicRole;

    public GcpAuthorizer(GcpEstate estate)
    {
        ArgumentNullException.ThrowIfNull(estate);
        Estate = estate;
        _holdsBasicRole = HoldsBasicRole;
    }

    public GcpEstate Estate { get; }

    /// <summary>What an Allowed or Conditional answer cannot account for.</summary>
    public string Note => (Estate.DenyPoliciesExported, Estate.PrincipalAccessBoundariesExported) switch
    {
        (false, false) => UpperBoundNote,
        (true, false) => BoundaryNote,
        (false, true) => DenyNote,
        _ => AppliedNote,
    };

    private PrincipalAccessBoundaries Boundaries => field ??= new PrincipalAccessBoundaries(Estate);

    /// <summary>The exported tags, which decide <c>resource.matchTag</c> and its kin.</summary>
    internal ResourceTagResolver Tags => field ??= new ResourceTagResolver(Estate);

    /// <summary>The exported group memberships, which decide <c>group:</c> members.</summary>
    private GroupMembers Groups => field ??= new GroupMembers(Estate);

    /// <summary>Deny policies by the full name of the organization, folder or project they are attached to (a project named by id is found by number too).</summary>
    private FrozenDictionary<string, ImmutableArray<DenyPolicy>> DenyPoliciesByAttachment =>
        field ??= Estate.DenyPolicies
            .GroupBy(p => Estate.FindNode(p.AttachmentPoint)?.Name ?? Estate.FindNode(ResourceNames.Relative(p.AttachmentPoint))?.Name ?? p.AttachmentPoint, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.ToImmutableArray(), StringComparer.Ordinal);

    public Decision Authorize(GcpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Authorize(request, KeptPlanFor(request.Resource, request.Permission));
    }

    /// <summary>A decision with what every decision on its permission and resource reads worked out already (who-can asks many principals).</summary>
    private Decision Authorize(GcpRequest request, Plan plan) => Authorize(request, plan, ConditionContextFor(request.Resource, request.AsOf, TagsFor(request)), skipDenials: false)!;

    /// <param name="request">The request.</param>
    /// <param name="plan">What every decision on its permission and resource reads.</param>
    /// <param name="context">What conditions read of the request (the same for every principal asked on a resource at a time, with its tags as exported).</param>
    /// <param name="skipDenials">Return null, without working out deny policies, boundaries and explanations, when no binding can allow (the answer can only be a denial).</param>
    private Decision? Authorize(GcpRequest request, Plan plan, ConditionContext context, bool skipDenials)
    {
        // Only bindings whose role may grant the permission decide.
        var results = new List<BindingResult>();
        foreach (var (holder, policy, deciding) in plan.Policies)
        {
            foreach (var i in deciding)
            {
                if (Evaluate(request, context, policy.Resource, inherited: holder >= request.Resource.OwnHolders, policy.Bindings[i], i) is { } result)
                {
                    results.Add(result);
                }
            }
        }

        // Without a binding that allows, may allow or cannot be decided, and with a known ancestry, the answer is a denial.
        if (skipDenials && request.Resource.AncestryGap is null && !results.Exists(r => r.Outcome != BindingOutcome.NoMatch))
        {
            return null;
        }

        return Decided(request, plan, context, results);
    }

    /// <summary>The decision on the bindings' results; apart, so that a request answered as a denial above does not pay for the captured state of the explanation.</summary>
    private Decision Decided(GcpRequest request, Plan plan, ConditionContext context, List<BindingResult> results) =>
        Boundaries.Apply(request, WithDenies(request, Decide(request, results, plan, context), Denies(request, context, plan)));

    /// <summary>The effective tags of a resource, as conditions on it see them (unknown, with why, where not exported).</summary>
    public ResourceTags TagsOf(GcpResource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return Tags.Of(resource);
    }

    /// <summary>
    /// A condition decided on a resource as a binding's condition is: its name, type, service and tags (an
    /// organization policy rule's condition, which tests the tags of the node it applies to).
    /// </summary>
    public ConditionResult Decide(IamCondition condition, GcpResource resource, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(resource);
        return condition.Evaluate(ConditionContextFor(resource, asOf));
    }

    private ConditionContext ConditionContextFor(GcpResource resource, DateTimeOffset asOf, ResourceTags? tags = null) => new()
    {
        RequestTime = asOf,
        ResourceName = resource.RelativeName,
        ResourceService = resource.Service,
        ResourceType = resource.Type,
        ResourceTypeUnknownBecause = resource.Type is null ? "no exported policy gives its asset type" : null,
        ResourceTags = tags ?? Tags.Of(resource),
    };

    /// <summary>The resource's tags as the request has them: as exported, or with a tag value supposed bound to it or its own binding of one supposed deleted.</summary>
    private ResourceTags TagsFor(GcpRequest request) =>
        request.SupposingTagValue is { } bound ? Tags.Supposing(request.Resource, bound)
        : request.SupposingTagRemoved is { } removed ? Tags.Removing(request.Resource, removed)
        : Tags.Of(request.Resource);

    /// <summary>
    /// What every decision on a permission and resource reads: the allow policies reaching the resource (by their
    /// place among its policy holders) with the bindings whose role may grant the permission, the containers whose
    /// policy was not exported, and the deny rules attached above it that cover the permission.
    /// </summary>
    private sealed record Plan(List<(int Holder, IamPolicy Policy, int[] Deciding)> Policies, List<string> Missing, List<(DenyPolicy Policy, int Index, string Holder)> DenyRules);

    /// <summary>
    /// <see cref="PlanFor"/>, kept with the resource (as long as it lives) for the decisions asked one principal at a
    /// time: edges ask about every holder of a project's permissions, each on the same few projects.
    /// </summary>
    private Plan KeptPlanFor(GcpResource resource, string permission) =>
        _plans.GetValue(resource, static _ => new ConcurrentDictionary<string, Plan>(StringComparer.Ordinal))
            .GetOrAdd(permission, static (permission, state) => state.Authorizer.PlanFor(state.Resource, permission), (Authorizer: this, Resource: resource));

    private Plan PlanFor(GcpResource resource, string permission)
    {
        var policies = new List<(int, IamPolicy, int[])>();
        var missing = new List<string>();
        var denyRules = new List<(DenyPolicy, int, string)>();
        for (var h = 0; h < resource.PolicyHolders.Length; h++)
        {
            var holder = resource.PolicyHolders[h];
            foreach (var denyPolicy in DenyPoliciesByAttachment.GetValueOrDefault(holder, []))
            {
                for (var i = 0; i < denyPolicy.Rules.Length; i++)
                {
                    if (RuleDenies(denyPolicy.Rules[i], permission))
                    {
                        denyRules.Add((denyPolicy, i, holder));
                    }
                }
            }

            if (ResourceLocator.PolicyOf(Estate, holder) is { } policy)
            {
                policies.Add((h, policy, Deciding(policy, permission)));
            }
            else if (ResourceNames.ContainerKind(holder) is not null)
            {
                missing.Add(ResourceNames.Relative(holder));
            }
        }

        return new Plan(policies, missing, denyRules);
    }

    /// <summary>Every binding of the policies reaching the resource that names (or may include) the principal, with its outcome: an explanation lists them.</summary>
    private List<BindingResult> EveryBinding(GcpRequest request, ConditionContext context, Plan plan)
    {
        var results = new List<BindingResult>();
        foreach (var (holder, policy, _) in plan.Policies)
        {
            for (var i = 0; i < policy.Bindings.Length; i++)
            {
                if (Evaluate(request, context, policy.Resource, inherited: holder >= request.Resource.OwnHolders, policy.Bindings[i], i) is { } result)
                {
                    results.Add(result);
                }
            }
        }

        return results;
    }

    /// <summary>The indexes of a policy's bindings whose role may grant the permission; worked out once per policy and permission.</summary>
    private int[] Deciding(IamPolicy policy, string permission) =>
        _deciding.GetOrAdd((policy.Resource, permission), static (key, state) =>
        {
            var (authorizer, bindings) = state;
            var indexes = Enumerable.Range(0, bindings.Length).Where(i => authorizer.MayGrant(bindings[i].Role, key.Permission)).ToArray();
            return indexes.Length == 0 ? [] : indexes;
        }, (this, policy.Bindings));

    /// <summary>
    /// Whether a binding of the role can change a decision on the permission: its role includes it, or is not
    /// described and, for a basic role, its name does not exclude it.
    /// </summary>
    private bool MayGrant(string role, string permission) =>
        Estate.FindRole(role) is { PermissionsKnown: true } described ? PermissionsOf(described).Contains(permission) : BasicRoles.Decide(role, permission) is not { Includes: false };

    /// <summary>A role's permissions as a set: Owner and Editor hold thousands, and every decision asks.</summary>
    private FrozenSet<string> PermissionsOf(Role role) => _permissions.GetOrAdd(role.Name, static (_, described) => described.IncludedPermissions.ToFrozenSet(StringComparer.Ordinal), role);

    /// <summary>
    /// The deny rules of the policies attached to the resource's project, folders and organization that cover the
    /// permission and the principal: certain ones, and those that apply only if a membership, an exception or a
    /// condition Ward cannot decide goes their way.
    /// </summary>
    private List<DenyResult>? Denies(GcpRequest request, ConditionContext context, Plan plan)
    {
        List<DenyResult>? denies = null;
        foreach (var (policy, i, holder) in plan.DenyRules)
        {
            if (DenyRuleApplies(request, context, policy.Rules[i], out var held) is { } unless)
            {
                (denies ??= []).Add(new DenyResult(policy, i, holder, unless, held));
            }
        }

        return denies;
    }

    /// <summary>Null when the rule does not cover the request; otherwise what must hold for it to apply (empty: it applies).</summary>
    /// <param name="request">The request.</param>
    /// <param name="context">What its denial condition may ask.</param>
    /// <param name="rule">The deny rule.</param>
    /// <param name="held">When the rule's denial condition holds: on what it was decided (the tags it asked about), else null.</param>
    private List<string>? DenyRuleApplies(GcpRequest request, ConditionContext context, DenyRule rule, out string? held)
    {
        held = null;
        if (!RuleDenies(rule, request.Permission))
        {
            return null;
        }

        // The first denied principal that includes the caller for certain, else the first that may.
        var denied = MemberMatch.No;
        foreach (var deniedPrincipal in rule.DeniedPrincipals)
        {
            var match = DenyPrincipals.Match(deniedPrincipal, request.Principal, Groups, Estate);
            if (match.Kind > denied.Kind)
            {
                denied = match;
                if (match.Kind == MemberMatchKind.Yes)
                {
                    break;
                }
            }
        }

        if (denied.Kind == MemberMatchKind.No)
        {
            return null;
        }

        var parts = new List<string>();
        if (denied.Kind == MemberMatchKind.Possibly)
        {
            parts.Add(denied.Requirement!);
        }

        foreach (var exceptionPrincipal in rule.ExceptionPrincipals)
        {
            var exception = DenyPrincipals.Match(exceptionPrincipal, request.Principal, Groups, Estate);
            switch (exception.Kind)
            {
                case MemberMatchKind.Yes:
                    return null;
                case MemberMatchKind.Possibly:
                    parts.Add($"not ({exception.Requirement}, which would make it an exception)");
                    break;
            }
        }

        if (rule.DenialCondition is { } condition)
        {
            var evaluated = Condition(condition.Expression).Evaluate(context);
            switch (evaluated.Truth)
            {
                case ConditionTruth.False:
                    return null;
                case ConditionTruth.Undecided:
                    parts.Add($"its denial condition {Quote(condition)} holds ({string.Join("; ", evaluated.Undecided)})");
                    break;
                default:
                    held = $"its denial condition {Quote(condition)} holds{(evaluated.Facts.IsEmpty ? string.Empty : $": {string.Join("; ", evaluated.Facts)}")}";
                    break;
            }
        }

        return parts;
    }

    /// <summary>Deny rules win over every allow: a certain one denies; one that may apply makes an allow conditional on it not applying.</summary>
    private static Decision WithDenies(GcpRequest request, Decision allow, List<DenyResult>? denies) =>
        denies is null || denies.Count == 0 ? allow : Denied(request, allow, denies);

    /// <summary><see cref="WithDenies"/> where some rule may deny; apart, so that the common case does not pay for the explanations' captured state.</summary>
    private static Decision Denied(GcpRequest request, Decision allow, List<DenyResult> denies)
    {
        var layers = denies.Select(d => new LayerEvaluation(
            $"deny policy {d.Policy.Id} attached to {Short(d.Holder)}",
            d.Policy.AttachmentPoint,
            d.Unless.Count == 0 ? LayerOutcome.Denies : LayerOutcome.Undecided,
            [new StatementMatch($"deny policy {d.Policy.Id}", $"rules[{d.Index}]: denies `{request.Permission}` to `{request.Principal.Text}`{(d.Unless.Count == 0 ? string.Empty : " if " + string.Join(" and ", d.Unless))}{(d.Held is { } held ? $" ({held})" : string.Empty)}", StatementEffect.Deny, d.Policy.Rules[d.Index].DenialCondition is { } c ? [c.Expression] : []) { Undecided = d.Unless.Count > 0 }])
        { Decisive = d.Unless.Count == 0 }).ToList();
        if (denies.Find(d => d.Unless.Count == 0) is { } certain)
        {
            return new ExplicitDeny(() => new Explanation(
                $"Explicitly denied: rule {certain.Index} of deny policy `{certain.Policy.Name}` (attached to `{Short(certain.Holder)}`) denies `{request.Permission}` to `{request.Principal.Text}`{(certain.Held is { } why ? $" ({why})" : string.Empty)}; a deny policy wins over every allow policy.",
                [.. layers, .. allow.Explanation.Layers]));
        }

        if (allow.Kind is not (DecisionKind.Allowed or DecisionKind.Conditional))
        {
            return allow;
        }

        var unless = denies.Select(d => $"rule {d.Index} of deny policy `{d.Policy.Id}` does not apply (it does if {string.Join(" and ", d.Unless)})").ToList();
        var requirements = allow is Conditional c ? [.. c.Requirements, .. unless] : unless;
        return new Conditional([.. requirements], allow.Kind == DecisionKind.Allowed ? DecisionKind.ExplicitDeny : DecisionKind.ImplicitDeny, new Explanation(
            $"Allowed only if {string.Join(" and ", unless)}: {allow.Explanation.Summary}",
            [.. layers, .. allow.Explanation.Layers]));
    }

    private sealed record DenyResult(DenyPolicy Policy, int Index, string Holder, List<string> Unless, string? Held);

    /// <summary>
    /// Every principal a binding reaching the resource names (and the holders of a project's basic role, for
    /// <c>projectOwner:</c> and its kin), with its decision; denied ones only when <paramref name="all"/>. A group or
    /// principal set is answered for itself; the members of a group whose memberships were exported are listed too.
    /// </summary>
    public ImmutableArray<GcpAccessAnswer> WhoCan(string permission, GcpResource resource, DateTimeOffset asOf, bool all)
    {
        ArgumentNullException.ThrowIfNull(permission);
        ArgumentNullException.ThrowIfNull(resource);
        var plan = PlanFor(resource, permission);
        return [.. Candidates(resource, all ? null : MayBeIncluded(resource, plan), inFirstMetOrder: true)
            .Select(m => new GcpAccessAnswer(m, Authorize(new GcpRequest { Principal = m, Permission = permission, Resource = resource, AsOf = asOf, CountPossibleMemberships = false }, plan)))
            .Where(a => all || a.Decision.Kind != DecisionKind.ImplicitDeny)];
    }

    /// <summary>
    /// For a what-can grant: the permissions of its role that deny rules refuse the principal, from the deny policies
    /// attached at the grant's resource or above it (decided on that resource: they cover wherever the grant applies)
    /// and below it (decided on the container they are attached to: they cover part of it).
    /// </summary>
    private ImmutableArray<GcpDenial> DenialsOf(Member principal, string resourceName, ImmutableArray<string> permissions, DateTimeOffset asOf)
    {
        if (permissions.IsEmpty || DenyPoliciesByAttachment.Count == 0 || ResourceLocator.Locate(Estate, resourceName, out _) is not { } resource)
        {
            return [];
        }

        var relative = ResourceNames.Relative(resourceName);
        var denials = ImmutableArray.CreateBuilder<GcpDenial>();
        foreach (var (attachment, policies) in DenyPoliciesByAttachment.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var covering = resource.PolicyHolders.Contains(attachment, StringComparer.Ordinal);
            var target = covering ? resource
                : Estate.FindNode(attachment) is { } node && node.Ancestors.Skip(1).Contains(relative, StringComparer.Ordinal) ? ResourceLocator.Locate(Estate, attachment, out _)
                : null;
            if (target is null)
            {
                continue;
            }

            var context = ConditionContextFor(target, asOf);
            foreach (var policy in policies)
            {
                for (var i = 0; i < policy.Rules.Length; i++)
                {
                    foreach (var permission in permissions.Where(p => RuleDenies(policy.Rules[i], p)))
                    {
                        var request = new GcpRequest { Principal = principal, Permission = permission, Resource = target, AsOf = asOf };
                        if (DenyRuleApplies(request, context, policy.Rules[i], out _) is { } unless)
                        {
                            denials.Add(new GcpDenial(permission, policy.Name, i, covering ? null : ResourceNames.Relative(attachment), unless.Count == 0 ? null : string.Join(" and ", unless)));
                        }
                    }
                }
            }
        }

        return denials.ToImmutable();
    }

    /// <summary>For a what-can grant: the permissions of its role that principal access boundaries block on the grant's resource.</summary>
    private ImmutableArray<GcpBoundaryBlock> BlocksOf(Member principal, string resourceName, ImmutableArray<string> permissions, DateTimeOffset asOf)
    {
        if (permissions.IsEmpty || Estate.PolicyBindings.IsEmpty || ResourceLocator.Locate(Estate, resourceName, out _) is not { } resource)
        {
            return [];
        }

        var blocks = ImmutableArray.CreateBuilder<GcpBoundaryBlock>();
        var granted = new Allowed(Explanation.Of("the binding grants it"));
        foreach (var permission in permissions)
        {
            var request = new GcpRequest { Principal = principal, Permission = permission, Resource = resource, AsOf = asOf };
            switch (Boundaries.Apply(request, granted))
            {
                case ImplicitDeny:
                    blocks.Add(new GcpBoundaryBlock(permission, null));
                    break;
                case Conditional conditional:
                    blocks.Add(new GcpBoundaryBlock(permission, string.Join(" and ", conditional.Requirements)));
                    break;
            }
        }

        return blocks.ToImmutable();
    }

    /// <summary>
    /// As <see cref="WhoCan"/> without <c>all</c>, keeping only the principals that may be allowed (allowed, conditional
    /// or undecided): a candidate whose answer can only be a denial is dropped before deny policies, boundaries and
    /// explanations are worked out. Analyses ask it for every service account of an organization, and order the
    /// answers themselves: these may come in another order than <see cref="WhoCan"/>'s. An allow is explained by its
    /// deciding binding only (<see cref="GcpRequest.DecisiveBindingOnly"/>).
    /// </summary>
    /// <param name="permission">The permission.</param>
    /// <param name="resource">The resource.</param>
    /// <param name="asOf">The reference time.</param>
    /// <param name="serviceAccountsOnly">Ask about service accounts and the public and domain members that may stand for them only.</param>
    internal ImmutableArray<GcpAccessAnswer> WhoMayBeAllowed(string permission, GcpResource resource, DateTimeOffset asOf, bool serviceAccountsOnly = false)
    {
        var plan = PlanFor(resource, permission);
        return MayBeAllowed(Candidates(resource, MayBeIncluded(resource, plan, denialsDropped: true), serviceAccountsOnly), permission, resource, asOf, plan);
    }

    /// <summary>
    /// For principals that a public or domain member allowed the permission on the resource includes: whether that
    /// allow stands for the principal, as no deny rule above the resource may refuse it and no principal access
    /// boundary is bound (then the member's binding allows it too, without asking about every binding again).
    /// </summary>
    internal Func<Member, bool> AllowStandsFor(string permission, GcpResource resource, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (!Estate.PolicyBindings.IsEmpty)
        {
            return static _ => false;
        }

        var plan = PlanFor(resource, permission);
        if (plan.DenyRules.Count == 0)
        {
            return static _ => true;
        }

        var context = ConditionContextFor(resource, asOf);
        return principal => Denies(new GcpRequest { Principal = principal, Permission = permission, Resource = resource, AsOf = asOf, CountPossibleMemberships = false }, context, plan) is null;
    }

    /// <summary>As <see cref="WhoMayBeAllowed"/>, for the given members only.</summary>
    internal ImmutableArray<GcpAccessAnswer> WhoMayBeAllowedAmong(IEnumerable<Member> members, string permission, GcpResource resource, DateTimeOffset asOf) =>
        MayBeAllowed(members, permission, resource, asOf, PlanFor(resource, permission));

    /// <summary>
    /// For a resource with an allow policy of its own whose bindings that may grant the permission name users, service
    /// accounts and groups only: the resource as it would be without that policy (its who-can answer is the one its
    /// siblings share, under the key given, <see cref="SharedAnswerKey"/>) and the members the policy names, with the exported members of its
    /// groups. The answer for anyone else is the same with or without the policy, which does not reach them. Null when
    /// such a binding names a domain, a public, pool or basic-role member or a deleted one (which may stand for anyone),
    /// or when the answer without the policy may not be shared.
    /// </summary>
    internal (GcpResource Without, string Key, ImmutableArray<Member> Named)? OwnPolicyOverShared(string permission, GcpResource resource, DateTimeOffset? asOf = null)
    {
        ArgumentNullException.ThrowIfNull(resource);
        // The resource's own policies (under any of its names, or of a resource its name lies under): those not of a container.
        // A loop: every account asks for every permission, and most have none.
        List<IamPolicy>? own = null;
        foreach (var holder in resource.PolicyHolders)
        {
            if (ResourceNames.ContainerKind(holder) is null && ResourceLocator.PolicyOf(Estate, holder) is { } policy)
            {
                (own ??= []).Add(policy);
            }
        }

        if (own is null)
        {
            return null;
        }

        var named = new List<Member>();
        foreach (var policy in own)
        {
            foreach (var i in Deciding(policy, permission))
            {
                foreach (var member in policy.Bindings[i].Members)
                {
                    // A group stands for itself and for its exported members (who-can counts no possible membership).
                    var members = member.Kind == MemberKind.Group ? [member, .. Groups.TransitiveMembers(member.Id)] : new List<Member> { member };
                    if (members.Exists(m => m.IsDeleted || m.Kind is not (MemberKind.User or MemberKind.ServiceAccount or MemberKind.Group)))
                    {
                        return null;
                    }

                    named.AddRange(members);
                }
            }
        }

        var without = resource with { PolicyHolders = [.. resource.PolicyHolders.Where(h => ResourceNames.ContainerKind(h) is not null)], OwnHolders = 0 };
        return SharedAnswerKey(permission, without, asOf) is { } key ? (without, key, [.. named.Distinct()]) : null;
    }

    /// <summary>
    /// Whether a binding's member includes a principal, as the evaluator matches members: null when it does not, empty
    /// when it does (by name or a known membership), else what must hold (a membership Ward does not know).
    /// </summary>
    public string? MemberInclusion(Member bound, Member principal)
    {
        ArgumentNullException.ThrowIfNull(bound);
        ArgumentNullException.ThrowIfNull(principal);
        var match = MemberMatcher.Match(bound, principal, _holdsBasicRole, Groups, Estate);
        return match.Kind switch
        {
            MemberMatchKind.No => null,
            MemberMatchKind.Yes => string.Empty,
            _ => match.Requirement ?? string.Empty,
        };
    }

    /// <summary>
    /// The domains and principal sets bound in the allow policies that include, or may include, the principal: members
    /// standing for principals that no binding names one by one (the accounts of a domain, the identities of a pool),
    /// and, for a Kubernetes service account, the members naming it in its other form.
    /// </summary>
    public IEnumerable<Member> SetsThatMayInclude(Member principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var kubernetes = KubernetesMembers.IsAccount(principal);
        return Estate.Policies
            .SelectMany(p => p.Bindings)
            .SelectMany(b => b.Members)
            .Where(m => m.Kind is MemberKind.Domain or MemberKind.PrincipalSet || (kubernetes && KubernetesMembers.IsAccount(m)))
            .Distinct()
            .Where(m => MemberMatcher.Match(m, principal, _holdsBasicRole, Groups, Estate).Kind != MemberMatchKind.No);
    }

    /// <summary>The public and domain members of the policies that apply to the resource: those that may stand for other principals.</summary>
    /// <remarks>Filtered before duplicates are dropped (the same members, in the same order): most policies name none, and then no set of seen members is built.</remarks>
    internal IEnumerable<Member> StandingForOthers(GcpResource resource) =>
        ServiceAccountCandidatesOf(resource).Where(m => m.Kind is MemberKind.AllUsers or MemberKind.AllAuthenticatedUsers or MemberKind.Domain).Distinct();

    private ImmutableArray<GcpAccessAnswer> MayBeAllowed(IEnumerable<Member> members, string permission, GcpResource resource, DateTimeOffset asOf, Plan plan)
    {
        var answers = ImmutableArray.CreateBuilder<GcpAccessAnswer>();
        // One context for every member: the requests differ in their principal only.
        var context = ConditionContextFor(resource, asOf);
        foreach (var member in members)
        {
            var request = new GcpRequest { Principal = member, Permission = permission, Resource = resource, AsOf = asOf, CountPossibleMemberships = false, DecisiveBindingOnly = true };
            if (Authorize(request, plan, context, skipDenials: true) is { Kind: not (DecisionKind.ImplicitDeny or DecisionKind.ExplicitDeny) } decision)
            {
                answers.Add(new GcpAccessAnswer(member, decision));
            }
        }

        return answers.ToImmutable();
    }

    /// <summary>
    /// Every binding, in every exported allow policy, whose member includes the principal (by name, domain,
    /// <c>allUsers</c>, a basic-role convenience member, or possibly a group): the resource it is attached to (and
    /// so everything below), the role and its permissions, and what must hold for it to apply. Ordered by resource,
    /// then role. Deny policies are not applied here: <c>can</c> on a permission and resource applies them.
    /// </summary>
    public ImmutableArray<GcpGrant> WhatCan(Member principal, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var grants = ImmutableArray.CreateBuilder<GcpGrant>();
        var request = new GcpRequest
        {
            Principal = principal,
            Permission = string.Empty,
            Resource = new GcpResource { Name = string.Empty, RelativeName = string.Empty, Service = string.Empty, PolicyHolders = [] },
            AsOf = asOf,
        };
        // Only bounds on the time are decided: the resources below a policy differ in name and type, so conditions on those
        // stay open, as do windows of hours or days, which IAM decides per request.
        const string EveryResource = "what-can covers every resource below the policy";
        var context = new ConditionContext { RequestTime = asOf, ResourceTypeUnknownBecause = EveryResource, ResourceTags = ResourceTags.Unknown(string.Empty, EveryResource) };
        foreach (var policy in Estate.Policies.OrderBy(p => p.Resource, StringComparer.Ordinal))
        {
            foreach (var binding in policy.Bindings.OrderBy(b => b.Role, StringComparer.Ordinal))
            {
                var (member, match) = BestMember(binding, request);
                if (member is null)
                {
                    continue;
                }

                var role = Estate.FindRole(binding.Role);
                var condition = binding.Condition;
                var evaluated = condition is null ? ConditionResult.True : Condition(condition.Expression).Evaluate(context);
                var truth = evaluated.Truth;

                // A condition that does not hold says more than the role: the binding grants nothing, whatever the role holds.
                string? problem = condition is not null && truth == ConditionTruth.False ? $"its condition {Quote(condition)} does not hold at {Time(asOf)}" : role switch
                {
                    null => $"role `{binding.Role}` is not in the roles export: what it grants is unknown{KnownByName(binding.Role)}",
                    { PermissionsKnown: false } => $"role `{binding.Role}` was exported without its permissions: what it grants is unknown{KnownByName(binding.Role)}",
                    { GrantsPermissions: false } => $"role `{binding.Role}` is {(role.Deleted ? "deleted" : "disabled")}: it grants nothing",
                    _ => null,
                };
                string? requirement = match.Requirement;
                if (problem is null && condition is not null && truth == ConditionTruth.Undecided)
                {
                    // A window of hours or days: whether the reference time falls in it.
                    var atReference = evaluated.HoldsAtReferenceTime is { } holds ? $" (at the reference time {Time(asOf)} it {(holds ? "holds" : "does not hold")})" : string.Empty;
                    var held = $"the condition {Quote(condition)} holds{atReference}";
                    requirement = requirement is null ? held : $"{requirement} and {held}";
                }

                var permissions = role is { PermissionsKnown: true } ? role.IncludedPermissions : [];
                grants.Add(new GcpGrant(policy.Resource, binding.Role, member.Text, match.How, requirement, permissions, problem)
                {
                    Denials = problem is null ? DenialsOf(principal, policy.Resource, permissions, asOf) : [],
                    Blocks = problem is null ? BlocksOf(principal, policy.Resource, permissions, asOf) : [],
                });
            }
        }

        return grants.ToImmutable();
    }

    /// <summary>What a what-can grant of an undescribed basic role adds: that <c>can</c> knows some of its permissions by name.</summary>
    private static string KnownByName(string role) =>
        BasicRoles.IsBasic(role) ? " but in part (a basic role: `ward can` decides the few permissions Ward knows it by name to include or not)" : string.Empty;

    /// <summary>
    /// A cheap test that lets through every principal that may be allowed, conditionally allowed, undecided or
    /// denied by a deny rule: one named by a binding whose role may grant the permission, or a member of such a
    /// binding's group. Only a binding to a wider set (a domain, the public, a pool set, a basic role's holders), a
    /// deny rule that may cover the permission (unless <paramref name="denialsDropped"/>: a deny rule never allows),
    /// or an ancestry Ward does not know lets every principal through. Each decision is about a handful of bindings
    /// among hundreds, so most principals need not be asked.
    /// </summary>
    private Inclusion? MayBeIncluded(GcpResource resource, Plan plan, bool denialsDropped = false)
    {
        if (resource.AncestryGap is not null || (plan.DenyRules.Count > 0 && !denialsDropped))
        {
            return null;
        }

        var inclusion = new Inclusion(Groups);
        foreach (var (_, policy, deciding) in plan.Policies)
        {
            foreach (var i in deciding)
            {
                foreach (var member in policy.Bindings[i].Members)
                {
                    switch (member.Kind)
                    {
                        // A Kubernetes service account is named in two forms: either may include the other.
                        case MemberKind.ServiceAccount or MemberKind.Principal when KubernetesMembers.IsAccount(member):
                            return null;
                        case MemberKind.User or MemberKind.ServiceAccount or MemberKind.Principal or MemberKind.Unknown:
                            inclusion.Named.Add(member);
                            break;
                        case MemberKind.Group:
                            inclusion.Named.Add(member);
                            if (!member.IsDeleted)
                            {
                                inclusion.Groups.Add(member.Id);
                            }

                            inclusion.EmailGroups.Add(member.Id);
                            break;
                        default:
                            return null;
                    }
                }
            }
        }

        return inclusion;
    }

    /// <summary>
    /// The principals a decision may include: those named by a deciding binding, and the members of its groups (by
    /// email, looked up in each group's expansion rather than copied: a group of the organization may have thousands).
    /// </summary>
    private sealed class Inclusion(GroupMembers groupMembers)
    {
        public HashSet<Member> Named { get; } = [];

        /// <summary>The groups among <see cref="Named"/> (deleted ones too: their memberships may still be exported), by email.</summary>
        public HashSet<string> EmailGroups { get; } = new(StringComparer.OrdinalIgnoreCase);

        /// <summary>The groups among <see cref="Named"/> (not deleted ones), by email.</summary>
        public HashSet<string> Groups { get; } = new(StringComparer.OrdinalIgnoreCase);

        public bool Includes(Member member)
        {
            if (Named.Contains(member))
            {
                return true;
            }

            if (member.HasEmailId)
            {
                // A loop, not Any: who-can asks this of every candidate, and a lambda would capture the member each time.
                foreach (var group in EmailGroups)
                {
                    if (groupMembers.HasMemberEmail(group, member.Id))
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }

    /// <summary>
    /// A key under which who-can answers on the permission may be shared by every resource with the same allow policies
    /// above it and of the same type (the service accounts of a project): null when an answer may depend on the
    /// resource itself, through a policy of its own, a condition that reads the resource on a binding that may grant the
    /// permission or on a deny rule that may deny it, a principal access boundary that may apply, or an ancestry Ward
    /// does not know.
    /// </summary>
    /// <remarks>
    /// With the reference time, a condition that reads the resource does not stop the sharing where it comes out true or
    /// false on it without a fact about it (a name prefix, a type): the resources on which it comes out the same share
    /// answers, its outcome being part of the key.
    /// </remarks>
    public string? SharedAnswerKey(string permission, GcpResource resource, DateTimeOffset? asOf = null)
    {
        var key = new StringBuilder();
        return TryWriteSharedAnswerKey(permission, resource, asOf, key) ? key.ToString() : null;
    }

    /// <summary>
    /// <see cref="SharedAnswerKey"/> written into a buffer (cleared first), so that an answer already shared can be
    /// found without making the key a string; false where there is no key.
    /// </summary>
    internal bool TryWriteSharedAnswerKey(string permission, GcpResource resource, DateTimeOffset? asOf, StringBuilder key)
    {
        ArgumentNullException.ThrowIfNull(permission);
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(key);
        key.Clear();
        if (resource.AncestryGap is not null || !Estate.PolicyBindings.IsEmpty || MayBeDeniedByWhatItIs(permission, resource))
        {
            return false;
        }

        key.Append(permission).Append('\n').Append(resource.Type).Append('\n').Append(resource.Service);
        foreach (var holder in resource.PolicyHolders)
        {
            if (ResourceLocator.PolicyOf(Estate, holder) is not { } policy)
            {
                // A container without a policy is named in refusals; a resource without one changes nothing.
                if (ResourceNames.ContainerKind(holder) is not null)
                {
                    key.Append("\nno policy: ").Append(holder);
                }

                continue;
            }

            if (string.Equals(holder, resource.Name, StringComparison.Ordinal))
            {
                return false;
            }

            key.Append('\n').Append(policy.Resource);
            foreach (var i in Deciding(policy, permission))
            {
                if (policy.Bindings[i].Condition is not { } condition || !ReadsTheResource(condition))
                {
                    continue;
                }

                if (asOf is not { } time || Decide(Condition(condition.Expression), resource, time) is not { Truth: ConditionTruth.True or ConditionTruth.False, Facts.IsEmpty: true } outcome)
                {
                    return false;
                }

                key.Append("\nbindings[").Append(i).Append("] ").Append(outcome.Truth.ToString());
            }
        }

        return true;
    }

    /// <summary>
    /// Whether a condition may read something of the resource (its name, type, service or tags): one that reads only
    /// the request's time, or what Ward leaves undecided whatever the resource, answers alike for every resource.
    /// </summary>
    private static bool ReadsTheResource(BindingCondition condition) => condition.Expression.Contains("resource", StringComparison.Ordinal);

    /// <summary>
    /// Whether a deny rule attached above the resource names the permission under a condition that may read the
    /// resource: the rules without one deny alike on every resource below the same containers.
    /// </summary>
    private bool MayBeDeniedByWhatItIs(string permission, GcpResource resource) =>
        DenyPoliciesByAttachment.Count > 0 && resource.PolicyHolders.Any(holder => DenyPoliciesByAttachment.GetValueOrDefault(holder, [])
            .Any(policy => policy.Rules.Any(rule => rule.DenialCondition is { } condition && ReadsTheResource(condition) && RuleDenies(rule, permission))));

    /// <summary>
    /// The principals who-can asks about: every member of the bindings reaching the resource, the holders of a basic
    /// role a <c>projectOwner:</c>-like member stands for, and the members of exported groups; only those
    /// <paramref name="inclusion"/> lets through when given. With <paramref name="serviceAccountsOnly"/>, only service
    /// accounts and the public and domain members that may stand for them, from a list kept for every resource below
    /// the same policies (analyses ask it for every account).
    /// </summary>
    /// <param name="resource">The resource.</param>
    /// <param name="inclusion">Which principals a decision may include; null: all.</param>
    /// <param name="serviceAccountsOnly">Service accounts and the members that may stand for them only.</param>
    /// <param name="inFirstMetOrder">
    /// In the order the bindings and groups first name them, every candidate the inclusion lets through (as
    /// <c>who-can</c> lists them, denials included). Otherwise, with an inclusion, only the members of its groups are
    /// walked (a member of another group is let through only by an email that is also a member's of one of these, and
    /// can only be denied unless it is), which may list them in another order.
    /// </param>
    private IEnumerable<Member> Candidates(GcpResource resource, Inclusion? inclusion, bool serviceAccountsOnly = false, bool inFirstMetOrder = false)
    {
        if (inclusion is not null && !inFirstMetOrder)
        {
            // A member of the inclusion's groups is one of their memberships: let through without looking it up.
            Func<Member, bool> asked = serviceAccountsOnly ? AskedForServiceAccounts : _ => true;
            return EveryCandidate(resource, groups: [])
                .Where(m => asked(m) && inclusion.Includes(m))
                .Concat(inclusion.Groups.SelectMany(Groups.TransitiveMembers).Where(asked))
                .Distinct();
        }

        if (serviceAccountsOnly)
        {
            return ServiceAccountCandidatesOf(resource).Distinct();
        }

        var candidates = EveryCandidate(resource, groups: null);
        return (inclusion is null ? candidates : candidates.Where(inclusion.Includes)).Distinct();
    }

    /// <summary>The service accounts, and the public and domain members that may stand for them, of the policies reaching the resource, policy by policy (with repeats).</summary>
    private IEnumerable<Member> ServiceAccountCandidatesOf(GcpResource resource) =>
        resource.PolicyHolders
            .Select(h => ResourceLocator.PolicyOf(Estate, h))
            .OfType<IamPolicy>()
            .SelectMany(policy => _serviceAccountCandidates.GetOrAdd(policy.Resource, static (_, state) => state.Authorizer.ServiceAccountCandidates(state.Policy), (Authorizer: this, Policy: policy)));

    /// <summary>
    /// The service accounts, and the public and domain members that may stand for them, among one policy's candidates
    /// (as <c>EveryCandidate</c> lists them); kept per policy, since every account below it asks.
    /// </summary>
    private ImmutableArray<Member> ServiceAccountCandidates(IamPolicy policy) =>
        [.. EveryCandidate([policy], groups: null).Where(AskedForServiceAccounts).Distinct()];

    /// <summary>A service account, or a public or domain member that may stand for one (and so leave it out of an answer).</summary>
    private static bool AskedForServiceAccounts(Member member) => member.Kind is MemberKind.ServiceAccount or MemberKind.AllUsers or MemberKind.AllAuthenticatedUsers or MemberKind.Domain;

    private IEnumerable<Member> EveryCandidate(GcpResource resource, IEnumerable<string>? groups) =>
        EveryCandidate(resource.PolicyHolders.Select(h => ResourceLocator.PolicyOf(Estate, h)).OfType<IamPolicy>(), groups);

    /// <param name="policies">The allow policies reaching the resource.</param>
    /// <param name="groups">The groups whose members to ask about; null: every group a binding names.</param>
    private IEnumerable<Member> EveryCandidate(IEnumerable<IamPolicy> policies, IEnumerable<string>? groups)
    {
        var members = policies
            .SelectMany(p => p.Bindings)
            .SelectMany(b => b.Members)
            .Where(m => !m.IsDeleted && m.Kind != MemberKind.Unknown)
            .ToList();
        var basicRoleHolders = members
            .Where(m => BasicRoleOf(m.Kind) is not null)
            .SelectMany(m => BasicRoleBindings(m).SelectMany(b => b.Binding.Members))
            .Where(m => !m.IsDeleted && m.Kind != MemberKind.Unknown);
        // Members of groups whose memberships were exported are asked about one by one too.
        groups ??= members.Where(m => m.Kind == MemberKind.Group).Select(m => m.Id);
        return members.Concat(basicRoleHolders).Concat(groups.SelectMany(Groups.TransitiveMembers));
    }

    private IamCondition Condition(string expression) => _conditions.GetOrAdd(expression, IamCondition.Parse);

    /// <summary>Whether one of a deny rule's permissions covers the permission; each text is parsed once per authorizer.</summary>
    private bool Covers(IEnumerable<string> permissions, string permission) =>
        permissions.Any(p => _denyPermissions.GetOrAdd(p, text => DenyPermission.TryParse(text, out var parsed) ? parsed : null) is { } parsed && parsed.Covers(permission));

    /// <summary>Whether a deny rule's permissions cover the permission and its exception permissions do not; once per rule and permission.</summary>
    private bool RuleDenies(DenyRule rule, string permission) =>
        _ruleDenies.GetValue(rule, static _ => new ConcurrentDictionary<string, bool>(StringComparer.Ordinal))
            .GetOrAdd(permission, static (asked, state) => state.Authorizer.Covers(state.Rule.DeniedPermissions, asked) && !state.Authorizer.Covers(state.Rule.ExceptionPermissions, asked), (Authorizer: this, Rule: rule));

    private BindingResult? Evaluate(GcpRequest request, ConditionContext context, string holder, bool inherited, Binding binding, int index)
    {
        var (member, match) = BestMember(binding, request);
        if (member is null)
        {
            return null;
        }

        var permission = request.Permission;
        var result = new BindingResult { Holder = holder, Inherited = inherited, Binding = binding, Index = index, Member = member, Match = match };
        var onlyIf = match.Requirement is { } membership ? $" (and the binding applies only if {membership})" : string.Empty;
        var role = Estate.FindRole(binding.Role);

        // A binding whose condition is false grants nothing, whatever its role: what an undescribed role holds cannot matter then.
        if (role is not { PermissionsKnown: true } && binding.Condition is { } unheld && Condition(unheld.Expression).Evaluate(context) is { Truth: ConditionTruth.False } refused)
        {
            return result with { Outcome = BindingOutcome.NoMatch, Reason = $"its condition {Quote(unheld)} does not hold for this request ({Decided(request, refused)}), so it grants nothing, whatever `{binding.Role}` includes" };
        }

        // A basic role the export does not describe is known by name for a few permissions, either way.
        string? byName = null;
        if (role is not { PermissionsKnown: true })
        {
            var exported = role is null ? $"role `{binding.Role}` is not in the roles export" : $"role `{binding.Role}` was exported without its permissions (the BASIC view `gcloud iam roles list` prints)";
            var known = role is null ? "basic role known by name: it is not in the roles export" : "basic role known by name: the roles export lists no permissions for it";
            switch (BasicRoles.Decide(binding.Role, permission))
            {
                case { Includes: false } excluded:
                    return result with { Outcome = BindingOutcome.NoMatch, Reason = $"`{binding.Role}` does not include `{permission}`: {excluded.Why} ({known})" };
                case { } included:
                    byName = $"`{binding.Role}` includes `{permission}`: {included.Why} ({known})";
                    break;
                default:
                    return result with { Outcome = BindingOutcome.Unknown, Reason = $"{exported}, so whether it includes `{permission}` is unknown{onlyIf}" };
            }
        }
        else if (!PermissionsOf(role).Contains(permission))
        {
            return result with { Outcome = BindingOutcome.NoMatch, Reason = $"`{binding.Role}` does not include `{permission}`" };
        }

        if (role is { GrantsPermissions: false })
        {
            var state = role.Deleted ? "deleted" : "disabled";
            return result with { Outcome = BindingOutcome.NoMatch, Reason = $"`{binding.Role}` includes `{permission}` but is {state}: it grants nothing" };
        }

        string? conditionRequirement = null;
        string? conditionNote = null;
        if (binding.Condition is { } condition)
        {
            var evaluated = Condition(condition.Expression).Evaluate(context);
            switch (evaluated.Truth)
            {
                case ConditionTruth.False:
                    return result with { Outcome = BindingOutcome.NoMatch, Reason = $"`{binding.Role}` includes `{permission}`, but its condition {Quote(condition)} does not hold for this request ({Decided(request, evaluated)})" };
                case ConditionTruth.Undecided:
                    conditionRequirement = $"the condition {Quote(condition)} holds ({string.Join("; ", evaluated.Undecided)})";
                    break;
                default:
                    conditionNote = $"its condition {Quote(condition)} holds for this request ({Decided(request, evaluated)})";
                    break;
            }
        }

        if (binding.Entitlement is { } entitlement && !entitlement.CanBeApprovedFor(request.Principal))
        {
            return result with { Outcome = BindingOutcome.NoMatch, Reason = $"`{binding.Role}` includes `{permission}` on request under PAM entitlement `{entitlement.Name}`, but no one else can approve its request (a principal cannot approve its own)" };
        }

        string[] requirements = [.. new[] { match.Requirement, conditionRequirement, binding.Entitlement?.ApprovalRequirement }.OfType<string>()];
        return requirements.Length == 0
            ? result with { Outcome = BindingOutcome.Allows, Reason = conditionNote, ByName = byName }
            : result with { Outcome = BindingOutcome.Conditional, Requirement = string.Join(" and ", requirements), ByName = byName };
    }

    /// <summary>The member of a binding that includes the principal for certain, else one that may; (null, No) when none does.</summary>
    private (Member? Member, MemberMatch Match) BestMember(Binding binding, GcpRequest request)
    {
        (Member? Member, MemberMatch Match) possible = (null, MemberMatch.No);
        foreach (var member in binding.Members)
        {
            var match = MemberMatcher.Match(member, request.Principal, _holdsBasicRole, Groups, Estate);
            if (match.Kind == MemberMatchKind.Yes)
            {
                return (member, match);
            }

            if (match.Kind == MemberMatchKind.Possibly && request.CountPossibleMemberships && possible.Member is null)
            {
                possible = (member, match);
            }
        }

        return possible;
    }

    /// <summary>
    /// Whether <c>projectOwner:P</c> (<c>projectEditor:</c>, <c>projectViewer:</c>) includes the principal: it does when
    /// the project's own allow policy binds the basic role to it. Whether a grant inherited from a folder or the
    /// organization counts, Google does not say: such a grant makes it possible, not certain.
    /// </summary>
    private MemberMatch HoldsBasicRole(Member bound, Member principal)
    {
        var role = BasicRoleOf(bound.Kind)!;
        if (Estate.FindNode("projects/" + bound.Id) is null)
        {
            return MemberMatch.If($"`{principal.Text}` holds `{role}` on project `{bound.Id}`, which is not in the export");
        }

        var possible = MemberMatch.No;
        foreach (var (binding, direct) in BasicRoleBindings(bound))
        {
            var match = binding.Members.Select(m => MemberMatcher.Match(m, principal, static (_, _) => MemberMatch.No, Groups, Estate)).MaxBy(m => m.Kind);
            if (match.Kind == MemberMatchKind.Yes && direct && binding.Condition is null)
            {
                return MemberMatch.Through($"`{principal.Text}` is bound to `{role}` in the allow policy of project `{bound.Id}`, so `{bound.Text}` includes it");
            }

            if (match.Kind != MemberMatchKind.No && possible.Kind == MemberMatchKind.No)
            {
                var why = new[]
                {
                    match.Requirement,
                    direct ? null : $"`{bound.Text}` counts `{role}` inherited from above the project (Google does not say)",
                    binding.Condition is { } c ? $"the condition {Quote(c)} of its `{role}` binding holds" : null,
                }.OfType<string>();
                possible = MemberMatch.If(string.Join(" and ", why));
            }
        }

        return possible;
    }

    /// <summary>The bindings of the basic role a <c>projectOwner:</c>-like member stands for, on its project (direct) and above it.</summary>
    private IEnumerable<(Binding Binding, bool Direct)> BasicRoleBindings(Member bound)
    {
        if (BasicRoleOf(bound.Kind) is not { } role || Estate.FindNode("projects/" + bound.Id) is not { } project)
        {
            yield break;
        }

        foreach (var ancestor in project.Ancestors.IsEmpty ? [project.RelativeName] : project.Ancestors)
        {
            var policy = ResourceLocator.PolicyOf(Estate, ResourceNames.Container(ancestor));
            foreach (var binding in policy?.Bindings ?? [])
            {
                if (binding.Role == role)
                {
                    yield return (binding, ancestor == project.RelativeName);
                }
            }
        }
    }

    /// <param name="request">The request.</param>
    /// <param name="results">The bindings that decide (their role may grant the permission).</param>
    /// <param name="plan">The policies that reach the resource (and the containers whose allow policy was not exported).</param>
    /// <param name="context">The conditions' context, to weigh every binding that names the principal for the explanation of an answer other than Allowed.</param>
    /// <remarks>
    /// An allow explained by its deciding binding alone is the common answer (analyses ask of every account): it is made
    /// here, without the state the other answers' explanations capture.
    /// </remarks>
    private Decision Decide(GcpRequest request, List<BindingResult> results, Plan plan, ConditionContext context) =>
        request.DecisiveBindingOnly && results.Find(r => r.Outcome == BindingOutcome.Allows) is { } allowing
            ? new Allowed(DecisiveBinding(request, allowing))
            : Explained(request, results, plan, context);

    /// <summary><see cref="Explained(GcpRequest, List{BindingResult}, List{string}, Func{List{BindingResult}})"/>, with every binding that names the principal weighed only if an explanation reads it.</summary>
    private Decision Explained(GcpRequest request, List<BindingResult> results, Plan plan, ConditionContext context) =>
        Explained(request, results, plan.Missing, () => EveryBinding(request, context, plan));

    /// <param name="request">The request.</param>
    /// <param name="results">The bindings that decide (their role may grant the permission).</param>
    /// <param name="missing">Containers whose allow policy was not exported.</param>
    /// <param name="everyResult">Every binding that names the principal, for the explanation of an answer other than Allowed.</param>
    private Decision Explained(GcpRequest request, List<BindingResult> results, List<string> missing, Func<List<BindingResult>> everyResult)
    {
        var permission = request.Permission;
        var principal = request.Principal.Text;
        var resource = request.Resource.Name;
        if (results.Find(r => r.Outcome == BindingOutcome.Allows) is { } allowing)
        {
            var note = (allowing.Reason is { } holds ? $"; {holds}" : string.Empty) + (allowing.ByName is { } byName ? $"; {byName}" : string.Empty);
            // The bindings whose role includes the permission explain an allow; the others only explain a refusal.
            return new Allowed(() => Explain($"Allowed: {Describe(allowing)} grants `{permission}`{note}. {Note}", request, results, allowing));
        }

        if (results.Find(r => r.Outcome == BindingOutcome.Unknown) is { } unknown)
        {
            var reason = $"{Describe(unknown)}: {unknown.Reason}";
            return new Indeterminate(reason, Explain($"Indeterminate: {reason}; no other binding grants `{permission}` to `{principal}` on `{resource}`.", request, everyResult(), unknown));
        }

        var conditional = results.Where(r => r.Outcome == BindingOutcome.Conditional).ToList();
        if (request.Resource.AncestryGap is { } gap)
        {
            var otherwise = conditional.Count == 0 ? "no binding Ward saw grants it" : "the bindings Ward saw grant it only under conditions";
            return new Indeterminate(gap, Explain($"Indeterminate: {gap}; {otherwise}.", request, everyResult(), decisive: null));
        }

        if (conditional.Count > 0)
        {
            var alternatives = conditional.Select(r => r.Requirement!).Distinct(StringComparer.Ordinal).ToList();
            var requirement = alternatives.Count == 1 ? alternatives[0] : "one of: " + string.Join(" | ", alternatives.Select(a => $"({a})"));
            if (request.DecisiveBindingOnly)
            {
                return new Conditional([requirement], DecisionKind.ImplicitDeny, DecisiveBinding(request, conditional[0]));
            }

            var by = string.Join("; ", conditional.Select(Describe));
            return new Conditional([requirement], DecisionKind.ImplicitDeny, Explain($"Allowed only if {requirement}: {by} grants `{permission}` then; otherwise not allowed. {Note}", request, everyResult(), conditional[0]));
        }

        var unexported = missing.Count == 0 ? string.Empty : $" No allow policy was exported for {string.Join(", ", missing.Select(m => $"`{m}`"))}.";
        return new ImplicitDeny(() =>
        {
            var every = everyResult();
            var refused = every.Where(r => r.Outcome == BindingOutcome.NoMatch).ToList();
            var detail = refused.Count == 0 ? string.Empty : " (" + string.Join("; ", refused.Select(r => $"{Describe(r)}: {r.Reason}")) + ")";
            return Explain($"Not allowed: no binding in the allow policies of `{resource}` or its ancestors grants `{permission}` to `{principal}`{detail}.{unexported}", request, every, decisive: null);
        });
    }

    /// <summary>The basic role a convenience member (<c>projectOwner:</c> …) stands for.</summary>
    private static string? BasicRoleOf(MemberKind kind) => kind switch
    {
        MemberKind.ProjectOwner => "roles/owner",
        MemberKind.ProjectEditor => "roles/editor",
        MemberKind.ProjectViewer => "roles/viewer",
        _ => null,
    };

    private static string Describe(BindingResult result) =>
        $"the binding of `{result.Binding.Role}` to `{result.Member.Text}` in the allow policy of `{Short(result.Holder)}`{(result.Inherited ? " (inherited)" : string.Empty)}"
        + (result.Match.How is { } how ? $" ({how})" : string.Empty);

    private static string Short(string holder) => ResourceNames.ContainerKind(holder) is null ? holder : ResourceNames.Relative(holder);

    private static string Quote(BindingCondition condition) =>
        condition.Title is { Length: > 0 } title ? $"\"{title}\" (`{condition.Expression}`)" : $"`{condition.Expression}`";

    /// <summary>What a decided condition was decided on: the request's time, and the tags it asked about.</summary>
    private static string Decided(GcpRequest request, ConditionResult evaluated) =>
        string.Join("; ", evaluated.Facts.Prepend($"`request.time` {Time(request.AsOf)}"));

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The permissions whose use is acting as the service account they are granted on.</summary>
    private static readonly FrozenSet<string> ActingAsAccount = FrozenSet.Create(
        StringComparer.Ordinal,
        "iam.serviceAccounts.getAccessToken", "iam.serviceAccounts.getOpenIdToken", "iam.serviceAccounts.signBlob", "iam.serviceAccounts.signJwt",
        "iam.serviceAccounts.implicitDelegation", "iam.serviceAccounts.actAs", "iam.serviceAccountKeys.create");

    /// <summary>Said of a permission that acts as a service account the export says is disabled: holding it gives nothing until the account is enabled.</summary>
    private string DisabledAccountNote(GcpRequest request) =>
        ActingAsAccount.Contains(request.Permission) && request.Resource.Type == "iam.googleapis.com/ServiceAccount"
        && request.Resource.RelativeName.Split('/') is [_, _, "serviceAccounts", var id, ..] && Estate.FindServiceAccount(id) is { Disabled: true } account
            ? $" `serviceAccount:{account.Email}` is disabled: it cannot authenticate (no token is issued for it and its keys are refused) until it is enabled, which needs `iam.serviceAccounts.enable` on it."
            : string.Empty;

    private Explanation Explain(string summary, GcpRequest request, List<BindingResult> results, BindingResult? decisive)
    {
        var layers = ImmutableArray.CreateBuilder<LayerEvaluation>();
        for (var h = 0; h < request.Resource.PolicyHolders.Length; h++)
        {
            var holder = request.Resource.PolicyHolders[h];
            var policy = ResourceLocator.PolicyOf(Estate, holder);
            var own = h < request.Resource.OwnHolders;

            // The resource's own policy, exported under another of its names, is the one its layer shows.
            if (policy is null && own && Enumerable.Range(0, request.Resource.OwnHolders).Any(o => ResourceLocator.PolicyOf(Estate, request.Resource.PolicyHolders[o]) is not null))
            {
                continue;
            }

            var here = results.Where(r => r.Holder == policy?.Resource).ToList();
            var outcome = here.Exists(r => r.Outcome == BindingOutcome.Allows) ? LayerOutcome.Allows
                : here.Exists(r => r.Outcome is BindingOutcome.Conditional or BindingOutcome.Unknown) ? LayerOutcome.Undecided
                : LayerOutcome.NoMatchingAllow;
            var statements = here.Select(r => Statement(request, r, PolicyNameOf(r.Holder)));
            var name = $"allow policy of {Short(policy?.Resource ?? holder)}{(own ? string.Empty : " (inherited)")}{(policy is null ? " (none exported)" : string.Empty)}";
            layers.Add(new LayerEvaluation(name, policy?.Resource ?? holder, outcome, [.. statements]) { Decisive = decisive is not null && here.Contains(decisive) });
        }

        return new Explanation(summary + DisabledAccountNote(request), layers.ToImmutable());
    }

    /// <summary>What one binding does for the request, as a statement of the explanation.</summary>
    private static StatementMatch Statement(GcpRequest request, BindingResult r, string policyName) => new(
        policyName,
        $"bindings[{r.Index}]{(r.Binding.Entitlement is { } entitlement ? $" (granted on request by PAM entitlement `{entitlement.Name}`{(entitlement.MaxRequestDuration is { } duration ? $", for up to {duration}" : string.Empty)})" : string.Empty)}: `{r.Binding.Role}` to `{r.Member.Text}`{(r.Match.How is { } how ? $" ({how})" : string.Empty)}: {r.Outcome switch
        {
            BindingOutcome.Allows => $"grants `{request.Permission}`{ByNameNote(r)}",
            BindingOutcome.Conditional => $"grants `{request.Permission}`{ByNameNote(r)} if {r.Requirement}",
            _ => r.Reason,
        }}",
        StatementEffect.Allow,
        r.Binding.Condition is { } c ? [c.Expression] : [])
    { Undecided = r.Outcome is BindingOutcome.Conditional or BindingOutcome.Unknown };

    private static string ByNameNote(BindingResult r) => r.ByName is { } byName ? $" ({byName})" : string.Empty;

    /// <summary>The explanation of <see cref="GcpRequest.DecisiveBindingOnly"/>: the binding that allows, or may allow, alone.</summary>
    /// <remarks>
    /// The statement of an allow by a member the binding names is written once per binding, member and permission: the
    /// same inherited binding decides for every resource below it, and analyses ask of hundreds of thousands.
    /// </remarks>
    private Explanation DecisiveBinding(GcpRequest request, BindingResult decisive)
    {
        // Only an allow by a member the binding names itself is kept: a match through a group or domain, and a
        // condition's requirement, are written for one principal, and such an answer may yet be dropped.
        if (decisive.Outcome != BindingOutcome.Allows || decisive.Match.How is not null)
        {
            return Decisive(Statement(request, decisive, PolicyNameOf(decisive.Holder)));
        }

        var key = new StatementKey(decisive.Binding, decisive.Member, request.Permission, decisive.Holder, decisive.Index, decisive.ByName);
        return Decisive(_decisiveStatements.GetOrAdd(key, static (_, state) => Statement(state.Request, state.Decisive, state.Authorizer.PolicyNameOf(state.Decisive.Holder)), (Authorizer: this, Request: request, Decisive: decisive)));
    }

    private static Explanation Decisive(StatementMatch statement) =>
        new(string.Empty, [new LayerEvaluation(string.Empty, null, LayerOutcome.Allows, [statement]) { Decisive = true }]);

    /// <summary>"allow policy of …", one string per policy: the statements that name it share it (and are kept without a copy).</summary>
    private string PolicyNameOf(string holder) => _policyNames.GetOrAdd(holder, static holder => $"allow policy of {Short(holder)}");

    /// <summary>What <see cref="Statement"/> writes an allow by a named member from: the binding and member themselves (by identity), and the texts it reads.</summary>
    private readonly record struct StatementKey(Binding Binding, Member Member, string Permission, string Holder, int Index, string? ByName);

    private sealed class SameStatementKey : IEqualityComparer<StatementKey>
    {
        public static readonly SameStatementKey Instance = new();

        public bool Equals(StatementKey x, StatementKey y) =>
            ReferenceEquals(x.Binding, y.Binding) && ReferenceEquals(x.Member, y.Member) && x.Index == y.Index
            && string.Equals(x.Permission, y.Permission, StringComparison.Ordinal) && string.Equals(x.Holder, y.Holder, StringComparison.Ordinal)
            && string.Equals(x.ByName, y.ByName, StringComparison.Ordinal);

        public int GetHashCode(StatementKey obj) =>
            HashCode.Combine(RuntimeHelpers.GetHashCode(obj.Binding), RuntimeHelpers.GetHashCode(obj.Member), OrdinalHash.Of(obj.Permission, obj.Holder, obj.ByName), obj.Index);
    }

    private enum BindingOutcome
    {
        Allows,
        NoMatch,
        Conditional,
        Unknown,
    }

    private sealed record BindingResult
    {
        /// <summary>The resource the policy is attached to, as the export names it.</summary>
        public required string Holder { get; init; }

        public required bool Inherited { get; init; }

        public required Binding Binding { get; init; }

        public required int Index { get; init; }

        public required Member Member { get; init; }

        public required MemberMatch Match { get; init; }

        public BindingOutcome Outcome { get; init; }

        public string? Reason { get; init; }

        public string? Requirement { get; init; }

        /// <summary>For a basic role the export does not describe: that its name says it includes the permission, and why.</summary>
        public string? ByName { get; init; }
    }
}
