using Ward.Aws.Estate;
using Ward.Aws.Policy.Evaluation;
using Ward.Core.Graph;

namespace Ward.Aws.Edges;

/// <summary>
/// A technique whose edges end at a resource named with <c>--target</c> (a bucket, key, queue, topic, secret,
/// function or repository of the resource-policies export): every principal, admin-equivalent ones included, is
/// decided by the evaluator with the resource's exported policy as the resource-policy layer.
/// </summary>
public abstract class ResourceTargetEdgeChecker : IAwsEdgeChecker
{
    public abstract string TechniqueId { get; }

    public bool GrantsAdmin => false;

    public bool TargetsSelf => false;

    public bool ReachesResources => true;

    public IEnumerable<Edge> Check(AwsEdgeContext context, IReadOnlySet<string>? targets)
    {
        // Resources matter only where paths to them are asked for: no targets, no work.
        foreach (var target in (targets ?? Enumerable.Empty<string>()).Order(StringComparer.Ordinal))
        {
            if (!context.Estate.ResourcePolicies.TryGetValue(target, out var resource) || !Applies(resource))
            {
                continue;
            }

            foreach (var principal in ResourceTargets.Sources(context, resource, Requests(resource)))
            {
                if (EdgeTo(context, principal, resource) is { } edge)
                {
                    yield return edge;
                }
            }
        }
    }

    /// <summary>Whether the technique applies to resources of this kind.</summary>
    protected abstract bool Applies(AwsResourcePolicy resource);

    /// <summary>The requests a principal must be able to make for the edge to exist, for the pre-filter (any one may do).</summary>
    protected abstract IReadOnlyList<(string Action, string Resource)> Requests(AwsResourcePolicy resource);

    /// <summary>The edge from the principal to the resource, or null when the evaluator allows no step.</summary>
    protected abstract Edge? EdgeTo(AwsEdgeContext context, AwsPrincipal principal, AwsResourcePolicy resource);
}
