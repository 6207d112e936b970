using Ward.Core.Decisions;
using Ward.Core.Graph;

namespace Ward.Aws.Edges.Checkers;

/// <summary>
/// <c>ward-sso-assignment</c>: a principal of the organization's management account that can create permission sets,
/// give them AWS managed policies, provision them and assign them can make an IAM Identity Center user it controls an
/// administrator of any account of the organization.
/// </summary>
/// <remarks>
/// The exports hold no Identity Center configuration (instances, users, delegated administrators), so the edge carries
/// that as a requirement and is reported as conditional; principals of delegated-administrator accounts are not
/// considered.
/// </remarks>
public sealed class IdentityCenterAssignmentEdgeChecker : IAwsEdgeChecker
{
    private static readonly string[] Actions =
    [
        "sso:CreatePermissionSet", "sso:AttachManagedPolicyToPermissionSet", "sso:ProvisionPermissionSet", "sso:CreateAccountAssignment",
    ];

    public string TechniqueId => "ward-sso-assignment";

    public bool TargetsSelf => true;

    public bool GrantsAdmin => true;

    public IEnumerable<Edge> Check(AwsEdgeContext context, IReadOnlySet<string>? targets)
    {
        if (context.Estate.Organization is not { } organization)
        {
            yield break;
        }

        foreach (var principal in context.Candidates(Actions).Where(p => p.Account == organization.ManagementAccountId))
        {
            var steps = Actions.Select(action => (Action: action, Result: context.CanSomewhereCached(principal, action))).ToList();
            if (steps.Exists(s => s.Result.Decision.Kind is not (DecisionKind.Allowed or DecisionKind.Conditional)))
            {
                continue;
            }

            var edge = AwsEdgeContext.EdgeIf(
                TechniqueId,
                principal.Value,
                principal.Value,
                $"assigns an Identity Center user it controls an administrator permission set in any account of organization {organization.Id}",
                grantsAdmin: true,
                [.. steps.Select(s => (s.Action, s.Result.Resource, s.Result.Decision))]);
            if (edge is not null)
            {
                yield return edge with
                {
                    Requirements =
                    [
                        .. edge.Requirements,
                        "IAM Identity Center is enabled for the organization (its configuration is not in the exports)",
                        "the principal controls an Identity Center user, or can create one (identitystore:CreateUser)",
                    ],
                };
            }
        }
    }
}
