using System.Collections.Immutable;
using Ward.Aws.Policy.Evaluation;
using Ward.Aws.Policy.Syntax;
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

    private static readonly string[] ProbeActions = [.. Everything.Concat(FullIam).Select(p => p.Action.ToLowerInvariant()).Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// Whether a Deny of the document could refuse one of the probe requests. Removing a policy whose denies refuse
    /// none of them cannot make its holder admin-equivalent: what is left allows no more than before.
    /// </summary>
    public static bool DeniesAProbe(PolicyDocument document) =>
        document.Statements.Any(s => s.Effect == Effect.Deny && (s.Problem is not null || Array.Exists(ProbeActions, a => StatementMatcher.ActionMatches(s.Action, a))));

    /// <returns>Why the principal is admin-equivalent, or null.</returns>
    /// <param name="context">The estate's probes.</param>
    /// <param name="principal">The principal.</param>
    /// <param name="region">The region of the probe requests.</param>
    /// <param name="adjust">A change to the principal's policies to decide with (removing a boundary, a policy, an SCP).</param>
    /// <param name="adjustAddsNoIdentityPolicy">
    /// The change keeps the principal's identity policies or removes some: then the pre-filters on its identity
    /// statements still hold, and probes they rule out need no evaluation.
    /// </param>
    public static AdminVerdict Evaluate(AwsEdgeContext context, AwsPrincipal principal, string region, Func<AwsPolicySet, AwsPolicySet>? adjust = null, bool adjustAddsNoIdentityPolicy = false)
    {
        var prefilter = adjust is null || adjustAddsNoIdentityPolicy;
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
                if (prefilter && !context.MayAllow(principal, action))
                {
                    return (DecisionKind.ImplicitDeny, []);
                }

                var resource = template.Replace("{account}", account, StringComparison.Ordinal).Replace("{region}", region, StringComparison.Ordinal);
                if (prefilter && !context.MayAllowOn(principal, action, resource))
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
