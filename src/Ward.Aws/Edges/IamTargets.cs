using Ward.Aws.Estate;
using Ward.Aws.Policy.Evaluation;

namespace Ward.Aws.Edges;

public enum IamTargetKind
{
    /// <summary>The principal itself, user or role.</summary>
    Self,

    /// <summary>The principal itself, when it is a user.</summary>
    SelfUser,

    /// <summary>The principal itself, when it is a role (or a session of one).</summary>
    SelfRole,
    OtherUsers,
    OtherRoles,
    Groups,
}

/// <summary>Targets of IAM techniques and the resources attached to them.</summary>
internal static class IamTargets
{
    public static IEnumerable<string> For(AwsEdgeContext context, AwsPrincipal principal, IamTargetKind kind) => kind switch
    {
        IamTargetKind.Self => [principal.Value],
        IamTargetKind.SelfUser => principal.Type == AwsPrincipalType.IamUser ? [principal.Value] : [],
        IamTargetKind.SelfRole => principal.Type == AwsPrincipalType.IamRole ? [principal.Value] : [],
        IamTargetKind.OtherUsers => context.SortedUsers(principal.Account).Where(arn => arn != principal.Value),
        IamTargetKind.OtherRoles => context.SortedRoles(principal.Account).Where(arn => arn != principal.Value && !(context.Estate.Roles.TryGetValue(arn, out var role) && role.IsServiceLinked)),
        IamTargetKind.Groups => principal.Type == AwsPrincipalType.IamUser
            ? context.Estate.Accounts.SelectMany(a => a.Groups).Where(g => g.Account == principal.Account).Select(g => g.Arn).Order(StringComparer.Ordinal)
            : [],
        _ => [],
    };

    /// <summary>
    /// Whether the target is of the kind. IAM users, roles, groups and policies have no resource policies, so IAM
    /// actions on them work only from their own account: other accounts' principals are targets only of techniques
    /// that just assume a role (<paramref name="assumesOnly"/>), whose trust policy may admit anyone. A service-linked
    /// role's policies and trust cannot be changed (IAM answers UnmodifiableEntity), so it is the target only of
    /// techniques that just assume a role, whose trust then decides.
    /// </summary>
    public static bool IsOfKind(AwsEdgeContext context, AwsPrincipal principal, IamTargetKind kind, string target, bool assumesOnly = false) => kind switch
    {
        IamTargetKind.Self => target == principal.Value,
        IamTargetKind.SelfUser => target == principal.Value && principal.Type == AwsPrincipalType.IamUser,
        IamTargetKind.SelfRole => target == principal.Value && principal.Type == AwsPrincipalType.IamRole,
        IamTargetKind.OtherUsers => target != principal.Value && context.Estate.Users.TryGetValue(target, out var user) && user.Account == principal.Account,
        IamTargetKind.OtherRoles => target != principal.Value && context.Estate.Roles.TryGetValue(target, out var role) && (assumesOnly || (role.Account == principal.Account && !role.IsServiceLinked)),
        IamTargetKind.Groups => principal.Type == AwsPrincipalType.IamUser && target.Contains(":group/", StringComparison.Ordinal) && target.Split(':')[4] == principal.Account,
        _ => false,
    };

    public static IEnumerable<string> CustomerPoliciesOf(AwsEstate estate, string principalArn)
    {
        if (estate.Users.TryGetValue(principalArn, out var user))
        {
            return user.AttachedPolicies.Concat(estate.GroupsOf(user).SelectMany(g => g.AttachedPolicies)).Select(a => a.PolicyArn)
                .Where(arn => !arn.Contains(":iam::aws:policy/", StringComparison.Ordinal)).Distinct(StringComparer.Ordinal);
        }

        if (estate.Roles.TryGetValue(principalArn, out var role))
        {
            return role.AttachedPolicies.Select(a => a.PolicyArn).Where(arn => !arn.Contains(":iam::aws:policy/", StringComparison.Ordinal)).Distinct(StringComparer.Ordinal);
        }

        return [];
    }

    public static IEnumerable<string> GroupsOf(AwsEstate estate, string principalArn) =>
        estate.Users.TryGetValue(principalArn, out var user)
            ? estate.GroupsOf(user).Select(g => g.Arn)
            : [];
}
