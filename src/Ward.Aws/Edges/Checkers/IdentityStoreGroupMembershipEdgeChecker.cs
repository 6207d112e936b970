using Ward.Aws.Estate;
using Ward.Aws.Policy.Evaluation;
using Ward.Core.Decisions;
using Ward.Core.Graph;

namespace Ward.Aws.Edges.Checkers;

/// <summary>
/// <c>ward-identitystore-group-membership</c>: a principal of an account that administers IAM Identity Center (the
/// instance's owner, i.e. the management account, or a delegated administrator) allowed
/// identitystore:CreateGroupMembership on the identity store and on a group that is assigned a permission set in an
/// account can add an Identity Center user it controls to that group and sign in to the account as the permission
/// set's <c>AWSReservedSSO_…</c> role. Identity store permissions alone suffice: no sso: action is needed.
/// </summary>
/// <remarks>
/// Runs against targets known to lead to admin, so only roles of admin (or escalating) permission sets are
/// reached. The edge always carries the Identity Center user as a requirement (see
/// <see cref="IdentityCenterAdministration.UserItSignsInAs"/>).
/// </remarks>
public sealed class IdentityStoreGroupMembershipEdgeChecker : IAwsEdgeChecker
{
    private const string Action = "identitystore:CreateGroupMembership";

    public string TechniqueId => "ward-identitystore-group-membership";

    public bool GrantsAdmin => false;

    public bool TargetsSelf => false;

    public IEnumerable<Edge> Check(AwsEdgeContext context, IReadOnlySet<string>? targets)
    {
        if (context.Estate.IdentityCenter is not { } identityCenter || identityCenter.AssignmentsByRole.IsEmpty)
        {
            yield break;
        }

        var roles = identityCenter.AssignmentsByRole.Keys.Where(role => targets is null || targets.Contains(role)).Order(StringComparer.Ordinal).ToList();
        if (roles.Count == 0)
        {
            yield break;
        }

        var candidates = context.Candidates(Action).ToList();
        foreach (var role in roles)
        {
            // The groups assigned the role's permission set in its account, each with the instance it belongs to.
            var groups = identityCenter.AssignmentsByRole[role]
                .Where(a => a.PrincipalType == IdentityCenterPrincipalType.Group)
                .Select(a => (Assignment: a, Instance: identityCenter.InstanceOf(a.PermissionSetArn)))
                .Where(g => g.Instance is { OwnerAccountId: not null })
                .OrderBy(g => identityCenter.GroupName(g.Assignment.PrincipalId), StringComparer.Ordinal)
                .ToList();
            if (groups.Count == 0)
            {
                continue;
            }

            foreach (var principal in candidates.Where(p => p.Value != role))
            {
                foreach (var (assignment, instance) in groups)
                {
                    if (!identityCenter.AdministeringAccounts(instance!).Contains(principal.Account ?? string.Empty, StringComparer.Ordinal))
                    {
                        continue;
                    }

                    if (EdgeThrough(context, identityCenter, principal, instance!, assignment, role) is { } edge)
                    {
                        yield return edge;
                        break;
                    }
                }
            }
        }
    }

    private Edge? EdgeThrough(AwsEdgeContext context, AwsIdentityCenter identityCenter, AwsPrincipal principal, IdentityCenterInstance instance, AccountAssignment assignment, string role)
    {
        var asAdministrator = IdentityCenterAdministration.AsAdministrator(instance, principal);
        var groupArn = instance.GroupArn(assignment.PrincipalId);
        if (!context.MayAllowOn(principal, Action, groupArn))
        {
            return null;
        }

        var store = (Action, instance.IdentityStoreArn, Decision: context.Can(principal, Action, instance.IdentityStoreArn, adjust: asAdministrator));
        var group = (Action, groupArn, Decision: context.Can(principal, Action, groupArn, adjust: asAdministrator));
        if (!Allows(store.Decision) || !Allows(group.Decision))
        {
            return null;
        }

        // The member: a user of the principal's choosing (any user), else an exported user the policies single out.
        var (userStep, requirement) = IdentityCenterAdministration.UserItSignsInAs(context, principal, instance);
        var anyUser = instance.UserArn("*");
        var member = (Action, Resource: anyUser, Decision: context.Can(principal, Action, anyUser, adjust: asAdministrator));
        if (!Allows(member.Decision))
        {
            userStep = null;
            var named = identityCenter.Users
                .Where(u => u.IdentityStoreId == instance.IdentityStoreId)
                .OrderBy(u => u.UserName, StringComparer.Ordinal)
                .Select(u => (User: u, Arn: instance.UserArn(u.UserId)))
                .Where(u => context.MayAllowOn(principal, Action, u.Arn))
                .Select(u => (u.User, Step: (Action, Resource: u.Arn, Decision: context.Can(principal, Action, u.Arn, adjust: asAdministrator))))
                .FirstOrDefault(u => Allows(u.Step.Decision));
            if (named.User is null)
            {
                return null;
            }

            member = named.Step;
            requirement = $"it controls Identity Center user {named.User.UserName} ({named.User.UserId}), the one its identitystore:CreateGroupMembership grant names";
        }

        var permissionSet = identityCenter.PermissionSetByArn(assignment.PermissionSetArn);
        var roleName = role[(role.LastIndexOf('/') + 1)..];
        var edge = AwsEdgeContext.EdgeIf(
            TechniqueId,
            principal.Value,
            role,
            $"adds an Identity Center user it controls to group {identityCenter.GroupName(assignment.PrincipalId)}, which is assigned permission set {permissionSet?.Name ?? assignment.PermissionSetArn} in account {assignment.AccountId}, and signs in as {roleName}",
            grantsAdmin: false,
            [store, group, member, .. userStep is { } step ? [step] : Array.Empty<(string, string, Decision)>()]);
        if (edge is null)
        {
            return null;
        }

        var delegated = principal.Account != instance.OwnerAccountId && assignment.AccountId == instance.OwnerAccountId
            ? [$"account {principal.Account} administers Identity Center as a delegated administrator and the group is assigned in the management account: AWS keeps delegated administrators from managing that account's assignments and permission sets; Ward assumes it does not keep them from changing the group's members"]
            : Array.Empty<string>();
        return edge with { Requirements = [.. edge.Requirements, requirement, .. delegated] };
    }

    private static bool Allows(Decision decision) => decision.Kind is DecisionKind.Allowed or DecisionKind.Conditional;
}
