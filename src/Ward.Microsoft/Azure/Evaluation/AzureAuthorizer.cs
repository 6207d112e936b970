using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Collections.Immutable;
using Ward.Core.Decisions;
using Ward.Microsoft.Azure.Rbac;

namespace Ward.Microsoft.Azure.Evaluation;

/// <summary>
/// Decides Azure RBAC requests over an estate (docs/azure/evaluation.md):
/// <list type="number">
/// <item>a deny assignment that reaches the scope, names the principal (directly, through a group, or Everyone)
/// without excluding it, and matches the action, denies; a deny wins over every role assignment;</item>
/// <item>otherwise the request is allowed when some role assignment of the principal or of one of its groups,
/// made at the scope or above it, has a permission block whose <c>actions</c> (or, for data actions,
/// <c>dataActions</c>) match and whose own <c>notActions</c> (<c>notDataActions</c>) do not; NotActions only
/// subtract within their block, they never deny;</item>
/// <item>an assignment's ABAC condition is decided where it can be (see <see cref="AbacCondition"/>; the names of the
/// storage account, container or queue come from the scope, see <see cref="ScopeAttributes"/>), else the decision is
/// Conditional on it; a missing role definition, a hierarchy gap between a management group and the scope, or a deny
/// assignment that may apply (it names a group whose members are not exported) makes the decision Indeterminate where
/// it could change it, a Conditional one included.</item>
/// </list>
/// PIM eligibilities count only when the request asks for them (or for one of them) to be activated. Thread-safe.
/// </summary>
public sealed class AzureAuthorizer
{
    private readonly FrozenDictionary<string, ImmutableArray<RoleAssignment>> _assignmentsByPrincipal;
    private readonly FrozenDictionary<string, ImmutableArray<EligibleRoleAssignment>> _eligibleByPrincipal;
    private readonly FrozenDictionary<string, string> _names;
    private readonly ConcurrentDictionary<string, AbacCondition> _conditions = new(StringComparer.Ordinal);

