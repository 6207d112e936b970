using System.Collections.Immutable;
using Ward.Aws.Policy.Evaluation;
using Ward.Core.Decisions;

namespace Ward.Aws.Edges;

/// <summary>
/// Admin-equivalent: the effective permissions (after boundaries and SCPs) allow everything, or give full control
/// of IAM (which can grant anything). Decided by the full evaluator on probe requests in the principal's account;
/// an answer that needs unknown facts (MFA, source IP) is not counted as admin but reported as conditional.
/// </summary>
public static class AdminEquivalence
{
    private static readonly (string Action, string Resource)[] Everything =
    [
        ("iam:CreateRole", "arn:aws:iam::{account}:role/ward-admin-probe"),
        ("s3:GetObject", "arn:aws:s3:::ward-admin-probe/object"),
        ("ec2:RunInstances", "arn:aws:ec2:{region}:{account}:instance/*"),
        ("lambda:CreateFunction", "arn:aws:lambda:{region}:{account}:function:ward-admin-probe"),
        ("dynamodb:Scan", "arn:aws:dynamodb:{region}:{account}:table/ward-admin-probe"),
        ("secretsmanager:GetSecretValue", "arn:aws:secretsmanager:{region}:{account}:secret:ward-admin-probe"),
        ("organizations:DescribeOrganization", "*"),
    ];

    private static readonly (string Action, string Resource)[] FullIam =
    [
        ("iam:AttachRolePolicy", "arn:aws:iam::{account}:role/ward-admin-probe"),
        ("iam:PutRolePolicy", "arn:aws:iam::{account}:role/ward-admin-probe"),
        ("iam:AttachUserPolicy", "arn:aws:iam::{account}:user/ward-admin-probe"),
        ("iam:PutUserPolicy", "arn:aws:iam::{account}:user/ward-admin-probe"),
        ("iam:CreatePolicyVersion", "arn:aws:iam::{account}:policy/ward-admin-probe"),
        ("iam:UpdateAssumeRolePolicy", "arn:aws:iam::{account}:role/ward-admin-probe"),
        ("iam:CreateAccessKey", "arn:aws:iam::{account}:user/ward-admin-probe"),
    ];

    /// <returns>Why the principal is admin-equivalent, or null.</returns>
    public static AdminVerdict Evaluate(AwsEdgeContext context, AwsPrincipal principal, string region, Func<AwsPolicySet, AwsPolicySet>? adjust = null)
    {
        var account = principal.Account ?? string.Empty;
        var everything = Probe(Everything);
        if (everything.Kind == DecisionKind.Allowed)
        {
            return new AdminVerdict("allows every action on every resource", []);
        }

        var iam = Probe(FullIam);
        if (iam.Kind == DecisionKind.Allowed)
        {
            return new AdminVerdict("has full control of IAM, so it can grant itself anything", []);
        }

        if (everything.Kind == DecisionKind.Conditional)
        {
            return new AdminVerdict(null, everything.Requirements);
        }

        return new AdminVerdict(null, iam.Kind == DecisionKind.Conditional ? iam.Requirements : []);

        (DecisionKind Kind, ImmutableArray<string> Requirements) Probe((string Action, string Resource)[] probes)
        {
            var requirements = ImmutableArray.CreateBuilder<string>();
            foreach (var (action, template) in probes)
            {
                if (adjust is null && !context.MayAllow(principal, action))
                {
                    return (DecisionKind.ImplicitDeny, []);
                }

                var resource = template.Replace("{account}", account, StringComparison.Ordinal).Replace("{region}", region, StringComparison.Ordinal);
                if (adjust is null && !context.MayAllowOn(principal, action, resource))
                {
                    // No identity statement can allow it there, and the probe resources have no resource policy.
                    return (DecisionKind.ImplicitDeny, []);
                }

                var decision = context.Can(principal, action, resource, adjust: adjust);
                switch (decision)
                {
                    case Allowed:
                        continue;
                    case Conditional c:
                        requirements.AddRange(c.Requirements);
                        continue;
                    default:
                        return (decision.Kind, []);
                }
            }

            return requirements.Count == 0 ? (DecisionKind.Allowed, []) : (DecisionKind.Conditional, [.. requirements.Distinct(StringComparer.Ordinal)]);
        }
    }
}

/// <summary>Admin-equivalence of one principal: the reason when it is, the requirements when it is only conditionally.</summary>
public sealed record AdminVerdict(string? Reason, ImmutableArray<string> ConditionalRequirements)
{
    public bool IsAdmin => Reason is not null;

    public bool IsConditionallyAdmin => Reason is null && !ConditionalRequirements.IsDefaultOrEmpty;
}
