using Ward.Core.Graph;
using Ward.Gcp.Iam;
using Ward.Gcp.Policy.Conditions;
using Ward.Gcp.Policy.Evaluation;

namespace Ward.Gcp.Edges.Checkers;

/// <summary>
/// <c>gcp-custom-role-update</c>: a principal bound to a custom role on an organization, folder or project, and
/// allowed <c>iam.roles.update</c> on the organization or project that defines the role, adds the container's
/// <c>setIamPolicy</c> permission to the role (re-enabling it if it is disabled) and becomes owner-equivalent of the
/// container. A self-escalation. A deleted role must be undeleted first (another permission): not counted. The
/// binding's condition is decided for the container as the evaluator decides it; one Ward cannot decide becomes a
/// requirement, one that does not hold removes the edge.
/// </summary>
public sealed class UpdateCustomRoleEdgeChecker : IGcpEdgeChecker
{
    private const string Update = "iam.roles.update";

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
                if (Role.KindOf(binding.Role) == RoleKind.Predefined || context.Estate.FindRole(binding.Role) is not { Deleted: false } role
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
                    if (context.EdgeIf(TechniqueId, principal, principal, description, [new EdgeStep(Update, role.Parent!, decision)], grantsAdmin: true, adminScope: node.Name) is { } edge)
                    {
                        string[] more = [.. new[] { condition.Length == 0 ? null : condition, binding.Entitlement?.ApprovalRequirement }.OfType<string>()];
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
