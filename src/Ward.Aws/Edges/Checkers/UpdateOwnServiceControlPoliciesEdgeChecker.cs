using Ward.Core.Graph;

namespace Ward.Aws.Edges.Checkers;

/// <summary>
/// <c>ward-org-update-scp</c>: a member-account principal held back by the SCPs (and RCPs) that govern its account,
/// admin-equivalent once it rewrites those it can rewrite (organizations:UpdatePolicy). The call succeeds only from
/// the management account or a delegated administrator for Organizations policies (see <see cref="ControlPolicyAdministration"/>).
/// </summary>
public sealed class UpdateOwnServiceControlPoliciesEdgeChecker : IAwsEdgeChecker
{
    private const string Action = "organizations:UpdatePolicy";

    public string TechniqueId => "ward-org-update-scp";

    public bool TargetsSelf => true;

    public bool GrantsAdmin => true;

    public IEnumerable<Edge> Check(AwsEdgeContext context, IReadOnlySet<string>? targets) =>
        ControlPolicyAdministration.SelfEscalations(
            context,
            TechniqueId,
            Action,
            // Rewriting a policy changes it wherever it is attached: one change per policy.
            administration => ControlPolicyAdministration.PolicyTypes.SelectMany(type => administration.Governing(type).Select(policy => new ControlPolicyChange(
                type,
                $"{ControlPolicyAdministration.KindOf(type)} {policy.Name} ({policy.Id})",
                [administration.Step(context, Action, administration.Organization.ArnOf(policy), type)]) { Rewritten = [policy.Id] })),
            changes => $"rewrites {string.Join(", ", changes.Select(c => c.Description))}");
}
