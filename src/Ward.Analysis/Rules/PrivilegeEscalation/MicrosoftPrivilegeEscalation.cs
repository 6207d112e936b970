using Ward.Core.Graph;
using Ward.Core.Model;
using Ward.Microsoft.Edges.Checkers;

namespace Ward.Analysis.Rules.PrivilegeEscalation;

/// <summary>
/// <c>privilege-escalation</c> on a Microsoft estate: one finding per user or service principal that is not an
/// administrator but can become one (Global, Privileged Role or Privileged Authentication Administrator; Owner or User
/// Access Administrator of the tenant root, a management group or a subscription), with the shortest path. A path
/// may start outside the tenant, at the workloads a broad federated identity credential lets sign in.
/// </summary>
public static class MicrosoftPrivilegeEscalation
{
    private static readonly RuleMetadata Rule = new PrivilegeEscalationRule().Metadata;

    public static IEnumerable<Finding> Findings(MicrosoftAnalysisContext context)
    {
        var graph = context.Graph;
        foreach (var (principal, path) in context.AdminPaths.OrderBy(p => p.Key.Value, StringComparer.Ordinal))
        {
            var node = graph.Nodes[principal];
            // A disabled user or service principal signs in nowhere: its path is another's only after enabling it.
            if (node.Kind is PrincipalKind.Group || path.IsEmpty || Ward.Microsoft.Edges.DisabledAccounts.IsDisabled(context.Directory, principal.Value))
            {
                continue;
            }

            var last = path[^1];
            var target = graph.Nodes[last.To];
            var reaches = last.GrantsAdmin ? last.Description : $"becomes `{target.Label}`, {target.AdminReason}";
            var entra = last.GrantsAdmin ? last.Technique.StartsWith("entra-", StringComparison.Ordinal) && !last.Description.Contains("Azure", StringComparison.Ordinal) : target.AdminReason!.Contains("(Entra ID)", StringComparison.Ordinal);
            var conditional = path.Any(e => e.IsConditional);
            // A certain path from outside the tenant starts at workloads anyone can run (the edge out of such a party
            // is certain only then): open to the Internet, it is no less severe than any one-step path from inside.
            var outside = node.Kind == PrincipalKind.FederatedPrincipal;
            var severity = conditional ? Severity.Medium : path.Length == 1 || outside ? Severity.Critical : Severity.High;
            yield return new Finding
            {
                RuleId = Rule.Id,
                Category = Rule.Category,
                Severity = severity,
                Provider = entra ? "entra" : "azure",
                Account = context.TenantId,
                Principal = principal.Value,
                PrincipalName = node.Label == principal.Value ? null : node.Label,
                Title = $"`{node.Label}` can escalate to administrator in {path.Length} step{(path.Length == 1 ? string.Empty : "s")}",
                Explanation = $"`{node.Label}` {(outside ? "is outside the tenant" : "is not an administrator")}, but {string.Join("; then ", path.Select(e => $"`{graph.Nodes[e.From].Label}` {e.Description}"))}; so it {(last.GrantsAdmin ? "ends with those rights" : reaches)}."
                    + ConditionalSteps.Note(path),
                Path = [.. path.Select(e => PathStep.Of(graph, e))],
                Remediation = Remediation(path[0]),
                References = outside
                    ? ["https://learn.microsoft.com/en-us/entra/workload-id/workload-identity-federation-considerations", "https://learn.microsoft.com/en-us/entra/identity/role-based-access-control/privileged-roles-permissions"]
                    : ["https://learn.microsoft.com/en-us/entra/identity/role-based-access-control/privileged-roles-permissions", "https://learn.microsoft.com/en-us/azure/role-based-access-control/best-practices"],
                Fingerprint = Finding.FingerprintOf(Rule.Id, principal.Value, last.To.Value, string.Join(">", path.Select(e => e.Technique))),
            };
        }
    }

    /// <summary>
    /// Break the path at its first step. A step from outside the tenant uses no role or permission of the tenant: the
    /// federated credential it signs in with is what lets it in.
    /// </summary>
    private static string Remediation(Edge first) =>
        first.Technique == FederatedCredentialSignInEdgeChecker.Technique && first.Permissions is [var credential, ..]
            ? $"Narrow the {credential.GrantedBy} to one workload (for GitHub Actions, a deployment environment with protection rules or a protected branch of one repository; in a flexible credential, no wildcard in the owner or repository), or remove it if no workload needs it; or take away what its service principal holds that the next step uses. Re-run the scan to confirm no other path remains."
            : "Remove the role, ownership, group membership or application permission the first step uses, or narrow it (an administrative-unit or application scope, a role-assignable group, a PIM eligibility with approval). Re-run the scan to confirm no other path remains.";
}
