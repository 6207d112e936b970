using Ward.Aws.Policy.Evaluation;
using Ward.Core.Decisions;
using Ward.Core.Graph;

namespace Ward.Aws.Edges.Checkers;

/// <summary>
/// <c>ward-iam-replace-boundary</c>: a principal held back by a permissions boundary that can set another boundary
/// on itself, AWS managed AdministratorAccess, and is admin-equivalent with it.
/// </summary>
/// <remarks>
/// The request is decided with <c>iam:PermissionsBoundary</c> set to AdministratorAccess's ARN, so a grant whose
/// condition admits only some other (harmless) boundary gives no edge. AdministratorAccess allows every action on
/// every resource: as a boundary it limits nothing, so admin-equivalence is decided without one.
/// </remarks>
public sealed class ReplaceOwnPermissionsBoundaryEdgeChecker : IAwsEdgeChecker
{
    /// <summary>The boundary put in place of the principal's own.</summary>
    public const string AdministratorAccess = "arn:aws:iam::aws:policy/AdministratorAccess";

    private static readonly IReadOnlyDictionary<string, ContextValue> Request =
        new Dictionary<string, ContextValue>(StringComparer.OrdinalIgnoreCase) { ["iam:PermissionsBoundary"] = ContextValue.Of(AdministratorAccess) };

    public string TechniqueId => "ward-iam-replace-boundary";

    public bool TargetsSelf => true;

    public bool GrantsAdmin => true;

    public IEnumerable<Edge> Check(AwsEdgeContext context, IReadOnlySet<string>? targets)
    {
        foreach (var principal in context.Principals.Where(p => !context.Admins.Contains(AwsEdgeContext.IdOf(p)) && context.Estate.BoundaryOf(p) is not null))
        {
            var action = principal.Type == AwsPrincipalType.IamUser ? "iam:PutUserPermissionsBoundary" : "iam:PutRolePermissionsBoundary";
            if (!context.MayAllow(principal, action) || !context.MayAllowOn(principal, action, principal.Value))
            {
                continue;
            }

            var put = context.Can(principal, action, principal.Value, Request);
            if (put.Kind is not (DecisionKind.Allowed or DecisionKind.Conditional))
            {
                continue;
            }

            var replaced = context.AdminWithoutBoundary(principal);
            if (!replaced.IsAdmin)
            {
                continue;
            }

            var edge = AwsEdgeContext.EdgeIf(TechniqueId, principal.Value, principal.Value, $"sets AWS managed AdministratorAccess as its own permissions boundary in place of its own; with it, it {replaced.Reason}", grantsAdmin: true, (action, principal.Value, put));
            if (edge is not null)
            {
                yield return edge;
            }
        }
    }
}
