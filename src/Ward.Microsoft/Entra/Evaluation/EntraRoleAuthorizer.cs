using System.Collections.Frozen;
using System.Collections.Immutable;
using Ward.Core.Decisions;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Microsoft.Entra.Evaluation;

/// <summary>
/// Decides whether a principal's Entra directory roles let it perform a resource action
/// (<c>microsoft.directory/users/password/update</c>) on one directory object, with the explanation.
/// </summary>
/// <remarks>
/// A role counts when it is assigned to the principal, or to a role-assignable group it is a member of, and active
/// (PIM-eligible ones only when asked to activate them). An eligibility counts, for the principal and for the roles a
/// target holds, only when it is in force at the reference time: one that has ended, or has not started yet, is not
/// held (none is left out when no reference time is given). Its assignment must reach the target: the tenant (<c>/</c>);
/// an administrative unit, whose direct members only it reaches (not members of member groups); or one object. An
/// app-specific scope (<c>appScopeId</c>) reaches no directory object, and the refusal says so. Members of a restricted
/// management administrative unit are reached only by roles scoped to that unit. A permission under
/// <c>$ResourceIsSelf</c> holds on the principal itself, under <c>$SubjectIsOwner</c> on what it owns. A password reset,
/// a refresh token invalidation and the sensitive user actions are further limited by the roles the target holds
/// (<see cref="UserTiers"/>). A change to a role-assignable group asked through a <c>groups</c> entity is decided on
/// <c>groupsAssignableToRoles</c>, the only entity that reaches one (<see cref="GroupResourceActions.RoleAssignableForm"/>).
/// </remarks>
/// <param name="directory">The tenant's directory.</param>
/// <param name="asOf">The reference time the eligibilities are read at; null: every eligibility counts, whatever its dates.</param>
public sealed class EntraRoleAuthorizer(EntraDirectory directory, DateTimeOffset? asOf = null)
{
    private const string Layer = "directory roles";

    // Asked once per source and target pair over large tenants: assignments are looked up by principal, not searched.
    private readonly Lazy<ILookup<string, DirectoryRoleAssignment>> _active = new(() => directory.RoleAssignments.ToLookup(a => a.PrincipalId, StringComparer.OrdinalIgnoreCase));
    private readonly Lazy<ILookup<string, DirectoryRoleAssignment>> _eligible = new(() =>
        directory.RoleEligibilities
            .Where(a => asOf is not { } time || a.IsInForceAt(time))
            .ToLookup(a => a.PrincipalId, StringComparer.OrdinalIgnoreCase));

    private readonly Lazy<HashSet<string>> _roleAssignableGroupOwners = new(() =>
        directory.Groups.Where(g => g.IsAssignableToRole).SelectMany(g => g.Owners ?? []).Select(o => o.Id).ToHashSet(StringComparer.OrdinalIgnoreCase));

    // The restricted management administrative units each object is a direct member of.
    private readonly Lazy<ILookup<string, AdministrativeUnit>> _restrictingUnits = new(() =>
        directory.AdministrativeUnits.Where(u => u.IsMemberManagementRestricted)
            .SelectMany(u => (u.Members ?? []).Select(m => (m.Id, Unit: u)))
            .ToLookup(p => p.Id, p => p.Unit, StringComparer.OrdinalIgnoreCase));

    public EntraDirectory Directory { get; } = directory;

    /// <summary>
    /// The restricted management administrative units the object is a direct member of: only roles scoped to one of
    /// them change it; tenant-wide roles, roles scoped to another (regular) unit or to the object, its owners and
    /// Microsoft Graph application permissions do not (Microsoft Entra documentation, "Restricted management
    /// administrative units": "Who can modify objects?" and "Programmability").
    /// </summary>
    public IReadOnlyList<AdministrativeUnit> RestrictingUnits(string objectId) => [.. _restrictingUnits.Value[objectId]];

