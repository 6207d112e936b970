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
/// requirement, one that does not hold removes the edge.
/// </summary>
public sealed class UpdateCustomRoleEdgeChecker : IGcpEdgeChecker
{
    private const string Update = "iam.roles.update";
    private const string Undelete = "iam.roles.undelete";

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

                foreach (var principal in binding.Members.Select(GcpPrincipals.IdOf).OfType<string>().Distinct(StringComparer.Ordinal))
                {
                    if (binding.Entitlement is { } entitlement && !entitlement.CanBeApprovedFor(Member.Parse(principal)))
                    {
                        continue;
                    }

                    var decision = context.Authorize(principal, Update, parent);
                    var description = $"adds `{GcpEdgeContext.SetIamPolicyOf(node.Kind)}` to the custom role `{role.Name}` it holds on `{name}` and grants itself any role there: owner-equivalent of `{name}`";
                    EdgeStep[] steps = [new EdgeStep(Update, role.Parent!, decision)];
                    string? deleted = null;
                    if (role.Deleted)
                    {
                        // Undeleting brings the role back with its bindings; Google purges it 7 days after its deletion.
                        steps = [new EdgeStep(Undelete, role.Parent!, context.Authorize(principal, Undelete, parent)), .. steps];
                        description = $"undeletes the deleted custom role `{role.Name}` and " + description;
                        deleted = $"the custom role `{role.Name}` was deleted less than 7 days ago (Google keeps a deleted custom role, and the bindings to it, for 7 days before purging it; the export does not say when it was deleted)";
                    }

                    if (context.EdgeIf(TechniqueId, principal, principal, description, steps, grantsAdmin: true, adminScope: node.Name) is { } edge)
                    {
                        string[] more = [.. new[] { deleted, condition.Length == 0 ? null : condition, binding.Entitlement?.ApprovalRequirement }.OfType<string>()];
                        yield return more.Length == 0 ? edge : edge with { Requirements = edge.Requirements.AddRange(more) };
                    }
                }
            }
        }
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
        return result.Truth switch
        {
            ConditionTruth.True => string.Empty,
            ConditionTruth.False => null,
            _ => $"the condition `{condition.Expression}` of its binding of `{binding.Role}` on `{node.RelativeName}` holds ({string.Join("; ", result.Undecided)})",
        };
    }
}
