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

    public IEnumerable<Edge> Check(AwsEdgeContext context, IReadOnlySet<string>? targets)
    {
        if (context.Estate.Organization is not { } organization)
        {
            yield break;
        }

        foreach (var principal in context.Candidates(Action))
        {
            if (ControlPolicyAdministration.For(organization, principal) is not { } administration)
            {
                continue;
            }

            // Rewriting a policy changes it wherever it is attached: one change per policy.
            var changes = ControlPolicyAdministration.PolicyTypes
                .SelectMany(type => administration.Governing(type).Select(policy => new ControlPolicyChange(
                    type,
                    $"{ControlPolicyAdministration.KindOf(type)} {policy.Name} ({policy.Id})",
                    [administration.Step(context, Action, organization.ArnOf(policy), type)]) { Rewritten = [policy.Id] }))
                .ToList();
            if (administration.Needed(context, changes) is not { } needed)
            {
                continue;
            }

            var edge = AwsEdgeContext.EdgeIf(
                TechniqueId,
                principal.Value,
                principal.Value,
                $"rewrites {string.Join(", ", needed.Changes.Select(c => c.Description))}, which govern account {administration.Account}; then it {needed.Verdict.Reason}",
                grantsAdmin: true,
                [.. needed.Changes.SelectMany(c => c.Steps)]);
            if (administration.Finish(edge) is { } finished)
            {
                yield return finished;
            }
        }
    }
}
