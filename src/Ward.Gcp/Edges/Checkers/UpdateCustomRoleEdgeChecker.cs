using Ward.Core.Decisions;
using Ward.Core.Graph;
using Ward.Gcp.Iam;
using Ward.Gcp.Policy.Conditions;
using Ward.Gcp.Policy.Evaluation;

namespace Ward.Gcp.Edges.Checkers;

/// <summary>
/// <c>gcp-custom-role-update</c>: a principal bound to a custom role on an organization, folder or project, and
/// allowed <c>iam.roles.update</c> on the organization or project that defines the role, adds the container's
/// <c>setIamPolicy</c> permission to the role (re-enabling it if it is disabled) and becomes owner-equivalent of the
/// container. A self-escalation. A deleted role grants nothing, but Google keeps its bindings and lets it be
/// undeleted for 7 days after its deletion (<c>iam.roles.undelete</c>, then the update): the edge then needs both
/// permissions and is conditional on the role having been deleted less than 7 days ago, which the export does not
/// say. The binding's condition is decided for the container as the evaluator decides it; one Ward cannot decide becomes a
/// requirement, one that does not hold removes the edge. The role's holders are the principals its binding names and
/// those a group, domain or principal set it names includes (as the evaluator matches members; a membership Ward does
/// not know becomes a requirement). A custom role bound on a service account's own allow policy is the same lever on
/// the account: its holder adds <c>iam.serviceAccounts.getAccessToken</c> to it and acts as the account (an edge to
/// the account, not an admin one).
/// </summary>
public sealed class UpdateCustomRoleEdgeChecker : IGcpEdgeChecker
{
    private const string Update = "iam.roles.update";
    private const string Undelete = "iam.roles.undelete";
    private const string GetAccessToken = "iam.serviceAccounts.getAccessToken";

    public string TechniqueId => "gcp-custom-role-update";

    public bool GrantsAdmin => true;

