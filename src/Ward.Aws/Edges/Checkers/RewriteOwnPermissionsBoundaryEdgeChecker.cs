using Ward.Core.Decisions;
using Ward.Core.Graph;

namespace Ward.Aws.Edges.Checkers;

/// <summary>
/// <c>ward-iam-rewrite-boundary</c>: a principal held back by a customer-managed permissions boundary that can
/// create a new default version of that policy (iam:CreatePolicyVersion on the boundary's ARN), one that allows
/// everything, and is admin-equivalent with it.
/// </summary>
/// <remarks>
/// A boundary that allows everything limits nothing, so admin-equivalence is decided without one. AWS managed
/// policies cannot be given new versions, so only customer-managed boundaries are considered. A boundary with the
/// five versions IAM keeps needs iam:DeletePolicyVersion on it too (see <see cref="PolicyVersionLimit"/>).
/// </remarks>
public sealed class RewriteOwnPermissionsBoundaryEdgeChecker : IAwsEdgeChecker
{
    private const string Action = PolicyVersionLimit.CreateAction;

    public string TechniqueId => "ward-iam-rewrite-boundary";

    public bool TargetsSelf => true;

    public bool GrantsAdmin => true;

    public IEnumerable<Edge> Check(AwsEdgeContext context, IReadOnlySet<string>? targets)
    {
        foreach (var principal in context.Principals.Where(p => !context.Admins.Contains(AwsEdgeContext.IdOf(p)) && context.Estate.BoundaryOf(p) is not null))
        {
            if (context.Estate.BoundaryArnOf(principal.Value) is not { } boundary
                || boundary.Contains(":iam::aws:policy/", StringComparison.Ordinal)
                || !context.MayAllow(principal, Action)
                || !context.MayAllowOn(principal, Action, boundary))
            {
                continue;
            }

            var write = context.Can(principal, Action, boundary);
            if (write.Kind is not (DecisionKind.Allowed or DecisionKind.Conditional))
            {
                continue;
            }

            // Decided under the boundary as it is now: the old version must go before the new one exists.
            (string Action, string Resource, Decision Decision)[] steps = [(Action, boundary, write)];
            if (PolicyVersionLimit.ActionNeededFirst(context.Estate, boundary) is { } deletion)
            {
                var delete = context.MayAllowOn(principal, deletion, boundary) ? context.Can(principal, deletion, boundary) : null;
                if (delete?.Kind is not (DecisionKind.Allowed or DecisionKind.Conditional))
                {
                    continue;
                }

                steps = [.. steps, (deletion, boundary, delete)];
            }

            var rewritten = context.AdminWithoutBoundary(principal);
            if (!rewritten.IsAdmin)
            {
                continue;
            }

            var name = boundary[(boundary.LastIndexOf('/') + 1)..];
            var freeing = steps.Length > 1 ? $", deleting an old version first (it has {PolicyVersionLimit.MaxVersions} versions, the most IAM keeps)" : string.Empty;
            var edge = AwsEdgeContext.EdgeIf(TechniqueId, principal.Value, principal.Value, $"rewrites its own permissions boundary `{name}` (a new default version allowing everything{freeing}); then it {rewritten.Reason}", grantsAdmin: true, steps);
            if (edge is not null)
            {
                yield return edge;
            }
        }
    }
}
