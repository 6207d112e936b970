using Ward.Aws.Estate;
using Ward.Aws.Policy.Evaluation;
using Ward.Core.Decisions;
using Ward.Core.Graph;

namespace Ward.Aws.Edges;

/// <summary>
/// Rewriting a resource's policy to let oneself in: one of <paramref name="actions"/> allowed on the resource (with
/// its exported policy), then a data action allowed with the policy replaced by one naming the principal. The
/// second decision still honours SCPs, RCPs and, for a role, its permissions boundary; across accounts the
/// principal's own identity policies must allow the data action too.
/// </summary>
/// <param name="techniqueId">The technique, e.g. <c>ward-s3-put-bucket-policy</c>.</param>
/// <param name="resourceType">The resource type it applies to, e.g. <c>AWS::S3::Bucket</c>.</param>
/// <param name="policyName">What the policy is called, for descriptions: <c>bucket policy</c>, <c>key policy</c>...</param>
/// <param name="actions">The actions that replace or extend the policy (any one is enough).</param>
public abstract class ResourcePolicyRewriteEdgeChecker(string techniqueId, string resourceType, string policyName, params string[] actions) : ResourceTargetEdgeChecker
{
    public override string TechniqueId { get; } = techniqueId;

    protected override bool Applies(AwsResourcePolicy resource) => string.Equals(resource.Type, resourceType, StringComparison.Ordinal);

    protected override IReadOnlyList<(string Action, string Resource)> Requests(AwsResourcePolicy resource) => [.. actions.Select(a => (a, resource.Arn))];

    protected override Edge? EdgeTo(AwsEdgeContext context, AwsPrincipal principal, AwsResourcePolicy resource)
    {
        var requestContext = ResourceTargets.RequestContext(resource);
        var rewrites = actions.Select(a => (Action: a, Resource: resource.Arn, Decision: context.Can(principal, a, resource.Arn, requestContext))).ToArray();
        var rewrite = rewrites.FirstOrDefault(r => r.Decision.Kind == DecisionKind.Allowed);
        if (rewrite.Action is null)
        {
            rewrite = rewrites.FirstOrDefault(r => r.Decision.Kind == DecisionKind.Conditional);
            if (rewrite.Action is null)
            {
                return null;
            }
        }

        var access = ResourceTargets.DataAccess(context, principal, resource, ResourceTargets.RewrittenFor(resource, principal));
        return access.Length == 0
            ? null
            : AwsEdgeContext.EdgeIf(
                TechniqueId,
                principal.Value,
                resource.Arn,
                $"rewrites the {policyName} of `{resource.Name}` ({rewrite.Action}) to grant itself {ResourceTargets.ActionsOf(access)}",
                grantsAdmin: false,
                [rewrite, .. access]);
    }
}
