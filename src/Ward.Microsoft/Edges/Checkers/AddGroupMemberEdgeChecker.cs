using Ward.Core.Decisions;
using Ward.Core.Graph;

namespace Ward.Microsoft.Edges.Checkers;

/// <summary>
/// <c>entra-add-group-member</c>: adding oneself to a group, and so to its directory roles, Azure role assignments
/// and app roles. Allowed to the group's owners, to directory roles with <c>groups/members/update</c> (or, for a
/// role-assignable group, <c>groupsAssignableToRoles/members/update</c>: Groups Administrator does not reach those),
/// and to service principals holding Microsoft Graph's <c>GroupMember.ReadWrite.All</c>, <c>Group.ReadWrite.All</c> or
/// <c>Directory.ReadWrite.All</c> (not role-assignable groups, which these permissions cannot change). Groups whose
/// members follow a dynamic rule take no one by hand.
/// </summary>
public sealed class AddGroupMemberEdgeChecker : IMicrosoftEdgeChecker
{
    private const string Members = "microsoft.directory/groups/members/update";
    private const string RoleAssignableMembers = "microsoft.directory/groupsAssignableToRoles/members/update";
    private static readonly string[] GraphPermissions = ["GroupMember.ReadWrite.All", "Group.ReadWrite.All", "Directory.ReadWrite.All"];

    public string TechniqueId => "entra-add-group-member";

    public bool GrantsAdmin => false;

    public IEnumerable<Edge> Check(MicrosoftEdgeContext context, IReadOnlySet<string>? targets)
    {
        var holders = context.RoleHoldersFor(Members).Concat(context.RoleHoldersFor(RoleAssignableMembers)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        foreach (var group in context.Directory.Groups.Where(g => (targets is null || targets.Contains(g.Id)) && !g.IsDynamic))
        {
            var name = group.DisplayName ?? group.Id;
            var action = group.IsAssignableToRole ? RoleAssignableMembers : Members;
            foreach (var owner in group.Owners ?? [])
            {
                yield return new Edge(new(owner.Id), new(group.Id), TechniqueId, $"owns `{name}` and adds itself as a member",
                    [new EdgePermission(action, group.Id, "owner of the group", [])]);
            }

            foreach (var holder in holders)
            {
                var decision = context.Roles.Authorize(holder, action, group.Id);
                if (decision.Kind != DecisionKind.ImplicitDeny
                    && MicrosoftEdgeContext.EdgeIf(TechniqueId, holder, group.Id, $"adds itself to `{name}` with its directory role", decision, action, group.Id) is { } edge)
                {
                    yield return edge;
                }
            }

            if (group.IsAssignableToRole)
            {
                continue;
            }

            foreach (var (principal, permission) in context.GraphPermissions.SelectMany(p => GraphPermissions.Where(p.Value.Contains).Take(1).Select(g => (p.Key, g))).OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                yield return new Edge(new(principal), new(group.Id), TechniqueId, $"adds itself to `{name}` with Microsoft Graph {permission}",
                    [new EdgePermission(permission, group.Id, "Microsoft Graph application permission", [])]);
            }
        }
    }
}
