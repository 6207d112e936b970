using Ward.Aws.Edges;
using Ward.Core.Graph;
using Ward.Core.Model;
using Ward.Microsoft.Edges.Checkers;

namespace Ward.Analysis.Rules.PrivilegeEscalation;

/// <summary>
/// <c>privilege-escalation</c>: one finding per principal that can become admin-equivalent, with the shortest path
/// (ordered steps, techniques, permissions) found in the entitlement graph.
/// </summary>
public sealed class PrivilegeEscalationRule : IRule
{
    public RuleMetadata Metadata { get; } = new(
        "privilege-escalation",
        "Principal can escalate to admin",
        "privilege-escalation",
        Severity.High,
        "The principal is not an administrator, but a chain of permissions it holds lets it become one: by rewriting its own permissions, taking over another principal's credentials, assuming a role, or passing a privileged role to compute it controls.",
        "Remove the permission used by the first step of the path, or constrain it (resource ARNs, iam:PassedToService, conditions, a permissions boundary or an SCP). Re-run the scan to confirm no other path remains.",
        ["aws", "entra", "azure", "gcp"],
        ["https://pathfinding.cloud", "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html"]);

    public IEnumerable<Finding> Evaluate(AnalysisContext context) =>
        AwsFindings(context)
            .Concat(context.Microsoft is { } microsoft ? MicrosoftPrivilegeEscalation.Findings(microsoft) : [])
            .Concat(context.Gcp is { } gcp ? GcpPrivilegeEscalation.Findings(gcp) : []);

    public IEnumerable<SkippedAnalysis> Skipped(AnalysisContext context)
    {
        // Without the policies nobody knows which sign-ins they guard, so the steps that remove them are not drawn.
        if (context.Microsoft is { } microsoft && !microsoft.Directory.ConditionalAccessPoliciesExported
            && WeakenConditionalAccessEdgeChecker.Writers(microsoft.Edges) is { Count: > 0 } writers)
        {
            yield return new SkippedAnalysis(
                Metadata.Id,
                $"the conditional access policies were not exported (`GET /identity/conditionalAccess/policies`, Policy.Read.All), so the `entra-weaken-conditional-access` steps of the {(writers.Count == 1 ? "principal" : $"{writers.Count} principals")} that may change them are not part of any path");
        }
    }

    private IEnumerable<Finding> AwsFindings(AnalysisContext context)
    {
        var graph = context.Graph.Graph;
        var paths = graph.ShortestPathsTo(node => node.IsAdmin);
        foreach (var (principal, path) in paths.OrderBy(p => p.Key.Value, StringComparer.Ordinal))
        {
            var node = graph.Nodes[principal];
            // A SAML provider is the organization's own workforce sign-in (IAM Identity Center, an IdP): reaching an
            // administrator role through it is how administrators sign in, and the role's own findings cover the rest.
            if (node.Kind is PrincipalKind.Group or PrincipalKind.CloudService || path.IsEmpty
                || (node.Kind == PrincipalKind.FederatedPrincipal && principal.Value.Contains(":saml-provider/", StringComparison.Ordinal)))
            {
                continue;
            }

            var outside = node.Kind is PrincipalKind.ExternalPrincipal or PrincipalKind.FederatedPrincipal;

            var last = path[^1];
            var target = last.GrantsAdmin ? last.To : path[^1].To;
            var targetNode = graph.Nodes[target];
            var conditional = path.Any(e => e.IsConditional);
            var severity = conditional ? Severity.Medium : path.Length == 1 ? Severity.Critical : Severity.High;
            var ending = last.GrantsAdmin
                ? last.IsSelfEscalation ? "grants itself arbitrary permissions" : $"gives `{targetNode.Label}` arbitrary permissions and acts as it"
                : $"becomes `{targetNode.Label}`, which {targetNode.AdminReason}";
            yield return new Finding
            {
                RuleId = Metadata.Id,
                Category = Metadata.Category,
                Severity = severity,
                Provider = "aws",
                Account = node.Scope,
                Principal = principal.Value,
                Title = $"`{node.Label}` can escalate to admin in {path.Length} step{(path.Length == 1 ? string.Empty : "s")}",
                Explanation = $"`{node.Label}` {(outside ? "is outside the exported accounts" : "is not admin-equivalent")}, but {string.Join("; then ", path.Select(e => Describe(graph, e)))}; so it {ending}."
                    + ConditionalSteps.Note(path),
                Path = [.. path.Select(e => PathStep.Of(graph, e))],
                Remediation = AwsTechniqueCatalog.All.TryGetValue(path[0].Technique, out var technique) ? technique.Remediation : Metadata.Remediation,
                References = [.. path.Select(e => e.Technique).Distinct(StringComparer.Ordinal).SelectMany(t => AwsTechniqueCatalog.All.TryGetValue(t, out var known) ? known.References.Select(r => r.Url).Take(1) : [])],
                Fingerprint = Finding.FingerprintOf(Metadata.Id, principal.Value, target.Value, string.Join(">", path.Select(e => e.Technique))),
            };
        }
    }

    private static string Describe(EntitlementGraph graph, Edge edge) =>
        $"`{graph.Nodes[edge.From].Label}` {edge.Description}";
}
