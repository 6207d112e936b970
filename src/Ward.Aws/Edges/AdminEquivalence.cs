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

    /// <summary>
    /// What the document alone makes of a principal of the account that holds it, decided by the evaluator on the same
    /// probe requests as <see cref="Evaluate"/> (no boundary, SCP or other policy; an open context with nothing known):
    /// <see cref="DecisionKind.Allowed"/> when it allows every action or gives full control of IAM (<c>*</c> or
    /// <c>iam:*</c> on <c>*</c>), <see cref="DecisionKind.Conditional"/> when it might under conditions Ward cannot
    /// decide (or a statement cannot be read), an implicit deny otherwise.
    /// </summary>
    /// <remarks>A document none of whose Allow statements can allow iam:CreateRole or iam:AttachRolePolicy (a probe of each kind) is ruled out without evaluation.</remarks>
    public static DecisionKind PolicyGrants(PolicyDocument document, string account, string region)
    {
        if (!document.Statements.Any(s => s.Problem is not null || (s.Effect == Effect.Allow && (StatementMatcher.ActionMatches(s.Action, Everything[0].Action.ToLowerInvariant()) || StatementMatcher.ActionMatches(s.Action, FullIam[0].Action.ToLowerInvariant())))))
        {
            return DecisionKind.ImplicitDeny;
        }

        var holder = AwsPrincipal.Parse($"arn:aws:iam::{account}:user/ward-policy-probe");
        var policies = new AwsPolicySet { IdentityPolicies = [new NamedPolicy("candidate policy", document)] };
        var everything = Probe(Everything);
        return everything == DecisionKind.Allowed ? everything : Probe(FullIam) switch
        {
            DecisionKind.Allowed => DecisionKind.Allowed,
            DecisionKind.Conditional => DecisionKind.Conditional,
            _ => everything,
        };

        DecisionKind Probe((string Action, string Resource)[] probes)
        {
            var kind = DecisionKind.Allowed;
            foreach (var (action, template) in probes)
            {
                var resource = template.Replace("{account}", account, StringComparison.Ordinal).Replace("{region}", region, StringComparison.Ordinal);
                var decision = AwsAuthorizer.Authorize(new AwsRequest { Principal = holder, Action = action, Resource = resource, Context = RequestContext.Open([]) }, policies);
                switch (decision.Kind)
                {
                    case DecisionKind.Allowed:
                        continue;
                    case DecisionKind.Conditional or DecisionKind.Indeterminate:
                        kind = DecisionKind.Conditional;
                        continue;
                    default:
                        return DecisionKind.ImplicitDeny;
                }
            }

            return kind;
        }
    }

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
