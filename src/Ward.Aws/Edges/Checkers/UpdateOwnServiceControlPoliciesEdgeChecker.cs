using Ward.Aws.Estate;
using Ward.Aws.Policy.Evaluation;
using Ward.Aws.Policy.Parsing;
using Ward.Aws.Policy.Syntax;
using Ward.Core.Diagnostics;
using Ward.Core.Graph;

namespace Ward.Aws.Edges.Checkers;

/// <summary>
/// <c>ward-org-update-scp</c>: a member-account principal held back by SCPs alone (admin-equivalent without them)
/// that can rewrite every SCP governing its account. The call succeeds only from the management account or a
/// delegated administrator for Organizations policies, which the organization's resource policy names: decided with
/// that policy when the export has it; otherwise assumed, and the edge carries the delegation as a requirement.
/// </summary>
public sealed class UpdateOwnServiceControlPoliciesEdgeChecker : IAwsEdgeChecker
{
    private const string Action = "organizations:UpdatePolicy";

    // AWS manages it and nobody can edit it; it allows everything, so it never holds anyone back.
    private const string FullAwsAccess = "p-FullAWSAccess";

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
            var governing = organization.PoliciesGoverning(principal.Account ?? string.Empty, ControlPolicyType.ServiceControl)
                .Where(p => !string.Equals(p.Id, FullAwsAccess, StringComparison.OrdinalIgnoreCase)).ToList();
            if (governing.Count == 0)
            {
                continue;
            }

            // With the organization's resource policy exported, it decides; without it, decided as if it delegated
            // policy management to the account (and the edge says so).
            if (organization.ResourcePolicyExported && organization.ResourcePolicy is null)
            {
                continue;
            }

            var delegation = organization.ResourcePolicy is { } exported
                ? new NamedPolicy($"resource policy of organization {organization.Id}", exported)
                : Delegation(organization, principal.Account!);
            var steps = governing.Select(policy => (Action, Resource: organization.ArnOf(policy),
                Decision: context.Can(principal, Action, organization.ArnOf(policy), adjust: policies => policies with { ResourcePolicy = delegation }))).ToArray();
            if (Array.Exists(steps, s => s.Decision.Kind is not (Core.Decisions.DecisionKind.Allowed or Core.Decisions.DecisionKind.Conditional)))
            {
                continue;
            }

            var unrestricted = AdminEquivalence.Evaluate(context, principal, AwsGraphBuilder.DefaultRegion, policies => policies with { ServiceControlPolicies = [] });
            if (!unrestricted.IsAdmin)
            {
                continue;
            }

            var edge = AwsEdgeContext.EdgeIf(
                TechniqueId,
                principal.Value,
                principal.Value,
                $"rewrites the SCPs that govern account {principal.Account} ({string.Join(", ", governing.Select(p => p.Name))}); without them, it {unrestricted.Reason}",
                grantsAdmin: true,
                steps);
            if (edge is not null && organization.ResourcePolicyExported)
            {
                yield return edge;
            }
            else if (edge is not null)
            {
                yield return edge with
                {
                    Requirements =
                    [
                        .. edge.Requirements,
                        $"account {principal.Account} is a delegated administrator for AWS Organizations policies (the organization's resource policy is not in the exports)",
                    ],
                };
            }
        }
    }

    private static NamedPolicy Delegation(AwsOrganization organization, string account)
    {
        var text = $$"""{"Version":"2012-10-17","Statement":[{"Sid":"AssumedDelegatedAdministrator","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{account}}:root"},"Action":"{{Action}}","Resource":"*"}]}""";
        var document = PolicyParser.ParseText(text, PolicyKind.Resource, new SourceLocation("(assumed)")).Document!;
        return new NamedPolicy($"resource policy of organization {organization.Id} (assumed: account {account} is a delegated administrator)", document);
    }
}
