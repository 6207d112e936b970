using Ward.Aws.Policy.Evaluation;
using Ward.Core.Decisions;
using Ward.Core.Graph;

namespace Ward.Aws.Edges.Checkers;

/// <summary>
/// <c>ward-iam-delete-boundary</c>: a principal held back by a permissions boundary that can delete that boundary,
/// and is admin-equivalent without it.
/// </summary>
public sealed class DeleteOwnPermissionsBoundaryEdgeChecker : IAwsEdgeChecker
{
    public string TechniqueId => "ward-iam-delete-boundary";

    public bool TargetsSelf => true;

    public bool GrantsAdmin => true;

    public IEnumerable<Edge> Check(AwsEdgeContext context, IReadOnlySet<string>? targets)
    {
        foreach (var principal in context.Principals.Where(p => !context.Admins.Contains(AwsEdgeContext.IdOf(p)) && context.Estate.BoundaryOf(p) is not null))
        {
            var action = principal.Type == AwsPrincipalType.IamUser ? "iam:DeleteUserPermissionsBoundary" : "iam:DeleteRolePermissionsBoundary";
            if (!context.MayAllow(principal, action))
            {
                continue;
            }

            var delete = context.Can(principal, action, principal.Value);
            if (delete.Kind is not (DecisionKind.Allowed or DecisionKind.Conditional))
            {
                continue;
            }

            var unbounded = context.AdminWithoutBoundary(principal);
            if (!unbounded.IsAdmin)
            {
                continue;
            }

            var edge = AwsEdgeContext.EdgeIf(TechniqueId, principal.Value, principal.Value, $"deletes its own permissions boundary; without it, it {unbounded.Reason}", grantsAdmin: true, (action, principal.Value, delete));
            if (edge is not null)
            {
                yield return edge;
            }
        }
    }
}
