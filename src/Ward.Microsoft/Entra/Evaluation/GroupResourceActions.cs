using System.Collections.Immutable;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Microsoft.Entra.Evaluation;

/// <summary>
/// The resource actions that allow one operation (<c>members/update</c>, <c>owners/update</c>) on a given group, by
/// the group's type. Microsoft's group permission subtypes are entities of their own: a role granting
/// <c>groups.security/members/update</c> (Intune Administrator) or <c>groups.unified/members/update</c> (Exchange,
/// SharePoint, Teams Administrator) does not match a question about <c>groups/members/update</c>, so the question is
/// asked in each form that reaches the group.
/// </summary>
/// <remarks>
/// Microsoft, "Group management permissions for Microsoft Entra custom roles": <c>groups</c> reaches security and
/// Microsoft 365 groups; <c>groups.unified</c> Microsoft 365 groups (<c>groupTypes</c> holds <c>Unified</c>);
/// <c>groups.security</c> security groups (security-enabled and not Microsoft 365); their <c>.assignedMembership</c>
/// forms only those whose members are assigned rather than dynamic. None reaches a role-assignable group, which only
/// <c>groupsAssignableToRoles</c> does.
/// </remarks>
public static class GroupResourceActions
{
    private const string Namespace = "microsoft.directory/";
    private const string RoleAssignable = "groupsAssignableToRoles";
    private const string AnyGroup = "groups";
    private const string Unified = "groups.unified";
    private const string UnifiedAssigned = "groups.unified.assignedMembership";
    private const string Security = "groups.security";
    private const string SecurityAssigned = "groups.security.assignedMembership";

    /// <summary>Every form of the operation, whatever the group: the roles worth deciding group by group hold one of them.</summary>
    public static ImmutableArray<string> AllFor(string operation) =>
        [.. new[] { AnyGroup, Unified, UnifiedAssigned, Security, SecurityAssigned, RoleAssignable }.Select(entity => Action(entity, operation))];

    /// <summary>
    /// The forms of the operation that reach this group, the general one first. A group that is not a Microsoft 365
    /// group and whose export does not say whether it is security-enabled is reached by the security forms only on
    /// that assumption, which <see cref="GroupResourceAction.Assumes"/> states.
    /// </summary>
    public static IEnumerable<GroupResourceAction> For(EntraGroup group, string operation)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(operation);
        if (group.IsAssignableToRole)
        {
            yield return new(Action(RoleAssignable, operation), null);
            yield break;
        }

        yield return new(Action(AnyGroup, operation), null);
        var (typed, assigned, assumes) = group switch
        {
            { IsUnified: true } => (Unified, UnifiedAssigned, (string?)null),
            { SecurityEnabled: true } => (Security, SecurityAssigned, null),
            { SecurityEnabled: null } => (Security, SecurityAssigned, $"`{group.DisplayName ?? group.Id}` is a security group (the export does not say whether it is security-enabled)"),
            _ => (null, null, null),
        };
        if (typed is null)
        {
            yield break;
        }

        yield return new(Action(typed, operation), assumes);
        if (!group.IsDynamic)
        {
            yield return new(Action(assigned!, operation), assumes);
        }
    }

    /// <summary>
    /// The <c>groupsAssignableToRoles</c> form of a change asked through a <c>groups</c> entity
    /// (<c>groups/members/update</c> → <c>groupsAssignableToRoles/members/update</c>) when the group is role-assignable,
    /// which only that entity reaches ("By default, only Global Administrators and Privileged Role Administrators can
    /// manage the membership of a role-assignable group", besides its owners: Microsoft Entra documentation, "Use
    /// Microsoft Entra groups to manage role assignments"). Null when the group is not role-assignable, or the action is
    /// a read (reads of a role-assignable group stay <c>groups</c> permissions) or not about a <c>groups</c> entity.
    /// </summary>
    public static string? RoleAssignableForm(string action, EntraGroup? group)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (group is not { IsAssignableToRole: true }
            || !action.StartsWith(Namespace, StringComparison.OrdinalIgnoreCase)
            || action.EndsWith("/read", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var entityEnd = action.IndexOf('/', Namespace.Length);
        if (entityEnd < 0)
        {
            return null;
        }

        var entity = action[Namespace.Length..entityEnd];
        return GroupEntities.Contains(entity, StringComparer.OrdinalIgnoreCase) ? Action(RoleAssignable, action[(entityEnd + 1)..]) : null;
    }

    private static readonly string[] GroupEntities = [AnyGroup, Unified, UnifiedAssigned, Security, SecurityAssigned];

    private static string Action(string entity, string operation) => $"{Namespace}{entity}/{operation}";
}
