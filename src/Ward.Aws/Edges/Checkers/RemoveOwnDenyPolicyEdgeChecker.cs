using Ward.Aws.Policy.Evaluation;
using Ward.Aws.Policy.Syntax;
using Ward.Core.Decisions;
using Ward.Core.Graph;

namespace Ward.Aws.Edges.Checkers;

/// <summary>
/// <c>ward-iam-detach-deny</c>: a principal restricted by a Deny in a policy attached to itself (managed or inline)
/// that can detach or delete that policy, and is admin-equivalent without it.
/// </summary>
public sealed class RemoveOwnDenyPolicyEdgeChecker : IAwsEdgeChecker
{
    public string TechniqueId => "ward-iam-detach-deny";

    public bool TargetsSelf => true;

    public bool GrantsAdmin => true;

    public IEnumerable<Edge> Check(AwsEdgeContext context, IReadOnlySet<string>? targets)
    {
        foreach (var principal in context.Principals.Where(p => !context.Admins.Contains(AwsEdgeContext.IdOf(p))))
        {
            var isUser = principal.Type == AwsPrincipalType.IamUser;
            // Whether it may remove a policy is one decision per action, whichever policy it removes.
            var removals = new Dictionary<string, Decision>(StringComparer.Ordinal);
            foreach (var policy in context.Estate.IdentityPoliciesOf(principal).Where(p => p.Document.Statements.Any(s => s.Effect == Effect.Deny && s.Problem is null) && AdminEquivalence.DeniesAProbe(p.Document)))
            {
                // Policies reached through a group are the group's to change, not the principal's.
                if (policy.Name.Contains("(via group", StringComparison.Ordinal) || policy.Name.StartsWith("group ", StringComparison.Ordinal))
                {
                    continue;
                }

                var managed = policy.Name.StartsWith("arn:", StringComparison.Ordinal);
                var action = (managed, isUser) switch
                {
                    (true, true) => "iam:DetachUserPolicy",
                    (true, false) => "iam:DetachRolePolicy",
                    (false, true) => "iam:DeleteUserPolicy",
                    _ => "iam:DeleteRolePolicy",
                };
                if (!context.MayAllow(principal, action))
                {
                    continue;
                }

                if (!removals.TryGetValue(action, out var remove))
                {
                    remove = removals[action] = context.Can(principal, action, principal.Value);
                }

                if (remove.Kind is not (DecisionKind.Allowed or DecisionKind.Conditional))
                {
                    continue;
                }

                var without = AdminEquivalence.Evaluate(context, principal, AwsGraphBuilder.DefaultRegion, policies => policies with { IdentityPolicies = policies.IdentityPolicies.Remove(policy) }, adjustAddsNoIdentityPolicy: true);
                if (!without.IsAdmin)
                {
                    continue;
                }

                var edge = AwsEdgeContext.EdgeIf(TechniqueId, principal.Value, principal.Value, $"removes its own deny policy `{policy.Name}`; without it, it {without.Reason}", grantsAdmin: true, (action, principal.Value, remove));
                if (edge is not null)
                {
                    yield return edge;
                }
            }
        }
    }
}
