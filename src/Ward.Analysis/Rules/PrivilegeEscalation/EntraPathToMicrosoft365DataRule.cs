using Ward.Core.Model;
using Ward.Microsoft.Edges;

namespace Ward.Analysis.Rules.PrivilegeEscalation;

/// <summary>
/// <c>entra-path-to-microsoft-365-data</c>: a user or service principal that is not itself a holder of the tenant's
/// Microsoft 365 data (every mailbox, site, Team, chat, content search or Power Platform environment) but becomes one
/// in two steps or more, with the shortest path: one backward search from the data nodes of the escalation graph.
/// </summary>
/// <remarks>
/// The direct holders (a Microsoft 365 administrator role, a data application permission) are reported by
/// <c>entra-privileged-role-holder</c> and <c>high-risk-application-permission</c>; administrators, and principals
/// with a path to one, reach all the data as administrators and are reported by <c>privilege-escalation</c>.
/// </remarks>
public sealed class EntraPathToMicrosoft365DataRule : IRule
{
    public RuleMetadata Metadata { get; } = new(
        "entra-path-to-microsoft-365-data",
        "Principal can reach Microsoft 365 data through escalation steps",
        "privilege-escalation",
        Severity.High,
        "The principal holds no Microsoft 365 administrator role and no data application permission itself, and cannot become an administrator, but a chain of steps (a password reset, a credential added to an application it owns or manages, a group it can join, a PIM activation) makes it one that holds them: an Exchange, SharePoint, Teams, Compliance, Power Platform or Dynamics 365 Administrator, or a service principal with Mail.Read, Files.ReadWrite.All, Sites.FullControl.All, Chat.Read.All or another tenant-wide data permission. It then reads or writes every mailbox, site, Team, chat or environment that holder reaches. High when every step is certain; medium when a step holds only under conditions the export cannot show (a PIM activation; a mail permission an Exchange Online application access policy might narrow, when the policies are not exported). With the policies exported, a mail permission a RestrictAccess policy limits to some mailboxes ends no path.",
        "Break the path at its first step: remove the ownership, role, group membership or permission it uses, or narrow it (an administrative-unit scope, a role-assignable group, PIM eligibility with approval). Narrow what the path ends at: Sites.Selected instead of Sites.*.All, an Exchange Online application access policy (or RBAC for Applications in place of the Entra ID grant) for mail permissions, few holders of the Microsoft 365 administrator roles.",
        ["entra"],
        [
            "https://learn.microsoft.com/en-us/entra/identity/role-based-access-control/permissions-reference",
            "https://learn.microsoft.com/en-us/graph/permissions-reference",
            "https://learn.microsoft.com/en-us/exchange/permissions-exo/application-rbac",
        ]);

    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        if (context.Microsoft is not { } microsoft)
        {
            yield break;
        }

        var graph = microsoft.Graph;
        var data = Microsoft365Data.All.Select(d => new PrincipalId(Microsoft365Data.IdOf(microsoft.TenantId, d)));
        var paths = graph.ShortestPathsTo(data, endsPath: _ => false);
        foreach (var (principal, path) in paths.OrderBy(p => p.Key.Value, StringComparer.Ordinal))
        {
            var node = graph.Nodes[principal];
            if (node.Kind is PrincipalKind.Group || path.Length < 2 || node.IsAdmin || microsoft.AdminPaths.ContainsKey(principal)
                || Ward.Microsoft.Edges.DisabledAccounts.IsDisabled(microsoft.Directory, principal.Value)
                || graph.Outgoing(principal).Any(e => Microsoft365Data.IsDataNode(e.To)))
            {
                continue;
            }

            var target = graph.Nodes[path[^1].To];
            var holder = graph.Nodes[path[^1].From];
            var conditional = path.Any(e => e.IsConditional);
            yield return new Finding
            {
                RuleId = Metadata.Id,
                Category = Metadata.Category,
                Severity = conditional ? Severity.Medium : Metadata.DefaultSeverity,
                Provider = "entra",
                Account = microsoft.TenantId,
                Principal = principal.Value,
                PrincipalName = node.Label == principal.Value ? null : node.Label,
                Title = $"`{node.Label}` can reach {target.Label} in {path.Length} steps",
                Explanation = $"`{node.Label}` holds no Microsoft 365 data itself, but {string.Join("; then ", path.Select(e => $"`{graph.Nodes[e.From].Label}` {e.Description}"))}; so, as `{holder.Label}`, it reaches {target.Label}."
                    + ConditionalSteps.Note(path),
                Path = [.. path.Select(e => PathStep.Of(graph, e))],
                Remediation = Metadata.Remediation,
                References = Metadata.References,
                Fingerprint = Finding.FingerprintOf(Metadata.Id, principal.Value, target.Id.Value, string.Join(">", path.Select(e => e.Technique))),
            };
        }
    }
}
