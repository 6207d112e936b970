using Ward.Aws.Policy.Evaluation;
using Ward.Aws.Policy.Matching;
using Ward.Aws.Policy.Syntax;
using Ward.Aws.Queries;
using Ward.Core.Decisions;
using Ward.Core.Model;

namespace Ward.Analysis.Rules.OverPermissive;

/// <summary>
/// <c>wildcard-grant</c>: Allow statements with every action of a sensitive service, or <c>NotAction</c>, on every
/// resource, reported only when the evaluator lets the identity use them.
/// </summary>
public sealed class WildcardGrantRule : IRule
{
    /// <summary>
    /// Services where `svc:*` on `*` is a takeover risk, with an action that shows the grant is usable (one that no
    /// resource policy must also allow: KMS key use needs the key policy, which IAM exports do not hold).
    /// </summary>
    private static readonly Dictionary<string, string> Sensitive = new(StringComparer.OrdinalIgnoreCase)
    {
        ["iam"] = "iam:PassRole", ["sts"] = "sts:AssumeRole", ["kms"] = "kms:CreateKey", ["secretsmanager"] = "secretsmanager:GetSecretValue",
        ["s3"] = "s3:GetObject", ["ssm"] = "ssm:SendCommand", ["lambda"] = "lambda:UpdateFunctionCode", ["ec2"] = "ec2:RunInstances",
        ["organizations"] = "organizations:LeaveOrganization", ["dynamodb"] = "dynamodb:Scan", ["rds"] = "rds:ModifyDBInstance",
        ["ecr"] = "ecr:PutImage", ["cloudformation"] = "cloudformation:CreateStack", ["sso"] = "sso:CreateAccountAssignment",
        ["identitystore"] = "identitystore:CreateGroupMembership", ["cloudtrail"] = "cloudtrail:StopLogging", ["logs"] = "logs:DeleteLogGroup",
    };

    public RuleMetadata Metadata { get; } = new(
        "wildcard-grant",
        "Wildcard grant on a sensitive service",
        "over-permissive",
        Severity.Medium,
        "An Allow statement grants every action of a sensitive service (`iam:*`, `kms:*`, `s3:*`, `sts:*`...) or uses `NotAction` (everything except a list) on every resource, and the identity can use it: no deny, permissions boundary or SCP removes it. Such statements grant today's and tomorrow's actions, including ones nobody reviewed.",
        "Replace the wildcard with the actions the identity uses (see its last-accessed data) and the resources it needs; avoid Allow with NotAction.",
        ["aws"],
        ["https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html", "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege"]);

    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        var queries = context.Probes.Queries;

        // Principals are independent: decide them in parallel, report them in order.
        return context.Estate.Principals().OrderBy(p => p.Value, StringComparer.Ordinal).AsParallel().AsOrdered()
            .Select(principal => Judge(context, queries, principal))
            .Where(finding => finding is not null)
            .Select(finding => finding!)
            .ToList();
    }

    private Finding? Judge(AnalysisContext context, AwsAccessQueries queries, AwsPrincipal principal)
    {
        if (context.Graph.Admin.TryGetValue(new PrincipalId(principal.Value), out var verdict) && verdict.IsAdmin
            || context.Estate.Roles.TryGetValue(principal.Value, out var role) && role.IsServiceLinked)
        {
            return null;
        }

        var grants = new List<string>();
        foreach (var policy in context.Estate.IdentityPoliciesOf(principal))
        {
            foreach (var statement in policy.Document.Statements.Where(s => s.Effect == Effect.Allow && s.Problem is null && OnEverything(s)))
            {
                if (Usable(context, queries, principal, statement) is not { } usable)
                {
                    continue;
                }

                var what = statement.Action.Negated ? $"NotAction [{string.Join(", ", statement.Action.Patterns.Select(p => p.Text))}]" : string.Join(", ", statement.Action.Patterns.Select(p => p.Text));
                grants.Add($"`{policy.Name}` statement `{statement.DisplayName}` allows {what} on `*` (e.g. {usable.Probe}: {usable.Decision.Kind})");
            }
        }

        if (grants.Count == 0)
        {
            return null;
        }

        var name = principal.Name ?? principal.Value;
        return new Finding
        {
            RuleId = Metadata.Id,
            Category = Metadata.Category,
            Severity = Metadata.DefaultSeverity,
            Provider = "aws",
            Account = principal.Account,
            Principal = principal.Value,
            Title = $"`{name}` has {grants.Count} wildcard grant{(grants.Count == 1 ? string.Empty : "s")} on sensitive services",
            Explanation = string.Join("; ", grants) + ". Each was checked with the evaluator after denies, permissions boundaries, SCPs and RCPs.",
            Remediation = Metadata.Remediation,
            References = Metadata.References,
            Fingerprint = Finding.FingerprintOf(Metadata.Id, principal.Value),
        };
    }

    private static bool OnEverything(Statement statement) =>
        statement.Resource is { Negated: false } resource && resource.Patterns.Any(p => p == "*");

    /// <summary>A sensitive action the statement grants, to check the grant is usable; null when it grants none.</summary>
    /// <summary>
    /// The first sensitive action the statement grants that the identity can use on any resource (allowed, or else
    /// allowed under conditions), with its decision; null when it can use none. A deny, boundary or SCP may remove
    /// some of a wide grant's actions and leave others.
    /// </summary>
    private static (string Probe, Decision Decision)? Usable(AnalysisContext context, AwsAccessQueries queries, AwsPrincipal principal, Statement statement)
    {
        (string, Decision)? conditional = null;
        foreach (var probe in Probes(statement))
        {
            var decision = AwsUnrestrictedAccess.Decide(queries, principal, probe, context.Probes.RegionsWorthProbing(principal, probe, AwsUnrestrictedAccess.ProbeRegions(context.Estate, principal))).Decision;
            if (decision.Kind == DecisionKind.Allowed)
            {
                return (probe, decision);
            }

            if (decision.Kind == DecisionKind.Conditional)
            {
                conditional ??= (probe, decision);
            }
        }

        return conditional;
    }

    /// <summary>The sensitive actions a statement grants by a service wildcard, by `*`, or by leaving them out of its NotAction list.</summary>
    private static IEnumerable<string> Probes(Statement statement)
    {
        if (statement.Action.Negated)
        {
            return Sensitive.Values.Order(StringComparer.Ordinal).Where(a => !statement.Action.Patterns.Any(p => p.MatchesEverything || Wildcard.IsMatch(p.Glob, a.ToLowerInvariant(), ignoreCase: false)));
        }

        if (statement.Action.Patterns.Any(p => p.MatchesEverything))
        {
            return Sensitive.Values.Order(StringComparer.Ordinal);
        }

        return statement.Action.Patterns.Where(p => p.Text.EndsWith(":*", StringComparison.Ordinal))
            .Select(p => Sensitive.GetValueOrDefault(p.Service)).OfType<string>().Distinct(StringComparer.Ordinal);
    }
}