    public AzureAuthorizer(AzureEstate estate, IGroupMembership? groups = null)
    {
        ArgumentNullException.ThrowIfNull(estate);
        Estate = estate;
        Groups = groups ?? GroupMembership.None;
        _assignmentsByPrincipal = estate.RoleAssignments.GroupBy(a => a.PrincipalId, StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(g => g.Key, g => g.ToImmutableArray(), StringComparer.OrdinalIgnoreCase);
        _eligibleByPrincipal = estate.EligibleAssignments.GroupBy(a => a.PrincipalId, StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(g => g.Key, g => g.ToImmutableArray(), StringComparer.OrdinalIgnoreCase);
        _names = estate.RoleAssignments.Where(a => a.PrincipalName is not null).Select(a => (a.PrincipalId, Name: a.PrincipalName!))
            .Concat(estate.EligibleAssignments.Where(e => e.PrincipalName is not null).Select(e => (e.PrincipalId, Name: e.PrincipalName!)))
            .DistinctBy(p => p.PrincipalId, StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(p => p.PrincipalId, p => p.Name, StringComparer.OrdinalIgnoreCase);
    }

    public AzureEstate Estate { get; }

    public IGroupMembership Groups { get; }

    /// <summary>The name the exports give a principal (the az CLI's <c>principalName</c>), if any.</summary>
    public string? NameOf(string principalId) => _names.GetValueOrDefault(principalId);

    public Decision Authorize(AzureRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);

        // The scope names the storage account, container or queue asked about: conditions on those names are decided.
        request = ScopeAttributes.Complete(request);
        var groups = Groups.GroupsOf(request.PrincipalId);
        if (request.ActionKind == AzureActionKind.Data && KeyVaultAccessPolicies.AccessPolicyVaultOf(Estate, request.Scope) is var (vault, settings))
        {
            return KeyVaultAccessPolicies.Decide(request, vault, settings, groups, Groups);
        }

        var grants = Grants(request, groups).ToList();
        var denies = Denies(request, groups).ToList();
        return Decide(request, grants, denies, groups.Count > 0);
    }

    private IEnumerable<GrantResult> Grants(AzureRequest request, IReadOnlyCollection<string> groups)
    {
        foreach (var holder in groups.Prepend(request.PrincipalId))
        {
            var via = string.Equals(holder, request.PrincipalId, StringComparison.OrdinalIgnoreCase) ? null : holder;
            foreach (var assignment in _assignmentsByPrincipal.GetValueOrDefault(holder, []))
            {
                if (Evaluate(request, assignment.Scope, assignment.RoleDefinitionId, assignment.RoleDefinitionName, assignment.Condition, via, eligible: false) is { } result)
                {
                    yield return result;
                }
            }

            if (via is null && request.SelfAssigned is { } self
                && Evaluate(request, self.Scope, self.RoleDefinitionId, null, null, via: null, eligible: false) is { } assumed)
            {
                yield return assumed with { SelfAssigned = true };
            }

            if (!request.ActivateEligible && request.Activating is null)
            {
                continue;
            }

            foreach (var eligibility in _eligibleByPrincipal.GetValueOrDefault(holder, []))
            {
                if ((request.Activating is { } only && !ReferenceEquals(eligibility, only) && eligibility != only)
                    || (request.AsOf is { } asOf && !eligibility.IsInForceAt(asOf)))
                {
                    continue;
                }

                if (Evaluate(request, eligibility.Scope, eligibility.RoleDefinitionId, null, eligibility.Condition, via, eligible: true) is { } result)
                {
                    yield return result;
                }
            }
        }
    }

    private GrantResult? Evaluate(AzureRequest request, AzureScope scope, string roleDefinitionId, string? roleName, string? condition, string? via, bool eligible)
    {
        var reach = Estate.Hierarchy.Reach(scope, request.Scope);
        if (reach == ScopeReach.No)
        {
            return null;
        }

        var definition = Estate.FindRoleDefinition(roleDefinitionId);
        var grant = new GrantResult
        {
            RoleName = definition?.RoleName ?? roleName ?? RoleDefinition.GuidOf(roleDefinitionId),
            RoleDefinitionId = roleDefinitionId,
            Scope = scope,
            Reach = reach,
            Via = via,
            ViaName = via is null ? null : NameOf(via),
            Eligible = eligible,
            Condition = condition,
        };

        if (definition is null)
        {
            return grant with { Outcome = GrantOutcome.Unknown, Reason = $"role definition `{roleDefinitionId}` is not in the export, so what `{grant.RoleName}` grants is unknown" };
        }

        var (field, notField) = request.ActionKind == AzureActionKind.Data ? ("dataActions", "notDataActions") : ("actions", "notActions");
        var statements = new List<string>();
        var matching = new List<(string By, string? Condition)>();
        for (var i = 0; i < definition.Permissions.Length; i++)
        {
            var block = definition.Permissions[i];
            var (patterns, exclusions) = request.ActionKind == AzureActionKind.Data ? (block.DataActions, block.NotDataActions) : (block.Actions, block.NotActions);
            if (ActionPattern.FirstMatch(patterns, request.Action) is not { } pattern)
            {
                continue;
            }

            if (ActionPattern.FirstMatch(exclusions, request.Action) is { } exclusion)
            {
                statements.Add($"permissions[{i}]: {field} `{pattern}` matches, but {notField} `{exclusion}` removes it");
                continue;
            }

            matching.Add(($"permissions[{i}]: {field} `{pattern}`", block.Condition));
        }

        if (matching.Count == 0)
        {
            var reason = statements.Count > 0 ? string.Join("; ", statements) : $"no {field} pattern matches `{request.Action}`";
            return grant with { Outcome = GrantOutcome.NoMatch, Reason = reason, Statements = [.. statements] };
        }

        // The permission blocks of a role are alternatives: the role grants the action when any matching block's own
        // condition holds. The assignment's condition then applies on top of whichever block grants.
        var (allowedBy, pending, refused) = FirstHoldingBlock(matching, request);
        statements.Insert(0, allowedBy);
        grant = grant with { Statements = [.. statements], Matched = allowedBy };
        if (refused is not null)
        {
            return grant with { Outcome = GrantOutcome.NoMatch, Reason = refused };
        }

        if (condition is not null)
        {
            var parsed = Condition(condition);
            var (truth, undecided, ambiguity) = Judge(parsed, request);
            switch (truth)
            {
                case AbacCondition.Truth.False:
                    return grant with { Outcome = GrantOutcome.NoMatch, Reason = $"{allowedBy} matches, but the condition does not hold for this request: `{parsed.OneLine}`" };
                case AbacCondition.Truth.Unknown:
                    var requirement = pending is null ? parsed.OneLine : $"{pending.OneLine} and {parsed.OneLine}";
                    return ReachKnown(grant with { Outcome = GrantOutcome.Conditional, Requirement = requirement, Reason = $"{allowedBy} matches; the assignment's condition {undecided}", Ambiguity = ambiguity });
            }
        }

        if (pending is not null)
        {
            var (_, undecided, ambiguity) = Judge(pending, request);
            return ReachKnown(grant with { Outcome = GrantOutcome.Conditional, Requirement = pending.OneLine, Reason = $"{allowedBy} matches; its condition {undecided}", Ambiguity = ambiguity });
        }

        return ReachKnown(grant with { Outcome = GrantOutcome.Allows });

        // An assignment that may not reach the scope at all is unknown, whether it grants outright or only under its
        // condition: "allowed only if the condition holds" would leave out that it may not apply.
        GrantResult ReachKnown(GrantResult result) => reach == ScopeReach.Unknown
            ? result with
            {
                Outcome = GrantOutcome.Unknown,
                Reason = $"{Estate.Hierarchy.Ancestors(request.Scope).Gap}, so whether `{result.RoleName}` at `{scope.Value}` reaches `{request.Scope.Value}` is unknown"
                    + (result.Outcome == GrantOutcome.Conditional ? $" (and {result.Reason})" : string.Empty),
            }
            : result;
    }

    /// <summary>A condition's truth for the request and, when undecided, why (for the explanation), and the ambiguity that left it undecided, if one did.</summary>
    private static (AbacCondition.Truth Truth, string Undecided, string? Ambiguity) Judge(AbacCondition condition, AzureRequest request)
    {
        var ambiguities = new List<string>();
        var truth = condition.Evaluate(request, ambiguities);
        var ambiguity = truth == AbacCondition.Truth.Unknown && ambiguities.Count > 0 ? string.Join("; ", ambiguities) : null;
        var undecided = condition.Problem is { } problem ? $"could not be parsed ({problem})"
            : ambiguity is not null ? $"is undecided: {ambiguity}"
            : "depends on attributes the request does not give";
        return (truth, undecided, ambiguity);
    }

    /// <summary>
    /// Among the matching blocks (in order), the first that grants for certain (no condition, or one that holds); else
    /// the first whose condition is undecided (<c>Pending</c>); else why none holds (<c>Refused</c>).
    /// </summary>
    private (string By, AbacCondition? Pending, string? Refused) FirstHoldingBlock(List<(string By, string? Condition)> matching, AzureRequest request)
    {
        (string By, AbacCondition Condition)? undecided = null;
        string? refused = null;
        foreach (var (by, text) in matching)
        {
            if (text is null)
            {
                return (by, null, null);
            }

            var parsed = Condition(text);
            switch (parsed.Evaluate(request))
            {
                case AbacCondition.Truth.True:
                    return (by, null, null);
                case AbacCondition.Truth.Unknown:
                    undecided ??= (by, parsed);
                    break;
                default:
                    refused ??= $"{by} matches, but its condition does not hold for this request: `{parsed.OneLine}`";
                    break;
            }
        }

        return undecided is { } pending ? (pending.By, pending.Condition, null) : (matching[0].By, null, refused);
    }

    private IEnumerable<DenyResult> Denies(AzureRequest request, IReadOnlyCollection<string> groups)
    {
        var holders = groups.Prepend(request.PrincipalId).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var deny in Estate.DenyAssignments)
        {
            var named = deny.Principals.FirstOrDefault(p => p.IsEveryone || holders.Contains(p.Id));
            if (deny.ExcludePrincipals.Any(p => holders.Contains(p.Id)))
            {
                continue;
            }

            // A group whose members the export does not list may hold the principal: the deny may name it, or an
            // exclusion may spare it, and Ward cannot tell which.
            var unlistedGroup = (named is null ? deny.Principals : deny.ExcludePrincipals).FirstOrDefault(p => p.IsGroup && !holders.Contains(p.Id) && !Groups.KnowsMembersOf(p.Id));
            if (named is null && unlistedGroup is null)
            {
                continue;
            }

            var reach = Estate.Hierarchy.Reach(deny.Scope, request.Scope, deny.DoNotApplyToChildScopes);
            if (reach == ScopeReach.No)
            {
                continue;
            }

            var matching = new List<(string By, string? Condition)>();
            for (var i = 0; i < deny.Permissions.Length; i++)
            {
                var block = deny.Permissions[i];
                var (field, patterns, exclusions) = request.ActionKind == AzureActionKind.Data
                    ? ("dataActions", block.DataActions, block.NotDataActions)
                    : ("actions", block.Actions, block.NotActions);
                if (ActionPattern.FirstMatch(patterns, request.Action) is { } pattern && ActionPattern.FirstMatch(exclusions, request.Action) is null)
                {
                    matching.Add(($"permissions[{i}]: {field} `{pattern}`", block.Condition));
                }
            }

            if (matching.Count == 0)
            {
                continue;
            }

            var (matched, blockPending, refused) = FirstHoldingBlock(matching, request);
            if (refused is not null)
            {
                continue;
            }

            if (unlistedGroup is not null)
            {
                var role = named is null ? "names" : "excludes";
                yield return new DenyResult(deny, reach, matched, unlistedGroup.Id, DenyOutcome.Unknown, $"deny assignment `{deny.DenyAssignmentName}` {role} group `{unlistedGroup.Id}`, whose members are not in the export, so whether it applies to `{request.PrincipalId}` is unknown");
                continue;
            }

            var result = new DenyResult(deny, reach, matched, named!.IsEveryone ? "everyone" : string.Equals(named.Id, request.PrincipalId, StringComparison.OrdinalIgnoreCase) ? null : named.Id, DenyOutcome.Denies, null);
            var undecided = blockPending;
            if (deny.Condition is { } text)
            {
                var parsed = Condition(text);
                var truth = parsed.Evaluate(request);
                if (truth == AbacCondition.Truth.False)
                {
                    continue;
                }

                if (truth == AbacCondition.Truth.Unknown)
                {
                    undecided = parsed;
                }
            }

            if (undecided is not null)
            {
                yield return result with { Outcome = DenyOutcome.Conditional, Requirement = $"the condition of deny assignment `{deny.DenyAssignmentName}` does not hold: `{undecided.OneLine}`" };
            }
            else if (reach == ScopeReach.Unknown)
            {
                yield return result with { Outcome = DenyOutcome.Unknown, Requirement = $"{Estate.Hierarchy.Ancestors(request.Scope).Gap}, so whether deny assignment `{deny.DenyAssignmentName}` at `{deny.Scope.Value}` reaches `{request.Scope.Value}` is unknown" };
            }
            else
            {
                yield return result;
            }
        }
    }

    private AbacCondition Condition(string text) => _conditions.GetOrAdd(text, AbacCondition.Parse);

    private static Decision Decide(AzureRequest request, List<GrantResult> grants, List<DenyResult> denies, bool hasGroups)
    {
        var what = $"`{request.Action}` ({(request.ActionKind == AzureActionKind.Data ? "data action" : "action")}) at `{request.Scope.Value}`";
        if (denies.Find(d => d.Outcome == DenyOutcome.Denies) is { } winner)
        {
            return new ExplicitDeny(() => Explain(
                $"Explicitly denied: deny assignment `{winner.Deny.DenyAssignmentName}` {Where(winner.Deny.Scope, winner.Reach)}{ViaDeny(winner)} denies {what} ({winner.Matched}); a deny assignment wins over every role assignment.",
                grants, denies, decisive: winner));
        }

        var allowing = grants.Find(g => g.Outcome == GrantOutcome.Allows);
        var unknownDeny = denies.Find(d => d.Outcome == DenyOutcome.Unknown);
        var conditionalDenies = denies.Where(d => d.Outcome == DenyOutcome.Conditional).ToList();
        if (allowing is not null)
        {
            var allowed = $"role `{allowing.RoleName}` {Where(allowing)}{Via(allowing)}{(allowing.Eligible ? " (eligible, counted as activated)" : string.Empty)} grants {what} ({allowing.Matched})";
            if (unknownDeny is not null)
            {
                var reason = unknownDeny.Requirement!;
                return new Indeterminate(reason, Explain($"Indeterminate: {reason}; otherwise {allowed}.", grants, denies, decisive: unknownDeny));
            }

            if (conditionalDenies.Count > 0)
            {
                var requirements = conditionalDenies.Select(d => d.Requirement!).ToImmutableArray();
                return new Conditional(requirements, DecisionKind.ExplicitDeny, Explain($"Allowed only if {string.Join(" and ", requirements)}: {allowed}; otherwise explicitly denied.", grants, denies, decisive: conditionalDenies[0]));
            }

            return new Allowed(() => Explain($"Allowed: {allowed}.", grants, denies, decisive: allowing));
        }

        var whose = hasGroups ? "the principal or its groups" : "the principal";
        if (grants.Find(g => g.Outcome == GrantOutcome.Unknown) is { } unknown)
        {
            var reason = unknown.Reason!;
            return new Indeterminate(reason, Explain($"Indeterminate: {reason}; no other role assignment of {whose} grants {what}.", grants, denies, decisive: unknown));
        }

        var conditional = grants.Where(g => g.Outcome == GrantOutcome.Conditional).ToList();
        if (conditional.Count > 0)
        {
            var alternatives = conditional.Select(g => g.Requirement!).Distinct(StringComparer.Ordinal).ToList();
            var requirement = alternatives.Count == 1 ? alternatives[0] : "one of: " + string.Join(" | ", alternatives.Select(a => $"({a})"));
            var by = string.Join(", ", conditional.Select(g => $"role `{g.RoleName}` {Where(g)}{Via(g)}"));
            var ambiguities = conditional.Select(g => g.Ambiguity).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            var undecided = ambiguities.Count == 0 ? string.Empty : $"; Ward leaves the condition undecided because {string.Join("; ", ambiguities)}";
            var allowedIf = $"allowed only if the assignment condition holds (`{requirement}`): {by} grants {what} under it";

            // A deny assignment wins over every role assignment, conditional ones too: one that may apply leaves the
            // answer as open as it leaves an unconditional grant.
            if (unknownDeny is not null)
            {
                var reason = unknownDeny.Requirement!;
                return new Indeterminate(reason, Explain($"Indeterminate: {reason}; otherwise {allowedIf}{undecided}.", grants, denies, decisive: unknownDeny));
            }

            var requirements = conditionalDenies.Select(d => d.Requirement!).Prepend(requirement).ToImmutableArray();
            return new Conditional(requirements, DecisionKind.ImplicitDeny, Explain($"Allowed only if the assignment condition holds (`{requirement}`): {by} grants {what} under it; otherwise implicitly denied{undecided}.", grants, denies, decisive: conditional[0]));
        }

        var removed = grants.Where(g => g.Statements.Length > 0 || g.Reason?.Contains("condition", StringComparison.Ordinal) == true).ToList();
        var detail = removed.Count == 0 ? string.Empty : " (" + string.Join("; ", removed.Select(g => $"`{g.RoleName}` {Where(g)}{Via(g)}: {g.Reason}")) + ")";
        var summary = grants.Count == 0
            ? $"Implicitly denied: no role assignment of {whose} reaches `{request.Scope.Value}`{(request.ActivateEligible ? string.Empty : " (eligible assignments not counted)")}."
            : $"Implicitly denied: no role assignment of {whose} reaching `{request.Scope.Value}` grants `{request.Action}`{detail}.";
        return new ImplicitDeny(() => Explain(summary, grants, denies, decisive: null));
    }

    private static string Where(GrantResult grant) => grant.SelfAssigned ? $"self-assigned at `{grant.Scope.Value}`" : Where(grant.Scope, grant.Reach);

    private static string Where(AzureScope scope, ScopeReach reach) => reach switch
    {
        ScopeReach.Inherited => $"inherited from `{scope.Value}`",
        ScopeReach.Unknown => $"assigned at `{scope.Value}` (reach unknown)",
        _ => $"assigned at `{scope.Value}`",
    };

    private static string Via(GrantResult grant) => grant.Via is null ? string.Empty : $" via group {(grant.ViaName is { } name ? $"`{name}` ({grant.Via})" : $"`{grant.Via}`")}";

    private static string ViaDeny(DenyResult deny) => deny.Via switch
    {
        null => string.Empty,
        "everyone" => " (it applies to everyone)",
        var group => $" (through group `{group}`)",
    };

    private static Explanation Explain(string summary, List<GrantResult> grants, List<DenyResult> denies, object? decisive)
    {
        var layers = ImmutableArray.CreateBuilder<LayerEvaluation>();
        foreach (var deny in denies)
        {
            var outcome = deny.Outcome == DenyOutcome.Denies ? LayerOutcome.Denies : LayerOutcome.Undecided;
            var conditions = deny.Deny.Condition is { } c ? ImmutableArray.Create(c) : [];
            layers.Add(new LayerEvaluation(
                $"deny assignment {deny.Deny.DenyAssignmentName}{(deny.Reach == ScopeReach.Inherited ? $" (inherited from {deny.Deny.Scope.Value})" : string.Empty)}{ViaDeny(deny)}",
                deny.Deny.Scope.Value,
                outcome,
                [new StatementMatch(deny.Deny.DenyAssignmentName, deny.Matched, StatementEffect.Deny, conditions) { Undecided = outcome == LayerOutcome.Undecided }])
            { Decisive = ReferenceEquals(deny, decisive) });
        }

        foreach (var grant in grants)
        {
            var outcome = grant.Outcome switch
            {
                GrantOutcome.Allows => LayerOutcome.Allows,
                GrantOutcome.NoMatch => LayerOutcome.NoMatchingAllow,
                _ => LayerOutcome.Undecided,
            };
            var conditions = grant.Condition is { } c ? ImmutableArray.Create(c) : [];
            // The reason (the exclusion, the failed or undecided condition, the missing definition) is part of the record.
            var statements = grant.Reason is { } reason && !grant.Statements.Contains(reason, StringComparer.Ordinal) ? grant.Statements.Add(reason) : grant.Statements;
            var layer = $"role assignment {grant.RoleName}{(grant.SelfAssigned ? $" (self-assigned at {grant.Scope.Value})" : grant.Reach == ScopeReach.Inherited ? $" (inherited from {grant.Scope.Value})" : string.Empty)}{Via(grant)}{(grant.Eligible ? " (eligible, activated)" : string.Empty)}";
            layers.Add(new LayerEvaluation(
                layer,
                grant.Scope.Value,
                outcome,
                [.. statements.Select(s => new StatementMatch($"{grant.RoleName} ({RoleDefinition.GuidOf(grant.RoleDefinitionId)})", s, StatementEffect.Allow, conditions) { Undecided = outcome == LayerOutcome.Undecided })])
            { Decisive = ReferenceEquals(grant, decisive) });
        }

        return new Explanation(summary, layers.ToImmutable());
    }

    private enum GrantOutcome
    {
        Allows,
        NoMatch,
        Conditional,
        Unknown,
    }

    private enum DenyOutcome
    {
        Denies,
        Conditional,
        Unknown,
    }

    private sealed record GrantResult
    {
        public required string RoleName { get; init; }

        public required string RoleDefinitionId { get; init; }

        public required AzureScope Scope { get; init; }

        public required ScopeReach Reach { get; init; }

        public string? Via { get; init; }

        public string? ViaName { get; init; }

        public bool Eligible { get; init; }

        /// <summary>The role the request assumes the principal assigned itself (<see cref="AzureRequest.SelfAssigned"/>).</summary>
        public bool SelfAssigned { get; init; }

        public string? Condition { get; init; }

        public GrantOutcome Outcome { get; init; }

        public string? Matched { get; init; }

        public string? Reason { get; init; }

        public string? Requirement { get; init; }

        /// <summary>For a Conditional grant: the reading of Microsoft's documentation that left its condition undecided, if that is why.</summary>
        public string? Ambiguity { get; init; }

        public ImmutableArray<string> Statements { get; init; } = [];
    }

    private sealed record DenyResult(DenyAssignment Deny, ScopeReach Reach, string Matched, string? Via, DenyOutcome Outcome, string? Requirement);
}
