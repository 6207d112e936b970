using Ward.Core.Decisions;
using Ward.Core.Graph;
using Ward.Microsoft.Entra.Directory;
using Ward.Microsoft.Entra.Evaluation;

namespace Ward.Microsoft.Edges.Checkers;

/// <summary>
/// <c>entra-add-group-member</c>: adding oneself to a group, and so to its directory roles, Azure role assignments
/// and app roles. Allowed to the group's owners; to directory roles with a form of <c>members/update</c> that reaches
/// the group's type (<see cref="GroupResourceActions"/>): <c>groups/</c> any group, <c>groups.security/</c> security
/// groups (Intune Administrator), <c>groups.unified/</c> Microsoft 365 groups (Exchange, SharePoint, Teams
/// Administrator), and for a role-assignable group only <c>groupsAssignableToRoles/</c> (Groups Administrator does not
/// reach those); and to service principals holding Microsoft Graph's <c>GroupMember.ReadWrite.All</c>,
/// <c>Group.ReadWrite.All</c> or <c>Directory.ReadWrite.All</c> (not role-assignable groups, which these permissions
/// cannot change). A group in a restricted management administrative unit is reached by roles scoped to that unit
/// only: not by its owners, nor by Graph application permissions or PIM for Groups. A mail-enabled security group's
/// members are managed in Exchange Online (Microsoft Graph cannot change them): only its owners reach it, conditionally.
/// Groups whose members follow a dynamic rule take no one by hand, nor do groups synchronized from
/// on-premises Active Directory (their members are managed there). A directory role that can change
/// the group's owners (a form of <c>owners/update</c>) makes its holder an owner first, then a member.
/// Service principals holding a PIM for Groups permission reach every group, role-assignable ones included:
/// <c>PrivilegedAssignmentSchedule.ReadWrite.AzureADGroup</c> or <c>PrivilegedAccess.ReadWrite.AzureADGroup</c>
/// request an active membership for themselves (<c>adminAssign</c>), <c>PrivilegedEligibilitySchedule.ReadWrite.AzureADGroup</c>
/// an eligible one, to activate. Conditional: Microsoft documents users and groups as the principals of these
/// assignments, not service principals, and activation follows the group's PIM settings, which are not exported.
/// </summary>
public sealed class AddGroupMemberEdgeChecker : IMicrosoftEdgeChecker
{
    private const string Operation = "members/update";
    private const string OwnersOperation = "owners/update";
    private static readonly string[] GraphPermissions = ["GroupMember.ReadWrite.All", "Group.ReadWrite.All", "Directory.ReadWrite.All"];

    // Active assignments first: they need no activation.
    private static readonly string[] PimForGroupsPermissions = ["PrivilegedAssignmentSchedule.ReadWrite.AzureADGroup", "PrivilegedAccess.ReadWrite.AzureADGroup", "PrivilegedEligibilitySchedule.ReadWrite.AzureADGroup"];
    private const string PimPrincipalRequirement = "PIM for Groups accepts the service principal as the assignment's principal (Microsoft documents users and groups)";
    private const string PimActivationRequirement = "the service principal can activate the eligible membership, and the group's PIM settings allow it (approval and MFA settings are not exported)";
    private const string PimSelfActivationRequirement = "the service principal can activate the eligible membership";

    public string TechniqueId => "entra-add-group-member";

    public bool GrantsAdmin => false;

