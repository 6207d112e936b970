using Ward.Core.Collections;
using Ward.Gcp.Edges;
using Ward.Gcp.Iam;

namespace Ward.Analysis.Rules.Identity;

/// <summary>
/// <c>admin-equivalent</c> on a Google Cloud estate: one finding per principal owner-equivalent of an organization,
/// folder or project (the evaluator allows it to change that container's allow policy), naming the highest containers.
/// </summary>
public static class GcpAdminEquivalent
{
    private static readonly RuleMetadata Rule = new AdminEquivalentRule().Metadata;

    public static IEnumerable<Finding> Findings(GcpAnalysisContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var gcp = context.Graph;
        var held = new Dictionary<string, List<(HierarchyNode Container, string GrantedBy)>>(StringComparer.Ordinal);
        foreach (var container in gcp.HierarchyTopDown)
        {
            // Only the highest: owner-equivalence of a container is inherited by everything under it, so only the owners a
            // container adds to its parent's are named for it.
            foreach (var (principal, grantedBy) in gcp.Owners.AddedAt(container.Name))
            {
                (held.TryGetValue(principal, out var list) ? list : held[principal] = []).Add((container, grantedBy));
            }
        }

        // Public and domain members that are owner-equivalent somewhere: the principals they include are too, for the same reasons.
        var sets = held.Keys
            .Select(id => context.Edges.Principals.TryGetValue(id, out var member) ? (Id: id, Member: member) : default)
            .Where(s => s.Member?.Kind is MemberKind.Domain or MemberKind.AllUsers or MemberKind.AllAuthenticatedUsers)
            .OrderBy(s => s.Id, StringComparer.Ordinal)
            .Select(s => (s.Id, s.Member!, Reasons: held[s.Id].Select(c => (c.Container.Name, c.GrantedBy)).ToHashSet(OrdinalTupleComparer.Instance)))
            .ToList();
        foreach (var (principal, containers) in held.OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            var first = OwnerEquivalence.Label(containers[0].Container);
            var more = containers.Count == 1 ? string.Empty : $" and {containers.Count - 1} more";
            var group = principal.StartsWith("group:", StringComparison.Ordinal) || principal.StartsWith("domain:", StringComparison.Ordinal)
                ? $" `{principal}` stands for its members (memberships are not exported): each of them is."
                : string.Empty;
            yield return new Finding
            {
                RuleId = Rule.Id,
                Category = Rule.Category,
                Severity = Severity.High,
                Provider = "gcp",
                Account = first,
                Principal = principal,
                Title = $"`{principal}` is owner-equivalent of `{first}`{more}",
                Explanation = Explain(context, principal, containers, sets) + group,
                Remediation = "Keep the principals that may change the allow policy of organizations, folders and projects (Owner, Organization Administrator, Folder Admin, Project IAM Admin, Security Admin) few, preferably groups of administrators; grant narrower roles for everyday work.",
                References = ["https://cloud.google.com/iam/docs/resource-hierarchy-access-control", "https://cloud.google.com/iam/docs/using-iam-securely"],
                Fingerprint = Finding.FingerprintOf(Rule.Id, "gcp", principal),
            };
        }
    }

    /// <summary>
    /// Why the principal is owner-equivalent: the containers and bindings of its own, then those it is only because a
    /// public or domain member that includes it is, named once by container (that member's finding gives the bindings:
    /// a domain's tens of thousands of users would each repeat them).
    /// </summary>
    private static string Explain(GcpAnalysisContext context, string principal, List<(HierarchyNode Container, string GrantedBy)> containers, List<(string Id, Member Member, HashSet<(string Container, string GrantedBy)> Reasons)> sets)
    {
        var through = new List<(string Set, List<HierarchyNode> Containers)>();
        var own = containers;
        if (context.Edges.Principals.TryGetValue(principal, out var member))
        {
            foreach (var (id, set, reasons) in sets)
            {
                if (id == principal || !GcpEdgeContext.Includes(set, member))
                {
                    continue;
                }

                var covered = own.Where(c => reasons.Contains((c.Container.Name, c.GrantedBy))).ToList();
                if (covered.Count > 0)
                {
                    through.Add((id, [.. covered.Select(c => c.Container)]));
                    own = [.. own.Except(covered)];
                }
            }
        }

        var text = own.Count == 0 ? string.Empty : $"`{principal}` may change the allow policy of, and so grant itself any role on: {Containers(own)}.";
        foreach (var (set, nodes) in through)
        {
            var listed = string.Join(", ", nodes.Select(n => $"`{OwnerEquivalence.Label(n)}`"));
            text += (text.Length == 0 ? $"`{principal}` is included in" : " It is also included in")
                + $" `{set}`, which may change the allow policy of, and so grant itself any role on: {listed} (the finding on `{set}` names the binding for each).";
        }

        return text;
    }

    /// <summary>
    /// The containers, each reason once: a binding on a folder makes its holder owner-equivalent of every project under
    /// it for the same reason, so <c>`projects/a`, `projects/b` (reason)</c>, reasons in the order the hierarchy gives.
    /// </summary>
    private static string Containers(List<(HierarchyNode Container, string GrantedBy)> containers) =>
        string.Join("; ", containers.GroupBy(c => c.GrantedBy, StringComparer.Ordinal)
            .Select(g => $"{string.Join(", ", g.Select(c => $"`{OwnerEquivalence.Label(c.Container)}`"))} ({g.Key})"));
}
