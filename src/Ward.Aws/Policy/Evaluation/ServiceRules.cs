namespace Ward.Aws.Policy.Evaluation;

/// <summary>Documented service-specific refusals that no policy can lift.</summary>
internal static class ServiceRules
{
    private static readonly HashSet<string> ManagedPolicyWrites = new(StringComparer.Ordinal)
    {
        "iam:createpolicy", "iam:createpolicyversion", "iam:deletepolicy", "iam:deletepolicyversion",
        "iam:setdefaultpolicyversion", "iam:tagpolicy", "iam:untagpolicy",
    };

    private static readonly HashSet<string> ReservedRoleWrites = new(StringComparer.Ordinal)
    {
        "iam:attachrolepolicy", "iam:createrole", "iam:createservicelinkedrole", "iam:deleterole",
        "iam:deleterolepermissionsboundary", "iam:deleterolepolicy", "iam:deleteservicelinkedrole",
        "iam:detachrolepolicy", "iam:passrole", "iam:putrolepermissionsboundary", "iam:putrolepolicy", "iam:tagrole",
        "iam:untagrole", "iam:updateassumerolepolicy", "iam:updaterole", "iam:updateroledescription",
    };

    private static readonly HashSet<string> AliasWrites = new(StringComparer.Ordinal) { "kms:createalias", "kms:deletealias", "kms:updatealias" };

    /// <summary>ARN patterns of the resources <see cref="Blocks"/> may single out for the action (whatever the policies say).</summary>
    public static IEnumerable<string> SingledOut(string actionLower)
    {
        if (ManagedPolicyWrites.Contains(actionLower))
        {
            yield return "arn:*:iam::aws:policy/*";
        }

        if (ReservedRoleWrites.Contains(actionLower))
        {
            yield return "arn:*:iam::*:role/aws-reserved/*";
        }

        if (AliasWrites.Contains(actionLower))
        {
            yield return "arn:*:kms:*:*:alias/aws/*";
        }
    }

    /// <returns>Why the request can never succeed, or null.</returns>
    public static string? Blocks(AwsPrincipal caller, string actionLower, string resource)
    {
        if (ManagedPolicyWrites.Contains(actionLower) && resource.Contains(":iam::aws:policy/", StringComparison.Ordinal))
        {
            return "AWS managed policies cannot be changed by customers";
        }

        if (ReservedRoleWrites.Contains(actionLower) && resource.Contains(":role/aws-reserved/", StringComparison.Ordinal))
        {
            return "roles under `/aws-reserved/` are managed by AWS (IAM Identity Center) and cannot be changed or passed";
        }

        if (AliasWrites.Contains(actionLower) && resource.Contains(":alias/aws/", StringComparison.OrdinalIgnoreCase))
        {
            return "aliases beginning with `alias/aws/` are reserved for AWS managed keys";
        }

        if (caller.Type == AwsPrincipalType.AccountRoot && actionLower.StartsWith("sts:assumerole", StringComparison.Ordinal))
        {
            return "the account root user cannot assume roles";
        }

        return null;
    }
}
