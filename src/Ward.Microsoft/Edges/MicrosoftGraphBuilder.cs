using Ward.Core.Graph;
using Ward.Core.Model;

namespace Ward.Microsoft.Edges;

/// <summary>
/// Builds the entitlement graph of a Microsoft estate: users, groups and service principals of the directory (and
/// principals only Azure assignments or eligibilities name) as nodes, administrators marked with why, and every edge that is on a
/// path to an administrator or to the tenant's Microsoft 365 data (<see cref="Microsoft365Data"/>, resource nodes that
/// are never administrators and have no outgoing edges). A group is an edge's target when joining it is the step: its
/// members hold what it holds.
/// </summary>
public static class MicrosoftGraphBuilder
{
    public static EntitlementGraph Build(MicrosoftEdgeContext context, IEnumerable<IMicrosoftEdgeChecker>? checkers = null)
    {
        var directory = context.Directory;
        var admins = context.Administrators;
        var nodes = directory.Users.Select(u => Node(u.Id, PrincipalKind.HumanUser, u.UserPrincipalName ?? u.DisplayName ?? u.Id))
            .Concat(directory.Groups.Select(g => Node(g.Id, PrincipalKind.Group, g.DisplayName ?? g.Id)))
            .Concat(directory.ServicePrincipals.Select(s => Node(s.Id, PrincipalKind.WorkloadIdentity, s.DisplayName ?? s.Id)))
            .ToList();
        var known = nodes.Select(n => n.Id.Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
        nodes.AddRange(context.Azure.RoleAssignments.Select(a => (a.PrincipalId, a.PrincipalName))
            .Concat(context.Azure.EligibleAssignments.Select(e => (e.PrincipalId, e.PrincipalName)))
            .Where(a => !known.Contains(a.PrincipalId)).DistinctBy(a => a.PrincipalId, StringComparer.OrdinalIgnoreCase)
            .Select(a => Node(a.PrincipalId, PrincipalKind.ExternalPrincipal, string.IsNullOrEmpty(a.PrincipalName) ? a.PrincipalId : a.PrincipalName)));
        var data = Microsoft365Data.NodesOf(directory.TenantId).ToList();
        nodes.AddRange(data);
        var all = (checkers ?? MicrosoftEdgeCheckers.All).ToList();

        // Backwards from the administrators, as for AWS: self-escalations once, then the lateral techniques only
        // towards what already reaches an administrator, layer by layer. A tenant of 100,000 users has millions of
        // password resets and group joins; only those on a path matter. The Microsoft 365 data nodes are searched from
        // as well: the first layer finds who holds the data, the next ones who can become a holder.
        // Microsoft's own service principals start no path (MicrosoftEdgeContext.IsEscalationSource). No edge leads to
        // them, so leaving out the edges they would start changes no other principal's path.
        // A step into a disabled user or service principal holds only for a source that can enable it again, and
        // says so (DisabledAccounts).
        var edges = all.Where(c => c.GrantsAdmin).SelectMany(c => c.Check(context, targets: null)).Where(e => context.IsEscalationSource(e.From.Value))
            .Select(e => DisabledAccounts.Qualify(context, e)).OfType<Edge>().ToList();
        var reached = new HashSet<string>(admins.Keys.Concat(edges.Select(e => e.From.Value)).Concat(data.Select(d => d.Id.Value)), StringComparer.OrdinalIgnoreCase);
        var frontier = reached.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var lateral = all.Where(c => !c.GrantsAdmin).ToList();
        while (frontier.Count > 0)
        {
            var next = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var edge in lateral.SelectMany(c => c.Check(context, frontier)).Where(e => context.IsEscalationSource(e.From.Value)).Select(e => DisabledAccounts.Qualify(context, e)).OfType<Edge>())
            {
                edges.Add(edge);
                if (reached.Add(edge.From.Value))
                {
                    next.Add(edge.From.Value);
                }
            }

            frontier = next;
        }

        // Joining a group gives what the group holds as it was decided for the group: a deny assignment that names the
        // joiner and not the group makes that step conditional.
        GroupJoinDenies.Qualify(context, edges, admins);
        var ordered = edges.DistinctBy(e => (e.From, e.To, e.Technique))
            .OrderBy(e => e.From.Value, StringComparer.Ordinal).ThenBy(e => e.To.Value, StringComparer.Ordinal).ThenBy(e => e.Technique, StringComparer.Ordinal)
            .ToList();

        // Parties outside the tenant that edges come from (the workloads a broad federated credential lets in).
        var outside = ordered.Select(e => e.From.Value).Where(id => !known.Contains(id)).Distinct(StringComparer.Ordinal)
            .Select(id => OutsideParties.NodeOf(id, directory, context.Azure)).OfType<GraphNode>();
        return new EntitlementGraph(nodes.Concat(outside), ordered);

        GraphNode Node(string id, PrincipalKind kind, string label) =>
            new(new PrincipalId(id), kind, CloudProvider.Entra, label, directory.TenantId) { AdminReason = admins.GetValueOrDefault(id) };
    }
}
