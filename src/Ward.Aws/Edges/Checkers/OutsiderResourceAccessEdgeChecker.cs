using Ward.Aws.Resources;
using Ward.Core.Graph;

namespace Ward.Aws.Edges.Checkers;

/// <summary>
/// <c>ward-resource-outsider</c>: to a resource named with <c>--target</c>, from a party outside the exported
/// accounts that its policy lets at the data: anyone without credentials, any AWS account (<c>*</c>), another
/// account (or a principal of it) the policy names, or every principal of another organization (<c>*</c> narrowed by
/// <c>aws:PrincipalOrgID</c>).
/// </summary>
/// <remarks>
/// Decided by the resource exposure probes (<see cref="AwsResourceExposureAnalysis"/>): the party's own policies taken
/// as allowing, with values of its own for the organization, source and network keys, so the resource's policy, RCPs
/// and conditions decide. Principals of the exported accounts get <c>ward-resource-access</c> edges instead.
/// </remarks>
public sealed class OutsiderResourceAccessEdgeChecker : IAwsEdgeChecker
{
    public string TechniqueId => "ward-resource-outsider";

    public bool GrantsAdmin => false;

    public bool TargetsSelf => false;

    public bool ReachesResources => true;

    public IEnumerable<Edge> Check(AwsEdgeContext context, IReadOnlySet<string>? targets)
    {
        if (targets is null || targets.Count == 0)
        {
            yield break;
        }

        foreach (var access in AwsResourceExposureAnalysis.Of(context.Estate, context.AsOf).Where(a => targets.Contains(a.Resource.Arn)))
        {
            if (NodeIdOf(context, access) is not { } from)
            {
                continue;
            }

            var data = SensitiveActions.DataActions(access.Resource.Type, access.Resource.Arn).Select(d => d.Action).ToHashSet(StringComparer.Ordinal);
            var admitted = access.Actions.Where(a => data.Contains(a.Action) && a.Admits).ToList();
            var certain = admitted.Where(a => a.Decision.Kind == Core.Decisions.DecisionKind.Allowed).ToList();
            var steps = (certain.Count > 0 ? certain : admitted).Select(a => (a.Action, a.Resource, a.Decision)).ToArray();
            if (steps.Length == 0)
            {
                continue;
            }

            var edge = AwsEdgeContext.EdgeIf(TechniqueId, from, access.Resource.Arn, $"can {string.Join(" and ", steps.Select(s => s.Action))} on `{access.Resource.Name}`: its policy lets {access.ProbeCaller} in", grantsAdmin: false, steps);
            if ((access.Statements.IsDefaultOrEmpty ? edge : OutsideParties.GrantedBy(edge, $"resource policy of {access.Resource.Name}", access.Statements[0])) is { } granted)
            {
                yield return granted;
            }
        }
    }

    /// <summary>The party's node, or null when it is a principal of the exported accounts or an AWS service.</summary>
    private static string? NodeIdOf(AwsEdgeContext context, ResourceAccess access) => access.Kind switch
    {
        ResourceProbeKind.Anonymous => OutsideParties.Anonymous,
        ResourceProbeKind.AnyAccount => OutsideParties.Everyone,
        ResourceProbeKind.Organization => access.Party,
        ResourceProbeKind.Account when access.PartyAccount is { } account && !context.Estate.Accounts.Any(a => a.Id == account) =>
            access.Party.StartsWith("arn:", StringComparison.Ordinal) && !access.Party.EndsWith(":root", StringComparison.Ordinal) ? access.Party : $"arn:aws:iam::{account}:root",
        _ => null,
    };
}
