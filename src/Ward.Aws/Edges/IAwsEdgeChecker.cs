using Ward.Core.Graph;

namespace Ward.Aws.Edges;

/// <summary>One escalation technique: finds every edge it creates in an estate, each with its explanation.</summary>
public interface IAwsEdgeChecker
{
    /// <summary>The technique id (pathfinding.cloud or <c>ward-…</c>), also the edge's technique.</summary>
    string TechniqueId { get; }

    /// <summary>
    /// True when the technique ends in arbitrary permissions (a self-escalation, or rewriting a principal and then
    /// becoming it): its edges end paths, so the builder runs it once against every target and keeps one edge per
    /// source. Other checkers are run only against principals known to lead to admin.
    /// </summary>
    bool GrantsAdmin { get; }

    /// <summary>True when every edge goes from a principal to itself (it rewrites its own permissions).</summary>
    bool TargetsSelf { get; }

    /// <summary>
    /// True when its edges give the target's identity for some services only (<see cref="Edge.LimitedToServices"/>):
    /// they extend no path, so the builder runs the checker once, against every target, after the paths are found.
    /// </summary>
    bool LimitsServices => false;

    /// <summary>
    /// True when every edge ends at a resource named with <c>--target</c> (<see cref="ResourceTargetEdgeChecker"/>):
    /// the builder runs it only for such targets, so a scan without them pays nothing.
    /// </summary>
    bool ReachesResources => false;

    /// <summary>
    /// The edges this technique creates in the estate; only those to <paramref name="targets"/> when given (null: to
    /// any principal; a checker that <see cref="ReachesResources"/> then finds none).
    /// </summary>
    IEnumerable<Edge> Check(AwsEdgeContext context, IReadOnlySet<string>? targets);
}