    /// <param name="principalId">The caller.</param>
    /// <param name="action">The resource action.</param>
    /// <param name="targetId">The directory object acted on.</param>
    /// <param name="activateEligible">Count PIM-eligible roles as activated.</param>
    /// <param name="ownership">
    /// Also count what owning the target grants without any role (see <see cref="OwnerActions"/>): what a user asks
    /// (<c>ward can</c>). The escalation checkers model ownership as techniques of their own and leave it out.
    /// </param>
    /// <param name="activating">
    /// One PIM eligibility of the principal (or of a role-assignable group it is a member of, as
    /// <see cref="EligibilitiesOf"/> lists them) counted as activated, alone: the escalation checkers decide an eligible
    /// holder's step with each of its eligibilities in turn, so that the step names the one it activates.
    /// </param>
    public Decision Authorize(string principalId, string action, string targetId, bool activateEligible = false, bool ownership = false, DirectoryRoleAssignment? activating = null)
    {
        ArgumentNullException.ThrowIfNull(principalId);
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(targetId);
        var layers = ImmutableArray.CreateBuilder<LayerEvaluation>();
        var refusals = new List<string>();
        var unknowns = new List<string>();

        // A role-assignable group is an entity of its own: a change asked through `groups` is decided on `groupsAssignableToRoles`.
        var roleAssignableForm = GroupResourceActions.RoleAssignableForm(action, Directory.FindGroup(targetId));
        var tiers = UserTiers.For(action);
        foreach (var (assignment, viaGroup) in AssignmentsOf(principalId, activateEligible, activating))
        {
            var definition = Directory.FindRoleDefinition(assignment.RoleDefinitionId);
            var roleName = definition?.DisplayName ?? assignment.RoleDefinitionId;
            var held = $"{roleName} at `{assignment.DirectoryScope}`{(viaGroup is null ? string.Empty : $" through group `{GroupName(viaGroup)}`")}{(assignment.State == AssignmentState.Eligible ? " (eligible, counted as activated)" : string.Empty)}";
            if (definition is null)
            {
                unknowns.Add($"the definition of role `{assignment.RoleDefinitionId}` ({held}) is not in the export");
                continue;
            }

            var matched = definition.RolePermissions
                .SelectMany(p => p.AllowedResourceActions.Where(a => ResourceActionPattern.Matches(a, roleAssignableForm ?? action)).Select(a => (Permission: p, Pattern: a)))
                .ToList();
            if (matched.Count == 0)
            {
                if (roleAssignableForm is not null
                    && definition.RolePermissions.SelectMany(p => p.AllowedResourceActions).FirstOrDefault(a => ResourceActionPattern.Matches(a, action)) is { } groupsPattern)
                {
                    refusals.Add($"{held} grants `{groupsPattern}`, but `{GroupName(targetId)}` is a role-assignable group, which only `{roleAssignableForm}` reaches (by default Global Administrators and Privileged Role Administrators hold it; the group's owners manage it too)");
                }

                continue;
            }

            if (!Reaches(assignment.DirectoryScope, targetId, out var scopeProblem))
            {
                refusals.Add($"{held} grants `{matched[0].Pattern}` but {scopeProblem}");
                continue;
            }

            var usable = matched.Where(m => ConditionHolds(m.Permission.Condition, principalId, targetId)).ToList();
            if (usable.Count == 0)
            {
                refusals.Add($"{held} grants `{matched[0].Pattern}` only under `{matched[0].Permission.Condition}`, which does not hold for `{targetId}`");
                continue;
            }

            if (tiers is not null
                && TierRefusal(tiers, definition, assignment, targetId) is { } refusal)
            {
                if (refusal.Undecided)
                {
                    unknowns.Add($"{held}: {refusal.Reason}");
                }
                else
                {
                    refusals.Add($"{held}: {refusal.Reason}");
                }

                continue;
            }

            var statement = new StatementMatch(roleName, usable[0].Pattern, StatementEffect.Allow, usable[0].Permission.Condition is { } condition ? [condition] : []);
            layers.Add(new LayerEvaluation(Layer, held, LayerOutcome.Allows, [statement]) { Decisive = true });
            return new Allowed(new Explanation($"Allowed: {held} grants `{usable[0].Pattern}` on `{targetId}`.", layers.ToImmutable()));
        }

        var owned = ownership ? OwnedTarget(principalId, action, targetId) : null;
        if (owned is not null && RestrictingUnits(targetId) is [var restricting, ..])
        {
            // "Owners of groups or devices added to restricted management administrative units": blocked.
            refusals.Add($"`{principalId}` is an owner of {owned}, but owners may not manage a group in the restricted management administrative unit `{restricting.DisplayName ?? restricting.Id}`");
        }
        else if (owned is not null)
        {
            var statement = new StatementMatch("owner", action, StatementEffect.Allow, []);
            layers.Add(new LayerEvaluation("ownership", owned, LayerOutcome.Allows, [statement]) { Decisive = true });
            return new Allowed(new Explanation($"Allowed: `{principalId}` is an owner of {owned}, and owners may `{action}` without any role.", layers.ToImmutable()));
        }

        if (unknowns.Count > 0)
        {
            return new Indeterminate(string.Join("; ", unknowns), new Explanation($"Indeterminate: {string.Join("; ", unknowns)}.", layers.ToImmutable()));
        }

        var why = refusals.Count > 0 ? string.Join("; ", refusals) : $"no directory role of the principal grants `{action}`";
        layers.Add(new LayerEvaluation(Layer, null, LayerOutcome.NoMatchingAllow, []) { Decisive = true });
        return new ImplicitDeny(new Explanation($"Implicitly denied: {why}.", layers.ToImmutable()));
    }

