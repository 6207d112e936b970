using Ward.Aws.Policy.Evaluation;

namespace Ward.Aws.Edges.Checkers;

/// <summary><c>iam-013</c>: iam:AddUserToGroup.</summary>
/// <remarks>
/// Joining a group gives the user the group's policies, not the group's standing: the user's permissions boundary
/// still caps what they allow, and its own denies and SCPs still apply (IAM user guide, "Permissions boundaries for
/// IAM entities"). So an administrators group is a way to admin only when the user, with the group's policies added
/// to its own, is admin-equivalent; and a user already in the group gains nothing by joining it.
/// </remarks>
public sealed class AddUserToGroupEdgeChecker() : IamEdgeChecker("iam-013", IamTargetKind.Groups, grantsAdmin: false, TechniqueStep.OnTarget("iam:AddUserToGroup"))
{
    private static readonly AdminVerdict NothingGained = new(null, []);

    protected override AdminVerdict? AdminAfterwards(AwsEdgeContext context, AwsPrincipal principal, string target)
    {
        if (IamTargets.GroupsOf(context.Estate, principal.Value).Contains(target, StringComparer.Ordinal))
        {
            return NothingGained;
        }

        // A group that is no administrator is a target only when named as one: being in it is then the goal.
        if (!context.Estate.Groups.TryGetValue(target, out var group) || !context.Admins.Contains(AwsEdgeContext.IdOf(target)))
        {
            return null;
        }

        var groupPolicies = context.Estate.GroupPoliciesOf(group);
        return AdminEquivalence.Evaluate(context, principal, AwsGraphBuilder.DefaultRegion, policies => policies with { IdentityPolicies = policies.IdentityPolicies.AddRange(groupPolicies) });
    }

    protected override string AfterwardsQualifier(AwsPrincipal principal, string target) =>
        $"for `{principal.Name ?? NameOf(principal.Value)}` once in `{NameOf(target)}`";
}
