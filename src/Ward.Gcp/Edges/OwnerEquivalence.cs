using System.Collections.Frozen;
using Ward.Core.Decisions;
using Ward.Gcp.Iam;

namespace Ward.Gcp.Edges;

/// <summary>
/// The targets of escalation paths: for each organization, folder and project, the principals the evaluator allows
/// (without a condition it cannot decide) to change its allow policy (<c>resourcemanager.*.setIamPolicy</c>, which
/// <c>roles/owner</c>, Organization Administrator, Folder Admin and Project IAM Admin include, as the roles export
/// says), with why. Whoever may do so on a container may grant itself any role there and below: it is
/// owner-equivalent of the container and of everything under it.
/// </summary>
public static class OwnerEquivalence
{
    /// <summary>Per container (full name), the owner-equivalent principals (node ids) and the binding that makes each one (inherited from the container above, or its own).</summary>
    public static ContainerOwners Of(GcpEdgeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var levels = new Dictionary<string, ContainerOwners.Level>(StringComparer.Ordinal);
        var above = new ContainerOwners(levels);
        // A container inherits from the one above: the containers of one depth are worked out side by side, after those above.
        foreach (var level in context.HierarchyTopDown.GroupBy(n => n.Ancestors.IsEmpty ? 1 : n.Ancestors.Length))
        {
            var nodes = level.ToList();
            var found = new ContainerOwners.Level[nodes.Count];
            Parallel.For(0, nodes.Count, i => found[i] = AddedAt(context, nodes[i], above));
            for (var i = 0; i < nodes.Count; i++)
            {
                levels[nodes[i].Name] = found[i];
            }
        }

        return new ContainerOwners(levels.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <param name="context">The estate and its evaluator.</param>
    /// <param name="node">The container.</param>
    /// <param name="above">The owner-equivalent principals of the containers above it, worked out already.</param>
    private static ContainerOwners.Level AddedAt(GcpEdgeContext context, HierarchyNode node, ContainerOwners above)
    {
        var parent = node.Ancestors.Length > 1 && ResourceNames.Container(node.Ancestors[1]) is var name && above.Knows(name) ? name : null;
        // The reason inherited from above stays: most of a project's owners are its organization's.
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        bool Known(string principal) => owners.ContainsKey(principal) || (parent is not null && above.Of(principal, parent) is not null);
        if (context.ContainerResource(node) is { } resource)
        {
            var permission = GcpEdgeContext.SetIamPolicyOf(node.Kind);
            var answers = context.WhoCan(permission, resource);
            foreach (var answer in answers.Where(a => a.Decision.Kind == DecisionKind.Allowed && !Known(a.Principal)))
            {
                // A disabled service account acts only once enabled: owner-equivalent only if someone may enable it.
                if (context.IsDisabledServiceAccount(answer.Principal))
                {
                    if (context.MayBeEnabled(answer.Principal))
                    {
                        owners.Add(answer.Principal, context.Pooled(context.PooledGrantedBy(answer.Decision) + $"; the account is disabled, and acts only once a principal allowed `{GcpEdgeContext.EnableServiceAccount}` on it enables it"));
                    }

                    continue;
                }

                // Pooled: a binding high in the hierarchy is the reason at each of its thousands of projects.
                owners.Add(answer.Principal, context.PooledGrantedBy(answer.Decision));
            }

            // A domain or a public member allowed: each principal of it is too, and paths must not start from them.
            // Who-can left out the principals such a member includes (it stands for them); a domain includes few.
            var sets = answers.Where(a => a.Decision.Kind == DecisionKind.Allowed && a.Member.Kind is MemberKind.Domain or MemberKind.AllUsers or MemberKind.AllAuthenticatedUsers or MemberKind.PrincipalSet)
                .Select(a => a.Member).ToList();
            if (sets.Count > 0)
            {
                // One domain's principals are worked out once and kept in order; several domains' are merged.
                IEnumerable<string> included = sets.Exists(s => s.Kind != MemberKind.Domain) ? context.PrincipalsIncludedBy(null)
                    : sets.TrueForAll(s => s.Text == sets[0].Text) ? context.PrincipalsIncludedBy(sets[0])
                    : sets.SelectMany(s => context.PrincipalsIncludedBy(s)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

                // Without a deny rule or boundary that could refuse one of them, each is allowed by its set's binding, and
                // that binding is the reason (one text for all, where a domain may include tens of thousands of users).
                var standsFor = context.Authorizer.AllowStandsFor(permission, resource, context.AsOf);
                var allowedSets = answers.Where(a => a.Decision.Kind == DecisionKind.Allowed && sets.Contains(a.Member)).Select(a => (a.Member, GrantedBy: context.PooledGrantedBy(a.Decision))).ToList();
                foreach (var principal in included.Where(p => !Known(p) && (!context.IsDisabledServiceAccount(p) || context.MayBeEnabled(p))))
                {
                    if (context.Principals.TryGetValue(principal, out var member) && allowedSets.Find(s => GcpEdgeContext.Includes(s.Member, member)) is { GrantedBy: { } reason } && standsFor(member))
                    {
                        owners.Add(principal, reason);
                        continue;
                    }

                    var decision = context.DecideForEdge(principal, permission, resource);
                    if (decision.Kind == DecisionKind.Allowed)
                    {
                        // A decision of its own: pooled by text, not kept by its statement as who-can answers are.
                        owners.Add(principal, context.Pooled(GcpEdgeContext.GrantedBy(decision)));
                    }
                }
            }
        }

        // Kept as built: freezing thousands of containers' owners cost more than its lookups saved.
        return new ContainerOwners.Level(parent, owners);
    }

    /// <summary>What a principal is, said of it: <c>is owner-equivalent of `projects/p` (the binding that grants it)</c>.</summary>
    public static string Sentence(HierarchyNode node, string grantedBy) => $"is owner-equivalent of `{Label(node)}` ({grantedBy})";

    /// <summary>How a container is named in findings: <c>projects/ID</c> for a project with an id, else its relative name.</summary>
    public static string Label(HierarchyNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.ProjectId is { } id ? "projects/" + id : node.RelativeName;
    }
}