    public IEnumerable<Edge> Check(MicrosoftEdgeContext context, IReadOnlySet<string>? targets)
    {
        var holders = GroupResourceActions.AllFor(Operation).SelectMany(context.RoleHoldersFor).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        var ownerWriters = GroupResourceActions.AllFor(OwnersOperation).SelectMany(context.RoleHoldersFor).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        // Members of a group synchronized from on-premises Active Directory are managed there: Entra ID refuses
        // changes to them, whoever asks.
        foreach (var group in context.Directory.Groups.Where(g => (targets is null || targets.Contains(g.Id)) && !g.IsDynamic && g.OnPremisesSyncEnabled != true))
        {
            var name = group.DisplayName ?? group.Id;
            var actions = GroupResourceActions.For(group, Operation).ToList();

            // A group in a restricted management administrative unit is changed only by roles scoped to that unit:
            // not by its owners, not with Microsoft Graph application permissions, not through PIM for Groups
            // (Microsoft Entra documentation, "Restricted management administrative units").
            var restricted = context.Roles.RestrictingUnits(group.Id).Count > 0;

            // A mail-enabled security group's members are managed in Exchange Online: Microsoft Graph cannot change
            // them, so no directory role nor Graph permission does. Its owners stay, on that condition.
            var exchangeManaged = group is { MailEnabled: true, SecurityEnabled: true, IsUnified: false };
            foreach (var owner in restricted ? [] : group.Owners ?? [])
            {
                var edge = new Edge(new(owner.Id), new(group.Id), TechniqueId, $"owns `{name}` and adds itself as a member",
                    [new EdgePermission(actions[0].Action, group.Id, "owner of the group", [])]);
                yield return exchangeManaged
                    ? edge with { Requirements = [$"`{name}` is a mail-enabled security group, whose members are managed in Exchange Online, not through Microsoft Graph: its owner manages them there"] }
                    : edge;
            }

            if (exchangeManaged)
            {
                continue;
            }

            var added = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var holder in holders)
            {
                if (Decide(context, holder, group, actions) is { } chosen
                    && chosen.Step.ToEdge(TechniqueId, holder, group.Id, $"adds itself to `{name}` with its directory role", chosen.Action, group.Id) is { } edge)
                {
                    added.Add(holder);
                    yield return edge;
                }
            }

            // An owner may add members: a role that can add owners makes its holder one first.
            var ownerActions = GroupResourceActions.For(group, OwnersOperation).ToList();
            foreach (var holder in ownerWriters.Where(h => !added.Contains(h)))
            {
                if (Decide(context, holder, group, ownerActions) is { } chosen
                    && chosen.Step.ToEdge(TechniqueId, holder, group.Id, $"makes itself an owner of `{name}` with its directory role, then adds itself as a member", chosen.Action, group.Id) is { } edge)
                {
                    yield return edge;
                }
            }

            // Role-assignable groups are out of these permissions' reach.
            if (!group.IsAssignableToRole && !restricted)
            {
                foreach (var (principal, permission) in context.GraphPermissions.SelectMany(p => GraphPermissions.Where(p.Value.Contains).Take(1).Select(g => (p.Key, g))).OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    added.Add(principal);
                    yield return new Edge(new(principal), new(group.Id), TechniqueId, $"adds itself to `{name}` with Microsoft Graph {permission}",
                        [new EdgePermission(permission, group.Id, "Microsoft Graph application permission", [])]);
                }
            }

            // PIM for Groups, conditional, only where no certain way in was found above.
            foreach (var (principal, permission) in context.GraphPermissions.SelectMany(p => PimForGroupsPermissions.Where(p.Value.Contains).Take(1).Select(g => (p.Key, g))).Where(p => !restricted && !added.Contains(p.Key)).OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                var eligibility = permission == "PrivilegedEligibilitySchedule.ReadWrite.AzureADGroup";
                var how = eligibility ? "makes itself eligible for membership of" : "requests an active membership of";
                var policy = eligibility ? context.Directory.GroupActivationPolicy(group.Id, GroupAccessType.Member) : null;
                var activation = ActivationVerdict.Decide(policy, principal, "the group's", PimActivationRequirement, context.Directory);
                yield return new Edge(new(principal), new(group.Id), TechniqueId, $"{how} `{name}` through PIM for Groups with Microsoft Graph {permission}{(eligibility ? ", then activates it" + activation.Supplies : string.Empty)}",
                    [new EdgePermission(permission, group.Id, "Microsoft Graph application permission", [])])
                {
                    Requirements = !eligibility ? [PimPrincipalRequirement] : policy is null ? [PimPrincipalRequirement, .. activation.Requirements] : [PimPrincipalRequirement, PimSelfActivationRequirement, .. activation.Requirements],
                };
            }
        }
    }

    /// <summary>
    /// The holder's best step over the forms that reach the group (<see cref="MicrosoftEdgeContext.DecideDirectoryRole"/>,
    /// a PIM eligibility activated when its active roles do not allow it): allowed for certain, else allowed on an
    /// assumption about the group's type (conditional on it) or on an activation's approver, else undecided; null when
    /// every form is denied.
    /// </summary>
    internal static (string Action, DirectoryRoleStep Step)? Decide(MicrosoftEdgeContext context, string holder, EntraGroup group, List<GroupResourceAction> actions)
    {
        (string Action, DirectoryRoleStep Step)? best = null;
        foreach (var (action, assumes) in actions)
        {
            var step = context.DecideDirectoryRole(holder, action, group.Id);
            if (step.Kind == DecisionKind.Allowed && assumes is not null)
            {
                step = step with { Decision = new Conditional([assumes], DecisionKind.ImplicitDeny, step.Decision.Explanation) };
            }

            switch (step.Kind)
            {
                case DecisionKind.Allowed when step.IsCertain:
                    return (action, step);
                case DecisionKind.Allowed or DecisionKind.Conditional when best is not { Step.Kind: DecisionKind.Allowed or DecisionKind.Conditional }:
                    best = (action, step);
                    break;
                case DecisionKind.Indeterminate when best is null:
                    best = (action, step);
                    break;
            }
        }

        return best;
    }
}