    /// <summary>
    /// The principal's PIM eligibilities for directory roles, its own and those of the role-assignable groups it is a
    /// member of (PIM lets a group's members activate its eligibilities), with the group's id for the latter; only
    /// those in force at the reference time, when there is one.
    /// </summary>
    public IEnumerable<(DirectoryRoleAssignment Eligibility, string? ViaGroup)> EligibilitiesOf(string principalId)
    {
        ArgumentNullException.ThrowIfNull(principalId);
        var holders = RoleAssignableGroupsOf(principalId).Select(g => (Id: g, Via: (string?)g)).Prepend((Id: principalId, Via: null));
        return holders.SelectMany(h => _eligible.Value[h.Id].Select(e => (e, h.Via)));
    }

    /// <summary>The principal's role assignments, direct and through the role-assignable groups it is in (only those can hold roles).</summary>
    private IEnumerable<(DirectoryRoleAssignment Assignment, string? ViaGroup)> AssignmentsOf(string principalId, bool activateEligible, DirectoryRoleAssignment? activating)
    {
        var holders = RoleAssignableGroupsOf(principalId).Select(g => (Id: g, Via: (string?)g)).Prepend((Id: principalId, Via: null));
        foreach (var (holder, via) in holders)
        {
            foreach (var assignment in _active.Value[holder])
            {
                yield return (assignment, via);
            }

            if (activateEligible)
            {
                foreach (var assignment in _eligible.Value[holder])
                {
                    yield return (assignment, via);
                }
            }
            else if (activating is not null && string.Equals(activating.PrincipalId, holder, StringComparison.OrdinalIgnoreCase))
            {
                yield return (activating, via);
            }
        }
    }

    private List<string> RoleAssignableGroupsOf(string principalId) =>
        [.. Directory.TransitiveGroupsOf(principalId).Where(g => Directory.FindGroup(g)?.IsAssignableToRole == true)];

    private bool Reaches(DirectoryScope scope, string targetId, out string problem)
    {
        problem = string.Empty;
        var restricting = RestrictingUnits(targetId);
        var restricted = restricting.Count > 0
            ? $"`{targetId}` is a member of the restricted management administrative unit `{restricting[0].DisplayName ?? restricting[0].Id}`, which only roles scoped to it (or to another restricted management unit it is a member of) can manage"
            : string.Empty;
        switch (scope.Kind)
        {
            case DirectoryScopeKind.Tenant when restricting.Count > 0:
                problem = restricted;
                return false;
            case DirectoryScopeKind.Tenant:
                return true;
            case DirectoryScopeKind.AdministrativeUnit:
                var unit = Directory.FindAdministrativeUnit(scope.Id!);
                if (unit is not null && IsDirectMember(unit, targetId))
                {
                    // A regular unit's role does not reach a member that a restricted management unit also holds.
                    if (restricting.Count > 0 && !unit.IsMemberManagementRestricted)
                    {
                        problem = $"{restricted}; a role scoped to the regular administrative unit `{unit.DisplayName ?? unit.Id}` does not";
                        return false;
                    }

                    return true;
                }

                problem = unit is null
                    ? $"its administrative unit `{scope.Id}` is not in the export"
                    : $"`{targetId}` is not a member of the administrative unit `{unit.DisplayName ?? unit.Id}` it is scoped to (members of member groups are not reached)";
                return false;
            case DirectoryScopeKind.DirectoryObject when string.Equals(scope.Id, targetId, StringComparison.OrdinalIgnoreCase) && restricting.Count > 0:
                problem = $"{restricted}; a role scoped to the object itself does not";
                return false;
            case DirectoryScopeKind.DirectoryObject when string.Equals(scope.Id, targetId, StringComparison.OrdinalIgnoreCase):
                return true;
            case DirectoryScopeKind.AppScope:
                problem = $"it is scoped to the app-specific scope `{scope}` (`appScopeId`), which only the application that defines it understands: it is not read as reaching directory objects";
                return false;
            default:
                problem = $"it is scoped to `{scope}` only";
                return false;
        }
    }

