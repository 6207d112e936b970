using Ward.Core.Model;

namespace Ward.Analysis.Rules.Identity;

/// <summary><c>admin-equivalent</c>: identities whose effective permissions (after boundaries and SCPs) make them administrators.</summary>
public sealed class AdminEquivalentRule : IRule
{
    public RuleMetadata Metadata { get; } = new(
        "admin-equivalent",
        "Admin-equivalent identity",
        "over-permissive",
        Severity.High,
        "The identity's effective permissions, after permissions boundaries and SCPs, allow every action on every resource or give full control of IAM (which can grant anything); in Google Cloud, it may change the allow policy of an organization, folder or project (owner-equivalent). Every such identity is a way to take over the account or the container.",
        "Keep administrators few, require MFA for people, and prefer roles with short sessions. Replace broad grants with the permissions actually used (see unused-permission findings).",
        ["aws", "gcp"],
        ["https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege"]);

    public IEnumerable<Finding> Evaluate(AnalysisContext context) =>
        context.Gcp is { } gcp ? AwsFindings(context).Concat(GcpAdminEquivalent.Findings(gcp)) : AwsFindings(context);

    private IEnumerable<Finding> AwsFindings(AnalysisContext context)
    {
        foreach (var node in context.Graph.Graph.Nodes.Values.OrderBy(n => n.Id.Value, StringComparer.Ordinal))
        {
            if (node.Kind is PrincipalKind.Group or PrincipalKind.CloudService || !context.Graph.Admin.TryGetValue(node.Id, out var verdict))
            {
                continue;
            }

            if (verdict.IsAdmin)
            {
                yield return Make(node.Id.Value, node.Label, node.Scope, Severity.High, $"`{node.Label}` {verdict.Reason}, after its permissions boundary and the SCPs that govern it.");
            }
            else if (verdict.IsConditionallyAdmin)
            {
                yield return Make(node.Id.Value, node.Label, node.Scope, Severity.Medium, $"`{node.Label}` is admin-equivalent when {string.Join(" and ", verdict.ConditionalRequirements)}.");
            }
        }

        Finding Make(string principal, string label, string? account, Severity severity, string explanation) => new()
        {
            RuleId = Metadata.Id,
            Category = Metadata.Category,
            Severity = severity,
            Provider = "aws",
            Account = account,
            Principal = principal,
            Title = severity == Severity.High ? $"`{label}` is admin-equivalent" : $"`{label}` is admin-equivalent under conditions",
            Explanation = explanation,
            Remediation = Metadata.Remediation,
            References = Metadata.References,
            Fingerprint = Finding.FingerprintOf(Metadata.Id, principal),
        };
    }
}
