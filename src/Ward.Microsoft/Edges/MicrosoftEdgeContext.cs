using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Collections.Immutable;
using Ward.Core.Decisions;
using Ward.Core.Graph;
using Ward.Core.Model;
using Ward.Microsoft.Azure.Evaluation;
using Ward.Microsoft.Azure.Rbac;
using Ward.Microsoft.Entra.Directory;
using Ward.Microsoft.Entra.Evaluation;

namespace Ward.Microsoft.Edges;

/// <summary>What the edge checkers share: the directory, the Azure estate, their authorizers, and lookups.</summary>
public sealed class MicrosoftEdgeContext
{
    /// <summary>Microsoft Graph's application id, the same in every tenant.</summary>
    public const string MicrosoftGraphAppId = "00000003-0000-0000-c000-000000000000";

    /// <summary>The Azure action that writes a role assignment.</summary>
    public const string WriteRoleAssignments = "Microsoft.Authorization/roleAssignments/write";

    /// <summary>Owner's role definition GUID, the same in every tenant.</summary>
    public const string OwnerRoleId = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";

    private readonly ConcurrentDictionary<string, ImmutableArray<RoleDefinition>> _rolesGranting = new(StringComparer.Ordinal);

    /// <summary>Who may come to assign each user-assigned identity (<see cref="UserAssignedIdentities.Assigners"/>), decided once for every technique that needs it.</summary>
    internal ConcurrentDictionary<(AzureScope Identity, string IdentityId), ImmutableArray<(string Principal, (AzureRequest Request, Decision Decision) Assign)>> IdentityAssigners { get; } = new();

    // Microsoft's own tenants: their applications are first-party and never a target (their credentials are not the customer's to add).
    private static readonly FrozenSet<string> MicrosoftTenants = FrozenSet.ToFrozenSet(
        ["f8cdef31-a31e-4b4a-93e4-5f571e91255a", "72f988bf-86f1-41af-91ab-2d7cd011db47"], StringComparer.OrdinalIgnoreCase);

