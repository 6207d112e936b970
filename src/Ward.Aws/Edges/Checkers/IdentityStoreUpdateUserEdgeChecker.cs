using Ward.Aws.Estate;
using Ward.Aws.Policy.Evaluation;
using Ward.Core.Graph;

namespace Ward.Aws.Edges.Checkers;

/// <summary>
/// <c>ward-identitystore-update-user</c>: a principal of an account that administers IAM Identity Center allowed
/// identitystore:UpdateUser on the identity store and on an Identity Center user who is assigned a permission set in
/// an account (directly or through a group) can set the user's primary email address to one it reads, reset the
/// password from the email Identity Center sends there, sign in as the user and use the permission set's
/// <c>AWSReservedSSO_…</c> role.
/// </summary>
/// <remarks>
/// Only the exported users and memberships are known, so the edge names the user it takes over. It always carries
/// the requirements Ward cannot see: users of Identity Center's own directory (an external identity provider or
/// Active Directory keeps their email and password), and no MFA device of the user's standing in the way.
/// </remarks>
public sealed class IdentityStoreUpdateUserEdgeChecker : IAwsEdgeChecker
{
    private const string Action = "identitystore:UpdateUser";

    public string TechniqueId => "ward-identitystore-update-user";

    public bool GrantsAdmin => false;

    public bool TargetsSelf => false;

    public IEnumerable<Edge> Check(AwsEdgeContext context, IReadOnlySet<string>? targets)
    {
        if (context.Estate.IdentityCenter is not { } identityCenter || identityCenter.AssignmentsByRole.IsEmpty || identityCenter.Users.IsEmpty)
        {
            yield break;
        }

        var roles = identityCenter.AssignmentsByRole.Keys.Where(role => targets is null || targets.Contains(role)).Order(StringComparer.Ordinal).ToList();
        if (roles.Count == 0)
        {
            yield break;
        }

        var candidates = context.Candidates(Action).ToList();
        if (candidates.Count == 0)
        {
            yield break;
        }

        var membersOf = identityCenter.Memberships.ToLookup(m => (m.IdentityStoreId, m.GroupId), m => m.UserId);
        foreach (var role in roles)
        {
            // The users the role's permission set is assigned to, directly or through a group, each with its instance.
            var users = identityCenter.AssignmentsByRole[role]
                .Select(a => (Assignment: a, Instance: identityCenter.InstanceOf(a.PermissionSetArn)))
                .Where(a => a.Instance is { OwnerAccountId: not null })
                .SelectMany(a => UsersOf(identityCenter, membersOf, a.Assignment, a.Instance!).Select(user => (a.Assignment, Instance: a.Instance!, User: user)))
                .DistinctBy(u => (u.Instance.IdentityStoreId, u.User.UserId))
                .OrderBy(u => u.User.UserName, StringComparer.Ordinal)
                .ToList();
            if (users.Count == 0)
            {
                continue;
            }

            foreach (var principal in candidates.Where(p => p.Value != role))
            {
                foreach (var (assignment, instance, user) in users)
                {
                    if (!identityCenter.AdministeringAccounts(instance).Contains(principal.Account ?? string.Empty, StringComparer.Ordinal))
                    {
                        continue;
                    }

                    // Every edge of this technique holds under conditions only, so the first user taken over is enough.
                    if (EdgeThrough(context, identityCenter, principal, instance, assignment, user, role) is { } edge)
                    {
                        yield return edge;
                        break;
                    }
                }
            }
        }
    }

    private static IEnumerable<IdentityStoreUser> UsersOf(AwsIdentityCenter identityCenter, ILookup<(string, string), string> membersOf, AccountAssignment assignment, IdentityCenterInstance instance)
    {
        var ids = assignment.PrincipalType == IdentityCenterPrincipalType.User
            ? [assignment.PrincipalId]
            : membersOf[(instance.IdentityStoreId, assignment.PrincipalId)];
        return ids.SelectMany(id => identityCenter.Users.Where(u => u.IdentityStoreId == instance.IdentityStoreId && u.UserId == id));
    }

    private Edge? EdgeThrough(AwsEdgeContext context, AwsIdentityCenter identityCenter, AwsPrincipal principal, IdentityCenterInstance instance, AccountAssignment assignment, IdentityStoreUser user, string role)
    {
        var userArn = instance.UserArn(user.UserId);
        if (!context.MayAllowOn(principal, Action, userArn))
        {
            return null;
        }

        var asAdministrator = IdentityCenterAdministration.AsAdministrator(instance, principal);
        var store = (Action, instance.IdentityStoreArn, context.Can(principal, Action, instance.IdentityStoreArn, adjust: asAdministrator));
        var target = (Action, userArn, context.Can(principal, Action, userArn, adjust: asAdministrator));
        var permissionSet = identityCenter.PermissionSetByArn(assignment.PermissionSetArn);
        var through = assignment.PrincipalType == IdentityCenterPrincipalType.User ? "directly" : $"through group {identityCenter.GroupName(assignment.PrincipalId)}";
        var edge = AwsEdgeContext.EdgeIf(
            TechniqueId,
            principal.Value,
            role,
            $"changes the email address of Identity Center user {user.UserName}, resets the password from the email sent there and signs in as {role[(role.LastIndexOf('/') + 1)..]}: the user is assigned permission set {permissionSet?.Name ?? assignment.PermissionSetArn} in account {assignment.AccountId} {through}",
            grantsAdmin: false,
            store,
            target);
        return edge is null ? null : edge with
        {
            Requirements =
            [
                .. edge.Requirements,
                $"user {user.UserName} ({user.UserId}) belongs to Identity Center's own directory: with an external identity provider or Active Directory, its email address and password are kept there",
                $"no MFA device of {user.UserName}'s is required at sign-in (Identity Center asks for a registered device after a password reset)",
            ],
        };
    }
}