    public IEnumerable<Edge> Check(GcpEdgeContext context, IReadOnlySet<string>? targets)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var node in context.HierarchyTopDown)
        {
            if (ResourceNames.ContainerKind(node.Name) is null || ResourceLocator.PolicyOf(context.Estate, node.Name) is not { } policy)
            {
                continue;
            }

            var name = OwnerEquivalence.Label(node);
            foreach (var binding in policy.Bindings)
            {
                if (Role.KindOf(binding.Role) == RoleKind.Predefined || context.Estate.FindRole(binding.Role) is not { } role
                    || context.RoleParentResource(role) is not { } parent || Holds(context, node, binding) is not { } condition)
                {
                    continue;
                }

                foreach (var (principal, update, through, membership) in Holders(context, binding, parent))
                {
                    var description = $"adds `{GcpEdgeContext.SetIamPolicyOf(node.Kind)}` to the custom role `{role.Name}` it holds{through} on `{name}` and grants itself any role there: owner-equivalent of `{name}`";
                    if (Edge(context, principal, principal, role, parent, update, description, [condition, membership], binding, grantsAdmin: true, adminScope: node.Name) is { } edge)
                    {
                        yield return edge;
                    }
                }
            }
        }

        foreach (var account in context.ServiceAccounts.Where(a => targets is null || targets.Contains(a)))
        {
            var email = GcpPrincipals.ServiceAccountEmail(account)!;
            if (context.ServiceAccountResource(email) is not { } resource)
            {
                continue;
            }

            foreach (var policy in resource.PolicyHolders.Take(resource.OwnHolders).Select(context.Estate.FindPolicy).OfType<IamPolicy>())
            {
                foreach (var binding in policy.Bindings)
                {
                    if (Role.KindOf(binding.Role) == RoleKind.Predefined || context.Estate.FindRole(binding.Role) is not { } role
                        || context.RoleParentResource(role) is not { } parent || Holds(context, resource, binding) is not { } condition)
                    {
                        continue;
                    }

                    foreach (var (principal, update, through, membership) in Holders(context, binding, parent).Where(h => h.Principal != account))
                    {
                        var description = $"adds `{GetAccessToken}` to the custom role `{role.Name}` it holds{through} on {context.Describe(email)}, creates an access token of the account and acts as it";
                        if (Edge(context, principal, account, role, parent, update, description, [condition, membership], binding, grantsAdmin: false, adminScope: null) is { } edge)
                        {
                            yield return edge;
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// The principals a custom role's binding gives it to, with their decision on <c>iam.roles.update</c> and, when a
    /// set member includes them, how (for the description): those it names, asked one by one; and those allowed the
    /// update whom a group, domain or principal set of the binding includes (with what must hold when Ward does not
    /// know the membership; empty otherwise).
    /// </summary>
    private static IEnumerable<(string Principal, Decision Update, string Through, string Membership)> Holders(GcpEdgeContext context, Binding binding, GcpResource parent)
    {
        var named = binding.Members.Select(GcpPrincipals.IdOf).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        foreach (var principal in named.Where(p => binding.Entitlement is not { } entitlement || entitlement.CanBeApprovedFor(Member.Parse(p))))
        {
            yield return (principal, context.Authorize(principal, Update, parent), string.Empty, string.Empty);
        }

        var sets = binding.Members.Where(m => m.Kind is MemberKind.Group or MemberKind.Domain or MemberKind.AllUsers or MemberKind.AllAuthenticatedUsers or MemberKind.PrincipalSet).ToList();
        if (sets.Count == 0)
        {
            yield break;
        }

        foreach (var candidate in context.WhoCan(Update, parent).Where(c => !named.Contains(c.Principal, StringComparer.Ordinal)))
        {
            if (binding.Entitlement is { } entitlement && !entitlement.CanBeApprovedFor(candidate.Member))
            {
                continue;
            }

            var inclusions = sets.Select(set => (Set: set, Unless: context.Authorizer.MemberInclusion(set, candidate.Member))).Where(i => i.Unless is not null).ToList();
            if (inclusions.Count == 0)
            {
                continue;
            }

            var (set, unless) = inclusions.Find(i => i.Unless!.Length == 0) is { Unless: not null } certain ? certain : inclusions[0];
            yield return (candidate.Principal, candidate.Decision, $" through `{set.Text}`", unless!);
        }
    }

    private Edge? Edge(GcpEdgeContext context, string from, string to, Role role, GcpResource parent, Decision update, string description, string[] conditions, Binding binding, bool grantsAdmin, string? adminScope)
    {
        EdgeStep[] steps = [new EdgeStep(Update, role.Parent!, update)];
        string? deleted = null;
        if (role.Deleted)
        {
            // Undeleting brings the role back with its bindings; Google purges it 7 days after its deletion.
            steps = [new EdgeStep(Undelete, role.Parent!, context.Authorize(from, Undelete, parent)), .. steps];
            description = $"undeletes the deleted custom role `{role.Name}` and " + description;
            deleted = $"the custom role `{role.Name}` was deleted less than 7 days ago (Google keeps a deleted custom role, and the bindings to it, for 7 days before purging it; the export does not say when it was deleted)";
        }

        if (context.EdgeIf(TechniqueId, from, to, description, steps, grantsAdmin, adminScope) is not { } edge)
        {
            return null;
        }

        string[] more = [.. conditions.Where(c => c.Length > 0).Append(deleted).Append(binding.Entitlement?.ApprovalRequirement).OfType<string>()];
        return more.Length == 0 ? edge : edge with { Requirements = edge.Requirements.AddRange(more) };
    }

    /// <summary>Empty when the binding applies to the container, the requirement when Ward cannot decide its condition, null when it does not hold.</summary>
    private static string? Holds(GcpEdgeContext context, HierarchyNode node, Binding binding)
    {
        if (binding.Condition is not { } condition)
        {
            return string.Empty;
        }

        var result = IamCondition.Parse(condition.Expression).Evaluate(new ConditionContext
        {
            RequestTime = context.AsOf,
            ResourceName = node.RelativeName,
            ResourceService = "cloudresourcemanager.googleapis.com",
            ResourceType = "cloudresourcemanager.googleapis.com/" + node.Kind,
            ResourceTags = ResourceLocator.Locate(context.Estate, node.Name, out _) is { } resource ? context.Authorizer.TagsOf(resource) : null,
        });
        return Requirement(result, condition, binding, node.RelativeName);
    }

    /// <summary>As for a container, for a binding on another resource (a service account): its condition decided there.</summary>
    private static string? Holds(GcpEdgeContext context, GcpResource resource, Binding binding) =>
        binding.Condition is not { } condition ? string.Empty
            : Requirement(context.Authorizer.Decide(IamCondition.Parse(condition.Expression), resource, context.AsOf), condition, binding, resource.RelativeName);

    private static string? Requirement(ConditionResult result, BindingCondition condition, Binding binding, string on) => result.Truth switch
    {
        ConditionTruth.True => string.Empty,
        ConditionTruth.False => null,
        _ => $"the condition `{condition.Expression}` of its binding of `{binding.Role}` on `{on}` holds ({string.Join("; ", result.Undecided)})",
    };
}