    public MicrosoftEdgeContext(EntraDirectory directory, AzureEstate azure, DateTimeOffset asOf)
    {
        Directory = directory;
        Azure = azure;
        AsOf = asOf;
        Roles = new EntraRoleAuthorizer(directory, asOf);
        Membership = new DirectoryGroupMembership(directory);
        Rbac = new AzureAuthorizer(azure, Membership);
        var graph = directory.FindServicePrincipalByAppId(MicrosoftGraphAppId);
        var permissionNames = graph?.AppRoles.Where(r => r.Value is not null).ToDictionary(r => r.Id, r => r.Value!, StringComparer.OrdinalIgnoreCase) ?? [];
        GraphPermissions = directory.AppRoleAssignments
            .Where(a => graph is not null && string.Equals(a.ResourceId, graph.Id, StringComparison.OrdinalIgnoreCase) && permissionNames.ContainsKey(a.AppRoleId))
            .GroupBy(a => a.PrincipalId, StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(g => g.Key, g => g.Select(a => permissionNames[a.AppRoleId]).ToFrozenSet(StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase);
    }

    public EntraDirectory Directory { get; }

    /// <summary>
    /// Why each principal is an administrator, the targets of escalation paths (<see cref="AdminRoles.Verdicts"/>),
    /// worked out once.
    /// </summary>
    public IReadOnlyDictionary<string, string> Administrators => _administrators ??= AdminRoles.Verdicts(this);

    private IReadOnlyDictionary<string, string>? _administrators;

    /// <summary>
    /// Whether a technique that reaches many users from each of its holders needs edges from this one: an administrator
    /// is where paths end, so its edges lead no one further, and one eligible for an administrator role over the tenant
    /// becomes one by activating it (<c>entra-pim-activate</c>), which any such edge of its would need first; a
    /// tenant's Global Administrators times its users would be millions of edges.
    /// </summary>
    public bool StartsPaths(string principalId) => !Administrators.ContainsKey(principalId) && !EligibleAdministrators.Contains(principalId);

    private FrozenSet<string> EligibleAdministrators => _eligibleAdministrators ??= Directory.RoleEligibilities
        .Where(e => e.IsInForceAt(AsOf) && e.DirectoryScope.Kind == DirectoryScopeKind.Tenant && AdminRoles.IsEntraAdminRole(Directory, e.RoleDefinitionId))
        .SelectMany(HoldersOf)
        .ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private FrozenSet<string>? _eligibleAdministrators;

    public AzureEstate Azure { get; }

    public DateTimeOffset AsOf { get; }

    public EntraRoleAuthorizer Roles { get; }

    public AzureAuthorizer Rbac { get; }

    public DirectoryGroupMembership Membership { get; }

    /// <summary>
    /// Every user and service principal an Azure role assignment reaches (groups replaced by their members), and every
    /// one a PIM eligibility in force reaches (it may activate it, and use the role or, when the role may write role
    /// assignments, assign itself another: <see cref="Eligibilities"/>), sorted; worked out once.
    /// </summary>
    public IReadOnlyList<string> AzureAssignees => field ??= [.. WithMembers(Azure.RoleAssignments.Select(a => a.PrincipalId).Concat(Eligibilities.Keys), keepGroups: false)];

    /// <summary>
    /// Per principal (users, service principals and groups; members of an assignee group too), the scopes of its active
    /// role assignments whose role may write role assignments: the principals that may assign themselves a role.
    /// </summary>
    public FrozenDictionary<string, ImmutableArray<AzureScope>> RoleAssignmentWriters => field ??= Azure.RoleAssignments
        .Where(a => CanWriteRoleAssignments(Azure.FindRoleDefinition(a.RoleDefinitionId)))
        .SelectMany(a => WithMembers([a.PrincipalId], keepGroups: true).Select(p => (Principal: p, a.Scope)))
        .GroupBy(p => p.Principal, StringComparer.OrdinalIgnoreCase)
        .ToFrozenDictionary(g => g.Key, g => g.Select(p => p.Scope).Distinct().ToImmutableArray(), StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Per principal (users, service principals and groups; members of an eligible group too: PIM lets a group's
    /// members activate its eligibilities), its PIM eligibilities in force at <see cref="AsOf"/>: the roles it may
    /// activate.
    /// </summary>
    public FrozenDictionary<string, ImmutableArray<EligibleRoleAssignment>> Eligibilities => field ??= Azure.EligibleAssignments
        .Where(e => e.IsInForceAt(AsOf))
        .SelectMany(e => WithMembers([e.PrincipalId], keepGroups: true).Select(p => (Principal: p, Eligibility: e)))
        .GroupBy(p => p.Principal, StringComparer.OrdinalIgnoreCase)
        .ToFrozenDictionary(g => g.Key, g => g.Select(p => p.Eligibility).ToImmutableArray(), StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Per principal, those of its <see cref="Eligibilities"/> whose role may write role assignments: the principals
    /// that may activate a role and then assign themselves one.
    /// </summary>
    public FrozenDictionary<string, ImmutableArray<EligibleRoleAssignment>> EligibleRoleAssignmentWriters => field ??= Eligibilities
        .Select(p => (p.Key, Writers: p.Value.Where(e => CanWriteRoleAssignments(Azure.FindRoleDefinition(e.RoleDefinitionId))).ToImmutableArray()))
        .Where(p => !p.Writers.IsEmpty)
        .ToFrozenDictionary(p => p.Key, p => p.Writers, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The principal activating a PIM eligibility (its own or one of its groups'), decided by the role's PIM policy at
    /// the eligibility's scope as <c>entra-pim-activate</c> decides it: no requirement when the policy requires no
    /// approval, the approvers when it does (another one when the principal is the only one), the activation settings
    /// when no policy was exported.
    /// </summary>
    public AzureActivation ActivationOf(string principal, EligibleRoleAssignment eligibility)
    {
        ArgumentNullException.ThrowIfNull(eligibility);
        var verdict = ActivationVerdict.Decide(Azure.FindActivationPolicy(eligibility.Scope, eligibility.RoleDefinitionId), principal, "the role's", Checkers.ActivateEligibleRoleEdgeChecker.Requirement, Directory);
        var name = Azure.FindRoleDefinition(eligibility.RoleDefinitionId)?.RoleName ?? eligibility.RoleDefinitionGuid;
        var group = string.Equals(eligibility.PrincipalId, principal, StringComparison.OrdinalIgnoreCase) ? null
            : Directory.FindGroup(eligibility.PrincipalId)?.DisplayName ?? eligibility.PrincipalName ?? eligibility.PrincipalId;
        return new AzureActivation(eligibility, name, verdict.Requirements, verdict.Supplies) { Group = group };
    }

    /// <summary>Whether a role definition allows writing role assignments (some block's actions match, its notActions do not).</summary>
    public static bool CanWriteRoleAssignments(RoleDefinition? definition) =>
        definition is not null && definition.Permissions.Any(block => ActionPattern.FirstMatch(block.Actions, WriteRoleAssignments) is not null && ActionPattern.FirstMatch(block.NotActions, WriteRoleAssignments) is null);

    /// <summary>
    /// Decides the requests one technique makes on an Azure resource for <paramref name="principal"/>, as it holds its
    /// roles. When they are not all allowed for certain, the other ways are tried, the first certain one winning:
    /// <list type="number">
    /// <item>when an active role of the principal may write role assignments at <paramref name="assignAt"/> (the
    /// resource, where the role would be assigned), each role of the export that grants every request (Owner first,
    /// then built-in roles, then custom roles assignable there) is tried as a role it assigns itself: the write is
    /// decided by the authorizer with that role and the principal itself as the assignee (so conditions of
    /// constrained delegation, deny assignments on the write and custom roles' assignable scopes count), and the
    /// requests again as if it held that role there (so deny assignments on them count);</item>
    /// <item>each of its PIM eligibilities in force that reaches a request's scope, activated alone: the requests
    /// decided as if it held that role (deny assignments still win), under the role's PIM policy
    /// (<see cref="ActivationOf"/>);</item>
    /// <item>each of its eligibilities in force that may write role assignments at <paramref name="assignAt"/>,
    /// activated alone, then a self-assigned role as in the first way, the write decided with that role.</item>
    /// </list>
    /// Else the direct decisions when they hold under conditions, else the first way that does, else the direct ones.
    /// </summary>
    /// <param name="principal">Who makes the requests (each request's principal).</param>
    /// <param name="assignAt">Where a self-assigned role would be assigned: the resource the requests are about.</param>
    /// <param name="requests">The technique's requests, all of <paramref name="principal"/>.</param>
    public AzureStep DecideAzure(string principal, AzureScope assignAt, IReadOnlyList<AzureRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(assignAt);
        ArgumentNullException.ThrowIfNull(requests);
        var direct = new AzureStep([.. requests.Select(r => (r, Rbac.Authorize(r)))], null);
        if (direct.IsCertain)
        {
            return direct;
        }

        var active = RoleAssignmentWriters.TryGetValue(principal, out var writerScopes) && writerScopes.Any(scope => Azure.Hierarchy.Reach(scope, assignAt) != ScopeReach.No);
        var eligibilities = Eligibilities.GetValueOrDefault(principal, []);
        var granting = eligibilities.Where(e => requests.Any(r => Azure.Hierarchy.Reach(e.Scope, r.Scope) != ScopeReach.No)).ToList();
        var writing = eligibilities.Where(e => Azure.Hierarchy.Reach(e.Scope, assignAt) != ScopeReach.No && CanWriteRoleAssignments(Azure.FindRoleDefinition(e.RoleDefinitionId))).ToList();
        if (!active && granting.Count == 0 && writing.Count == 0)
        {
            return direct;
        }

        AzureStep? conditional = null;
        if ((active ? SelfAssigned(null) : null) is { } activeWrite)
        {
            return activeWrite;
        }

        foreach (var eligibility in granting)
        {
            var step = new AzureStep([.. requests.Select(r => (r, Rbac.Authorize(r with { Activating = eligibility, AsOf = AsOf })))], null) { Activation = ActivationOf(principal, eligibility) };
            if (step.IsCertain)
            {
                return step;
            }

            if (step.Holds)
            {
                conditional ??= step;
            }
        }

        foreach (var eligibility in writing)
        {
            if (SelfAssigned(ActivationOf(principal, eligibility)) is { } step)
            {
                return step;
            }
        }

        return direct.Holds ? direct : conditional ?? direct;

        // The first certain self-assignment whose write the activation (or, null, the active roles) allows; the first
        // that holds under conditions is kept in `conditional`.
        AzureStep? SelfAssigned(AzureActivation? activation)
        {
            foreach (var role in RolesGranting(requests))
            {
                if (role.RoleType == RoleType.CustomRole && !role.AssignableScopes.IsDefaultOrEmpty
                    && !role.AssignableScopes.Any(a => AzureScope.TryParse(a, out var scope, out _) && Azure.Hierarchy.Reach(scope, assignAt) != ScopeReach.No))
                {
                    continue;
                }

                var write = SelfAssignment(principal, assignAt, role.Id);
                var allowed = Rbac.Authorize(activation is null ? write : write with { Activating = activation.Eligibility, AsOf = AsOf });
                if (allowed.Kind is not (DecisionKind.Allowed or DecisionKind.Conditional))
                {
                    continue;
                }

                var self = new SelfAssignedRole(role.Id, assignAt);
                var step = new AzureStep([.. requests.Select(r => r with { SelfAssigned = self }).Select(r => (r, Rbac.Authorize(r)))], new AzureSelfAssignment(role, assignAt, allowed)) { Activation = activation };
                if (step.IsCertain)
                {
                    return step;
                }

                if (step.Holds)
                {
                    conditional ??= step;
                }
            }

            return null;
        }
    }

    /// <summary>
    /// Whether the principal may write role assignments at the scope with a role it holds (itself or through a group),
    /// actively or by activating an eligibility in force: whether <see cref="DecideAzure"/> may assign it a role there.
    /// </summary>
    /// <param name="principal">The principal.</param>
    /// <param name="scope">Where it would assign itself a role.</param>
    public bool MayWriteRoleAssignments(string principal, AzureScope scope) =>
        (RoleAssignmentWriters.TryGetValue(principal, out var scopes) && scopes.Any(s => Azure.Hierarchy.Reach(s, scope) != ScopeReach.No))
        || (EligibleRoleAssignmentWriters.TryGetValue(principal, out var eligibilities) && eligibilities.Any(e => Azure.Hierarchy.Reach(e.Scope, scope) != ScopeReach.No));

    /// <summary>Whether the principal (itself or through a group) holds a PIM eligibility in force that reaches the scope: one <see cref="DecideAzure"/> may activate there.</summary>
    /// <param name="principal">The principal.</param>
    /// <param name="scope">Where the activated role would be used.</param>
    public bool MayActivateAt(string principal, AzureScope scope) =>
        Eligibilities.TryGetValue(principal, out var eligibilities) && eligibilities.Any(e => Azure.Hierarchy.Reach(e.Scope, scope) != ScopeReach.No);

    /// <summary>A write of a role assignment of the role to the principal itself at the scope: the assignee's id and type are the request's.</summary>
    public AzureRequest SelfAssignment(string principal, AzureScope scope, string roleDefinitionId)
    {
        var request = new AzureRequest { PrincipalId = principal, Action = WriteRoleAssignments, Scope = scope }
            .WithAttribute(AzureRequest.RequestedPrincipalIdAttribute, principal)
            .WithRoleDefinitionInRequest(roleDefinitionId);
        var type = Directory.KindOf(principal) switch
        {
            DirectoryObjectKind.User => "User",
            DirectoryObjectKind.ServicePrincipal => "ServicePrincipal",
            DirectoryObjectKind.Group => "Group",
            _ => null,
        };
        return type is null ? request : request.WithAttribute(AzureRequest.RequestedPrincipalTypeAttribute, type);
    }

    /// <summary>
    /// The exported role definitions whose permissions grant every request's action (of its kind) without a
    /// condition of their own: Owner first, then built-in roles, then custom roles, each by name; worked out once per
    /// set of actions.
    /// </summary>
    private ImmutableArray<RoleDefinition> RolesGranting(IReadOnlyList<AzureRequest> requests)
    {
        var key = string.Join("|", requests.Select(r => $"{r.ActionKind}:{r.Action}"));
        return _rolesGranting.GetOrAdd(key, _ => [.. Azure.RoleDefinitions
            .Where(d => requests.All(r => d.Permissions.Any(block => block.Condition is null && Grants(block, r))))
            .OrderBy(d => RoleDefinition.GuidOf(d.Id) == OwnerRoleId ? 0 : d.RoleType == RoleType.CustomRole ? 2 : 1)
            .ThenBy(d => d.RoleName, StringComparer.OrdinalIgnoreCase)
            .DistinctBy(d => RoleDefinition.GuidOf(d.Id), StringComparer.OrdinalIgnoreCase)]);

        static bool Grants(PermissionBlock block, AzureRequest request)
        {
            var (patterns, exclusions) = request.ActionKind == AzureActionKind.Data ? (block.DataActions, block.NotDataActions) : (block.Actions, block.NotActions);
            return ActionPattern.FirstMatch(patterns, request.Action) is not null && ActionPattern.FirstMatch(exclusions, request.Action) is null;
        }
    }

    /// <summary>The principals named, with every group among them replaced by (or, with <paramref name="keepGroups"/>, followed by) its members; sorted, each once.</summary>
    public IEnumerable<string> WithMembers(IEnumerable<string> principals, bool keepGroups) =>
        principals
            .SelectMany(p => Directory.FindGroup(p) is null ? [p] : keepGroups ? Membership.MembersOf(p).Prepend(p) : Membership.MembersOf(p))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.Ordinal);

    /// <summary>Microsoft Graph application permissions (their names) per service principal.</summary>
    public FrozenDictionary<string, FrozenSet<string>> GraphPermissions { get; }

    public bool HasGraphPermission(string servicePrincipalId, string permission) =>
        GraphPermissions.TryGetValue(servicePrincipalId, out var held) && held.Contains(permission);

    /// <summary>A service principal someone could add a credential to and sign in as: not Microsoft's own, not a managed identity.</summary>
    public static bool IsTakeoverTarget(EntraServicePrincipal servicePrincipal) =>
        servicePrincipal.ServicePrincipalType != ServicePrincipalType.ManagedIdentity && !IsMicrosoftFirstParty(servicePrincipal);

    /// <summary>
    /// Whether paths may start at the principal: not at a Microsoft application's service principal. The tenant cannot
    /// act as one (its credentials are Microsoft's to add, so no edge leads to it: <see cref="IsTakeoverTarget"/>), and
    /// what it holds is Microsoft's to use for its service. A managed identity stays a source whatever owner it names:
    /// code of the tenant's resources runs as it.
    /// </summary>
    public bool IsEscalationSource(string principalId) =>
        Directory.FindServicePrincipal(principalId) is not { } servicePrincipal
        || servicePrincipal.ServicePrincipalType == ServicePrincipalType.ManagedIdentity
        || !IsMicrosoftFirstParty(servicePrincipal);

    /// <summary>A Microsoft application's service principal (its registration lives in one of Microsoft's own tenants).</summary>
    public static bool IsMicrosoftFirstParty(EntraServicePrincipal servicePrincipal) =>
        servicePrincipal.AppOwnerOrganizationId is { } owner && MicrosoftTenants.Contains(owner);

    /// <summary>
    /// The principals that hold a directory role whose definition allows the action somewhere, actively or through a
    /// PIM eligibility in force at <see cref="AsOf"/> (they may activate it: <see cref="DecideDirectoryRole"/>): the
    /// only candidates worth deciding target by target. A role-assignable group holding such a role is one, and so are
    /// its members: whoever joins the group (its owners, a PIM for Groups eligible member) holds what the group holds,
    /// so the group's own edges are the steps after joining it.
    /// </summary>
    public IEnumerable<string> RoleHoldersFor(string action)
    {
        var roles = Directory.RoleDefinitions
            .Where(d => d.RolePermissions.Any(p => p.AllowedResourceActions.Any(a => ResourceActionPattern.Matches(a, action))))
            .SelectMany(d => new[] { d.Id, d.TemplateId }.OfType<string>())
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        return Directory.RoleAssignments.Concat(Directory.RoleEligibilities.Where(e => e.IsInForceAt(AsOf))).Where(a => roles.Contains(a.RoleDefinitionId))
            .SelectMany(a => Directory.FindGroup(a.PrincipalId) is { IsAssignableToRole: true } group ? MembersOf(group).Prepend(group.Id) : [a.PrincipalId])
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.Ordinal);
    }

    /// <summary>
    /// Decides a directory role action of the principal on the target (<c>/</c> for the tenant) for an edge: with the
    /// roles it holds (itself or through a role-assignable group); when they do not allow it for certain, with each of
    /// its PIM eligibilities in force at <see cref="AsOf"/> (its own, then its role-assignable groups'), activated
    /// alone, under the role's PIM policy as <c>entra-pim-activate</c> decides it (certain without approval,
    /// conditional on the approvers, or on the activation settings when no policy was exported). The first certain
    /// way wins, the active roles first; else the active roles when they hold under conditions (or undecided), else
    /// the first activation that needs an approver, else the active roles' refusal.
    /// </summary>
    /// <param name="principal">Who acts.</param>
    /// <param name="action">The resource action (<c>microsoft.directory/users/password/update</c>).</param>
    /// <param name="target">The object acted on; <c>/</c> for the tenant.</param>
    public DirectoryRoleStep DecideDirectoryRole(string principal, string action, string target)
    {
        var direct = Roles.Authorize(principal, action, target);
        if (direct.Kind == DecisionKind.Allowed)
        {
            return new(direct, null);
        }

        DirectoryRoleStep? conditional = null;
        foreach (var (eligibility, group) in EligibleDirectoryRolesOf(principal))
        {
            var activated = Roles.Authorize(principal, action, target, activating: eligibility);
            if (activated.Kind != DecisionKind.Allowed)
            {
                continue;
            }

            var step = new DirectoryRoleStep(activated, DirectoryActivationOf(principal, eligibility, group));
            if (step.IsCertain)
            {
                return step;
            }

            conditional ??= step;
        }

        return direct.Kind is DecisionKind.Conditional or DecisionKind.Indeterminate || conditional is null ? new(direct, null) : conditional;
    }

    // Asked once per holder and target pair: a holder's eligibilities and their activations are worked out once.
    private readonly ConcurrentDictionary<string, ImmutableArray<(DirectoryRoleAssignment Eligibility, string? Group)>> _eligibleDirectoryRoles = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<(string Principal, string Eligibility), DirectoryRoleActivation> _directoryActivations = new();

    private ImmutableArray<(DirectoryRoleAssignment Eligibility, string? Group)> EligibleDirectoryRolesOf(string principal) =>
        _eligibleDirectoryRoles.GetOrAdd(principal, p => [.. Roles.EligibilitiesOf(p)]);

    internal DirectoryRoleActivation DirectoryActivationOf(string principal, DirectoryRoleAssignment eligibility, string? group) =>
        _directoryActivations.GetOrAdd((principal.ToLowerInvariant(), eligibility.Id), _ =>
        {
            var verdict = ActivationVerdict.Decide(Directory.DirectoryRoleActivationPolicy(eligibility.RoleDefinitionId), principal, "the role's", Checkers.ActivateEligibleRoleEdgeChecker.Requirement, Directory);
            var name = Directory.FindRoleDefinition(eligibility.RoleDefinitionId)?.DisplayName ?? eligibility.RoleDefinitionId;
            return new DirectoryRoleActivation(eligibility, name, verdict.Requirements, verdict.Supplies) { Group = group is null ? null : Directory.FindGroup(group)?.DisplayName ?? group };
        });

    /// <summary>Direct members of a group (role-assignable groups cannot nest).</summary>
    public static IEnumerable<string> MembersOf(EntraGroup group) => (group.TransitiveMembers ?? group.Members ?? []).Select(m => m.Id);

    /// <summary>Who holds a directory role assignment or eligibility: the members of a role-assignable group it names, else its principal.</summary>
    public IEnumerable<string> HoldersOf(DirectoryRoleAssignment assignment) =>
        Directory.FindGroup(assignment.PrincipalId) is { IsAssignableToRole: true } group ? MembersOf(group) : [assignment.PrincipalId];

    /// <summary>What granted a decision, for an edge's permission: the statement of the layer that decided, else its summary.</summary>
    public static string GrantedBy(Decision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);

        // The layer that decided (an Azure decision lists every role assignment it weighed, those that grant nothing too).
        var layers = decision.Explanation.Layers;
        var deciding = layers.FirstOrDefault(l => l.Decisive) ?? layers.FirstOrDefault(l => l.Outcome == LayerOutcome.Allows);
        return (deciding?.Statements ?? layers.SelectMany(l => l.Statements)).FirstOrDefault() is { } statement ? $"{statement.Policy}: {statement.Statement}" : decision.Explanation.Summary;
    }

    /// <summary>An edge for a decision: certain when allowed, conditional on its requirements, indeterminate as a requirement; none when denied.</summary>
    public static Edge? EdgeIf(string technique, string from, string to, string description, Decision decision, string action, string resource, bool grantsAdmin = false)
    {
        var requirements = decision switch
        {
            Allowed => ImmutableArray<string>.Empty,
            Conditional conditional => conditional.Requirements,
            Indeterminate indeterminate => [$"Ward could not decide `{action}`: {indeterminate.Reason}"],
            _ => (ImmutableArray<string>?)null,
        };
        if (requirements is not { } needed)
        {
            return null;
        }

        return new Edge(new PrincipalId(from), new PrincipalId(to), technique, description, [new EdgePermission(action, resource, GrantedBy(decision), [])])
        {
            Requirements = needed,
            GrantsAdmin = grantsAdmin,
        };
    }
}
