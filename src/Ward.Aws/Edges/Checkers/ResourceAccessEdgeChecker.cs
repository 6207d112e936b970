using Ward.Aws.Estate;
using Ward.Aws.Policy.Evaluation;
using Ward.Aws.Resources;
using Ward.Core.Graph;

namespace Ward.Aws.Edges.Checkers;

/// <summary>
/// <c>ward-resource-access</c>: the principal's effective permissions (identity policies, boundary, SCPs, RCPs and
/// the resource's exported policy) already allow a data action of <see cref="SensitiveActions"/> on the resource.
/// </summary>
public sealed class ResourceAccessEdgeChecker : ResourceTargetEdgeChecker
{
    public override string TechniqueId => "ward-resource-access";

    protected override bool Applies(AwsResourcePolicy resource) => SensitiveActions.DataActions(resource.Type, resource.Arn).Any();

    protected override IReadOnlyList<(string Action, string Resource)> Requests(AwsResourcePolicy resource) => [.. SensitiveActions.DataActions(resource.Type, resource.Arn)];

    protected override Edge? EdgeTo(AwsEdgeContext context, AwsPrincipal principal, AwsResourcePolicy resource)
    {
        var access = ResourceTargets.DataAccess(context, principal, resource);
        return access.Length == 0
            ? null
            : AwsEdgeContext.EdgeIf(TechniqueId, principal.Value, resource.Arn, $"can {ResourceTargets.ActionsOf(access)} on `{resource.Name}`", grantsAdmin: false, access);
    }
}
