using Ward.Aws.Estate;
using Ward.Aws.Policy.Evaluation;
using Ward.Core.Decisions;
using Ward.Core.Graph;

namespace Ward.Aws.Edges.Checkers;

/// <summary>
/// <c>ward-kms-create-grant</c>: kms:CreateGrant on the key, with itself as the grantee and Decrypt among the
/// grant's operations, then kms:Decrypt through the grant. The grant request's condition keys are supplied
/// (<c>kms:GranteePrincipal</c> = the principal, <c>kms:GrantOperations</c> = Decrypt,
/// <c>kms:GrantIsForAWSResource</c> = false: a direct call), so a statement that allows grants only to others, only
/// for other operations or only for AWS services gives no edge. The grant is decided as one more statement of the
/// key policy naming the principal: the key policy's denies, SCPs and RCPs still apply.
/// </summary>
public sealed class KmsCreateGrantEdgeChecker : ResourceTargetEdgeChecker
{
    private const string CreateGrant = "kms:CreateGrant";
    private const string Decrypt = "kms:Decrypt";

    public override string TechniqueId => "ward-kms-create-grant";

    protected override bool Applies(AwsResourcePolicy resource) => string.Equals(resource.Type, "AWS::KMS::Key", StringComparison.Ordinal);

    protected override IReadOnlyList<(string Action, string Resource)> Requests(AwsResourcePolicy resource) => [(CreateGrant, resource.Arn)];

    protected override Edge? EdgeTo(AwsEdgeContext context, AwsPrincipal principal, AwsResourcePolicy resource)
    {
        var grantRequest = ResourceTargets.RequestContext(resource,
        [
            new("kms:GranteePrincipal", ContextValue.Of(principal.Value)),
            new("kms:GrantOperations", ContextValue.Of(["Decrypt"])),
            new("kms:GrantIsForAWSResource", ContextValue.Of("false")),
        ]);
        var grant = context.Can(principal, CreateGrant, resource.Arn, grantRequest);
        if (grant.Kind is not (DecisionKind.Allowed or DecisionKind.Conditional))
        {
            return null;
        }

        var withGrant = ResourceTargets.WithGrantFor(resource, principal, $"a grant of Decrypt to {principal.Name ?? principal.Value}", Decrypt);
        var use = context.Can(principal, Decrypt, resource.Arn, ResourceTargets.RequestContext(resource), policies => policies with { ResourcePolicy = withGrant });
        return AwsEdgeContext.EdgeIf(
            TechniqueId,
            principal.Value,
            resource.Arn,
            $"creates a grant of Decrypt on key `{resource.Name}` to itself ({CreateGrant}) and uses it ({Decrypt})",
            grantsAdmin: false,
            (CreateGrant, resource.Arn, grant),
            (Decrypt, resource.Arn, use));
    }
}
