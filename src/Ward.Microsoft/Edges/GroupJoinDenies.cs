using Ward.Core.Graph;
using Ward.Microsoft.Azure.Rbac;

namespace Ward.Microsoft.Edges;

/// <summary>
/// Deny assignments on the way into a group. An edge that leads to a group (joining it, activating a membership)
/// gives the principal what the group holds, and the graph goes on from the group as it was decided for the group:
/// its Azure edges and its administrator verdict. A deny assignment that names the joining principal (directly, or
/// through a group of its own) and neither names the group nor is excluded for it still applies to the principal
/// once it is a member, and may refuse it part of what the group's edges use. Such an edge is made conditional on
/// that deny not refusing it, when the deny reaches a scope the group holds an Azure role at (actively or eligibly,
/// itself or through its own groups). A group that is an Entra ID administrator is left alone: joining it ends the
/// path there, whatever Azure denies.
/// </summary>
/// <remarks>
/// The members a group already has are not concerned: every Azure technique and verdict is decided for each member
/// with its own deny assignments (<see cref="MicrosoftEdgeContext.AzureAssignees"/>,
/// <see cref="MicrosoftEdgeContext.RoleAssignmentWriters"/>, <see cref="AdminRoles.Verdicts"/>).
/// </remarks>
internal static class GroupJoinDenies
{
    /// <summary>The edges, with each edge into a group conditional on the deny assignments that name its principal and not the group.</summary>
    /// <param name="context">The estate and its lookups.</param>
    /// <param name="edges">The graph's edges, changed in place.</param>
    /// <param name="admins">Why each administrator is one (a group's Entra ID role ends paths at it).</param>
    public static void Qualify(MicrosoftEdgeContext context, List<Edge> edges, IReadOnlyDictionary<string, string> admins)
    {
        var denies = context.Azure.DenyAssignments;
        if (denies.IsEmpty)
        {
            return;
        }

        Dictionary<string, List<AzureScope>>? held = null;
        for (var i = 0; i < edges.Count; i++)
        {
            var edge = edges[i];
            var (from, to) = (edge.From.Value, edge.To.Value);
            if (edge.IsSelfEscalation || context.Directory.FindGroup(to) is not { } group
                || (admins.TryGetValue(to, out var reason) && reason.Contains("(Entra ID)", StringComparison.Ordinal)))
            {
                continue;
            }

            held ??= HeldScopes(context);
            var groupHolders = context.Membership.GroupsOf(to).Prepend(to).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var scopes = groupHolders.SelectMany(h => held.GetValueOrDefault(h) ?? []).ToList();
            if (scopes.Count == 0)
            {
                continue;
            }

            var joinerHolders = context.Membership.GroupsOf(from).Prepend(from).Concat(groupHolders).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var requirements = denies
                .Where(d => Applies(d, joinerHolders) && !Applies(d, groupHolders)
                    && scopes.Exists(s => context.Azure.Hierarchy.Reach(d.Scope, s) != ScopeReach.No || context.Azure.Hierarchy.Reach(s, d.Scope) != ScopeReach.No))
                .Select(d => $"deny assignment `{d.DenyAssignmentName}` at `{d.Scope.Value}` names the principal and not `{group.DisplayName ?? group.Id}`: "
                    + "what the group holds in Azure was decided for the group, and the deny may refuse the principal part of it once it is a member")
                .ToList();
            if (requirements.Count > 0)
            {
                edges[i] = edge with { Requirements = [.. edge.Requirements.Concat(requirements).Distinct(StringComparer.Ordinal)] };
            }
        }
    }

    /// <summary>Whether the deny assignment names one of the holders (or everyone) and excludes none of them.</summary>
    private static bool Applies(DenyAssignment deny, HashSet<string> holders) =>
        deny.Principals.Any(p => p.IsEveryone || holders.Contains(p.Id)) && !deny.ExcludePrincipals.Any(p => holders.Contains(p.Id));

    /// <summary>The scopes of each principal's Azure role assignments and eligibilities.</summary>
    private static Dictionary<string, List<AzureScope>> HeldScopes(MicrosoftEdgeContext context)
    {
        var held = new Dictionary<string, List<AzureScope>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (principal, scope) in context.Azure.RoleAssignments.Select(a => (a.PrincipalId, a.Scope)).Concat(context.Azure.EligibleAssignments.Select(e => (e.PrincipalId, e.Scope))))
        {
            if (!held.TryGetValue(principal, out var scopes))
            {
                held[principal] = scopes = [];
            }

            scopes.Add(scope);
        }

        return held;
    }
}