    private static bool IsDirectMember(AdministrativeUnit unit, string objectId) =>
        unit.Members is { } members && members.Any(m => string.Equals(m.Id, objectId, StringComparison.OrdinalIgnoreCase));

    private bool ConditionHolds(string? condition, string principalId, string targetId) => condition switch
    {
        null or "" => true,
        "$ResourceIsSelf" => string.Equals(principalId, targetId, StringComparison.OrdinalIgnoreCase),
        "$SubjectIsOwner" => OwnersOf(targetId).Any(o => string.Equals(o.Id, principalId, StringComparison.OrdinalIgnoreCase)),
        _ => false,
    };

    /// <summary>
    /// What owners of a group, an application or a service principal may do to it without any role: a group's
    /// membership, owners and properties; an application's or service principal's credentials, owners, properties,
    /// authentication and permissions, and who is assigned to a service principal (Microsoft Entra documentation,
    /// "Default user permissions" and the object owner pages).
    /// </summary>
    public static FrozenSet<string> OwnerActions { get; } = FrozenSet.ToFrozenSet(
        [
            "microsoft.directory/groups/members/update", "microsoft.directory/groups/owners/update", "microsoft.directory/groups/basic/update",
            "microsoft.directory/applications/credentials/update", "microsoft.directory/applications/owners/update", "microsoft.directory/applications/basic/update",
            "microsoft.directory/applications/authentication/update", "microsoft.directory/applications/permissions/update",
            "microsoft.directory/servicePrincipals/credentials/update", "microsoft.directory/servicePrincipals/owners/update", "microsoft.directory/servicePrincipals/basic/update",
            "microsoft.directory/servicePrincipals/authentication/update", "microsoft.directory/servicePrincipals/permissions/update", "microsoft.directory/servicePrincipals/appRoleAssignedTo/update",
        ],
        StringComparer.OrdinalIgnoreCase);

    /// <summary>The target, named for explanations, when the principal owns it and owners may perform the action on its kind; null otherwise.</summary>
    private string? OwnedTarget(string principalId, string action, string targetId)
    {
        if (!OwnerActions.Contains(action))
        {
            return null;
        }

        var (owners, name) = action.Split('/')[1] switch
        {
            "groups" when Directory.FindGroup(targetId) is { } group => (group.Owners, $"group `{group.DisplayName ?? targetId}`"),
            "applications" when Directory.FindApplication(targetId) is { } application => (application.Owners, $"application `{application.DisplayName ?? targetId}`"),
            "servicePrincipals" when Directory.FindServicePrincipal(targetId) is { } servicePrincipal => (servicePrincipal.Owners, $"service principal `{servicePrincipal.DisplayName ?? targetId}`"),
            _ => ((ImmutableArray<DirectoryObjectReference>?)null, string.Empty),
        };
        return owners is { } list && list.Any(o => string.Equals(o.Id, principalId, StringComparison.OrdinalIgnoreCase)) ? name : null;
    }

    /// <summary>The owners of an application, service principal or group (empty when none, or not exported).</summary>
    public ImmutableArray<DirectoryObjectReference> OwnersOf(string objectId) =>
        Directory.FindApplication(objectId)?.Owners ?? Directory.FindServicePrincipal(objectId)?.Owners ?? Directory.FindGroup(objectId)?.Owners ?? [];

