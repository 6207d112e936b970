using System.Collections.Immutable;
using Ward.Aws.Estate;
using Ward.Core.Graph;

namespace Ward.Aws.Edges.Checkers;

/// <summary>
/// <c>ward-org-detach-scp</c>: a member-account principal held back by the SCPs (and RCPs) that govern its account,
/// admin-equivalent once it detaches them (organizations:DetachPolicy) from the root, OUs or account they are
/// attached to. Each level is changed on its own, as AWS evaluates each level on its own.
/// </summary>
/// <remarks>
/// AWS refuses to detach the last SCP or RCP of a root, OU or account. A level that keeps the AWS-managed
/// full-access policy (which cannot be detached) loses any other; a level without it must first get it
/// (organizations:AttachPolicy, an extra step), or it keeps its policies. DetachPolicy and AttachPolicy act on the
/// policy and on the target, and the evaluator must allow both.
/// </remarks>
public sealed class DetachOwnServiceControlPoliciesEdgeChecker : IAwsEdgeChecker
{
    private const string Detach = "organizations:DetachPolicy";
    private const string Attach = "organizations:AttachPolicy";

    public string TechniqueId => "ward-org-detach-scp";

    public bool TargetsSelf => true;

    public bool GrantsAdmin => true;

    public IEnumerable<Edge> Check(AwsEdgeContext context, IReadOnlySet<string>? targets) =>
        ControlPolicyAdministration.SelfEscalations(
            context,
            TechniqueId,
            Detach,
            administration => ControlPolicyAdministration.PolicyTypes.SelectMany(type =>
                administration.Organization.TargetsGoverning(administration.Account, type).SelectMany(target => Changes(context, administration, type, target))),
            changes => string.Join("; ", changes.Select(c => c.Description)));

    /// <summary>The changes the principal could make at one level: detaching each policy but the full-access one.</summary>
    private static IEnumerable<ControlPolicyChange> Changes(AwsEdgeContext context, ControlPolicyAdministration administration, ControlPolicyType type, string target)
    {
        var organization = administration.Organization;
        var attached = organization.AttachedTo(target, type);
        var restricting = attached.Where(p => !AwsOrganization.IsFullAccess(p)).ToList();
        if (restricting.Count == 0)
        {
            yield break;
        }

        var kind = ControlPolicyAdministration.KindOf(type);
        var targetArn = organization.ArnOfTarget(target);
        var where = organization.DescribeTarget(target);
        if (attached.Any(AwsOrganization.IsFullAccess))
        {
            // The full-access policy stays: any other can go, each on its own.
            foreach (var policy in restricting)
            {
                yield return new ControlPolicyChange(type, $"detaches {kind} {policy.Name} ({policy.Id}) from {where}", DetachSteps(context, administration, type, policy, targetArn))
                {
                    Detached = [(policy.Id, target)],
                };
            }

            yield break;
        }

        // The level's last policy cannot be detached: the full-access one goes on first, then every other comes off.
        var fullAccess = AwsOrganization.FullAccessPolicyId(type);
        yield return new ControlPolicyChange(
            type,
            $"attaches {kind} {fullAccess} to {where} and detaches {string.Join(", ", restricting.Select(p => $"{p.Name} ({p.Id})"))} from it",
            [
                administration.Step(context, Attach, organization.ArnOfPolicy(fullAccess, type), type),
                administration.Step(context, Attach, targetArn, type),
                .. restricting.SelectMany(policy => DetachSteps(context, administration, type, policy, targetArn)),
            ])
        {
            Detached = [.. restricting.Select(p => (p.Id, target))],
            FullAccessAttachedTo = target,
        };
    }

    private static ImmutableArray<(string Action, string Resource, Core.Decisions.Decision Decision)> DetachSteps(AwsEdgeContext context, ControlPolicyAdministration administration, ControlPolicyType type, ControlPolicy policy, string targetArn) =>
    [
        administration.Step(context, Detach, administration.Organization.ArnOf(policy), type),
        administration.Step(context, Detach, targetArn, type),
    ];
}
