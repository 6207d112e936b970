using Ward.Aws.Estate;

namespace Ward.Analysis.Rules;

/// <summary>
/// IAM Identity Center's roles (<c>AWSReservedSSO_&lt;permission set&gt;_&lt;suffix&gt;</c> under
/// <c>/aws-reserved/sso.amazonaws.com/</c>): IAM refuses to change or delete them, so a finding's remediation points
/// to their permission set and its account assignments instead.
/// </summary>
internal static class IdentityCenterRoles
{
    private const string Prefix = "AWSReservedSSO_";

    /// <summary>Where AWS documents that these roles are protected and follow their permission set's account assignments.</summary>
    public static readonly IReadOnlyList<string> References =
    [
        "https://repost.aws/knowledge-center/identity-center-aws-reserved-sso",
        "https://docs.aws.amazon.com/singlesignon/latest/userguide/referencingpermissionsets.html",
    ];

    /// <summary>The Identity Center role of a principal ARN, or null when the principal is not one.</summary>
    public static IamRole? Of(AnalysisContext context, string principalArn) =>
        context.Estate.Roles.GetValueOrDefault(principalArn) is { IsIdentityCenterRole: true } role ? role : null;

    /// <summary>
    /// The permission set the role stands for: as the Identity Center export maps it when loaded, else as its name
    /// says (<c>AWSReservedSSO_NAME_</c> and a 16-digit suffix; a permission set's name may hold underscores).
    /// </summary>
    public static string PermissionSet(AnalysisContext context, IamRole role)
    {
        if (context.Estate.IdentityCenter is { } center
            && center.AssignmentsByRole.GetValueOrDefault(role.Arn) is { IsDefaultOrEmpty: false } assignments
            && center.PermissionSetByArn(assignments[0].PermissionSetArn) is { } permissionSet)
        {
            return permissionSet.Name;
        }

        var name = role.Name.StartsWith(Prefix, StringComparison.Ordinal) ? role.Name[Prefix.Length..] : role.Name;
        var suffix = name.LastIndexOf('_');
        return suffix > 0 ? name[..suffix] : name;
    }

    /// <summary>What to do about a role nobody uses: remove the permission set's assignment to the account.</summary>
    public static string RemoveAssignment(AnalysisContext context, IamRole role) =>
        $"`{role.Name}` is the IAM Identity Center role of permission set `{PermissionSet(context, role)}` in account {role.Account}: AWS manages it, and IAM refuses to delete it or change its policies. "
        + $"If nobody needs the permission set in this account any more, remove its account assignments for account {role.Account} in IAM Identity Center (`aws sso-admin delete-account-assignment`); Identity Center deletes the role when the last one goes. "
        + "If it is kept for rare use, narrow the permission set (which changes the role in every account it is assigned to).";

    /// <summary>What to do about permissions a role does not use: narrow its permission set.</summary>
    public static string NarrowPermissionSet(AnalysisContext context, IamRole role) =>
        $"`{role.Name}` is the IAM Identity Center role of permission set `{PermissionSet(context, role)}`: AWS manages it, and IAM refuses to change its policies. "
        + "Remove the unused permissions from the permission set in IAM Identity Center (its inline policy, managed policies, customer managed policy references or permissions boundary), then re-provision it; the change applies in every account the permission set is assigned to, so check that the permissions are unused there too. "
        + "If nobody needs the permission set in this account at all, remove its account assignments for the account instead.";
}