    /// <summary>Why the role may not perform the tiered action on this user (<see cref="UserTiers"/>); null when it may.</summary>
    private (string Reason, bool Undecided)? TierRefusal(UserTiers tiers, DirectoryRoleDefinition actor, DirectoryRoleAssignment assignment, string targetId)
    {
        var template = actor.TemplateId ?? actor.Id;
        if (tiers.ActsOnAnyone(template))
        {
            return null;
        }

        // The roles the target holds (active or eligible: an eligible administrator is one activation away).
        var targetGroups = RoleAssignableGroupsOf(targetId);
        var held = targetGroups.Prepend(targetId).SelectMany(h => _active.Value[h].Concat(_eligible.Value[h]))
            .Select(a => Directory.FindRoleDefinition(a.RoleDefinitionId) is { } d ? (Template: d.TemplateId ?? d.Id, d.DisplayName, d.IsBuiltIn) : (Template: a.RoleDefinitionId, DisplayName: (string?)null, IsBuiltIn: true))
            .DistinctBy(r => r.Template, StringComparer.OrdinalIgnoreCase)
            .ToList();
        var ownsRoleAssignableGroup = _roleAssignableGroupOwners.Value.Contains(targetId);
        if (targetGroups.Count > 0 || ownsRoleAssignableGroup)
        {
            return ($"`{targetId}` is a member or owner of a role-assignable group: only {tiers.Anyone} may {tiers.Verb}", false);
        }

        // "User with a role scoped to a restricted management administrative unit": only the roles that act on anyone
        // (Privileged Authentication Administrators and Global Administrators, and for a reset Partner Tier2 Support),
        // whatever the role.
        var restrictedScope = targetGroups.Prepend(targetId).SelectMany(h => _active.Value[h].Concat(_eligible.Value[h]))
            .Where(a => a.DirectoryScope.Kind == DirectoryScopeKind.AdministrativeUnit)
            .Select(a => Directory.FindAdministrativeUnit(a.DirectoryScope.Id!))
            .FirstOrDefault(u => u is { IsMemberManagementRestricted: true });
        if (restrictedScope is { } unit)
        {
            return ($"`{targetId}` holds a role scoped to the restricted management administrative unit `{unit.DisplayName ?? unit.Id}`: only {tiers.Anyone} may {tiers.Verb}", false);
        }

        if (held.Count == 0)
        {
            return null;
        }

        if (held.Find(r => !r.IsBuiltIn) is { Template: not null } custom)
        {
            return ($"`{targetId}` holds the custom role `{custom.DisplayName ?? custom.Template}`: only {tiers.Anyone} may {tiers.Verb}", false);
        }

        // "Certain role permissions apply only to nonadministrator users when assigned with the scope of an administrative
        // unit", whatever the role (Microsoft Entra documentation, "Assign Microsoft Entra roles", "Roles that can be
        // assigned with administrative unit scope"). Privileged Authentication Administrator, which acts on "any user
        // (admin or non-admin)" there, is let through above. The page also says of User Administrator that it resets
        // "passwords for limited admins within the assigned administrative unit only": for a reset of a user holding only
        // roles its column lists, the two statements disagree, so Ward does not decide that one.
        if (assignment.DirectoryScope.Kind == DirectoryScopeKind.AdministrativeUnit)
        {
            var holds = string.Join(", ", held.Select(r => $"`{r.DisplayName ?? r.Template}`"));
            var actorName = actor.DisplayName ?? template;
            if (tiers.UnitScopeRestriction is not { } restriction)
            {
                return ($"`{targetId}` holds {holds}, and Microsoft restricts some permissions of roles scoped to an administrative unit when the target \"is a user with another role or an administrator\", without naming this one (\"Assign Microsoft Entra roles\"): Ward does not know whether `{actorName}` may {tiers.Verb}", true);
            }

            if (string.Equals(template, PasswordResetTiers.UserAdministrator, StringComparison.OrdinalIgnoreCase) && string.Equals(restriction, "Reset user passwords", StringComparison.Ordinal)
                && tiers.ActsOnRoles(template) is { } limited && held.TrueForAll(r => limited.Contains(r.Template)))
            {
                return ($"`{targetId}` holds {holds}: Microsoft says that a User Administrator scoped to an administrative unit resets \"passwords for limited admins within the assigned administrative unit only\", and that \"{restriction}\" is restricted for such roles \"when the target of an action is a user with another role or an administrator\" (\"Assign Microsoft Entra roles\"): Ward does not know whether `{actorName}` may {tiers.Verb}", true);
            }

            return ($"`{targetId}` holds {holds}, and `{actorName}` is scoped to an administrative unit: \"{restriction}\" is restricted for roles scoped to an administrative unit \"when the target of an action is a user with another role or an administrator\" (Microsoft Entra documentation, \"Assign Microsoft Entra roles\": \"administrative unit scoped Helpdesk Administrators can reset passwords for users in the administrative unit only if those users don't have administrator roles\")", false);
        }

        if (tiers.ActsOnRoles(template) is not { } reachable)
        {
            return ($"`{targetId}` holds {string.Join(", ", held.Select(r => $"`{r.DisplayName ?? r.Template}`"))}, and Microsoft's table \"{tiers.Table}\" has no column for `{actor.DisplayName ?? template}`: Ward does not know whether it may {tiers.Verb}", true);
        }

        return held.Find(r => !reachable.Contains(r.Template)) is { Template: not null } protectedRole
            ? ($"`{targetId}` holds `{protectedRole.DisplayName ?? protectedRole.Template}`, so `{actor.DisplayName ?? template}` may not {tiers.Verb} (Microsoft's table \"{tiers.Table}\")", false)
            : null;
    }

    private string GroupName(string groupId) => Directory.FindGroup(groupId)?.DisplayName ?? groupId;
}
