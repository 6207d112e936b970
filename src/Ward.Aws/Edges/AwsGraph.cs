using System.Collections.Frozen;
using System.Collections.Immutable;
using Ward.Core.Graph;
using Ward.Core.Model;

namespace Ward.Aws.Edges;

/// <summary>The entitlement graph of an AWS estate with the admin-equivalence verdict of every node.</summary>
public sealed record AwsGraph(EntitlementGraph Graph, FrozenDictionary<PrincipalId, AdminVerdict> Admin)
{
    /// <summary>Where building the graph spent its time: phases and techniques (summed over threads), slowest first.</summary>
    public IReadOnlyList<(string Step, TimeSpan Elapsed)> Timings { get; init; } = [];

    /// <summary>
    /// For each resource target, the accounts where arbitrary permissions reach it (its current policy lets such a
    /// principal of the account perform a data action on it): a principal that can grant itself anything there
    /// reaches the resource.
    /// </summary>
    public FrozenDictionary<string, FrozenSet<string>> AccountsReachingResource { get; init; } = FrozenDictionary<string, FrozenSet<string>>.Empty;

    /// <summary>The principals (ARNs) paths were also searched to, besides the admins (<c>--target</c>).</summary>
    public ImmutableArray<string> Targets { get; init; } = [];

    /// <summary>
    /// The decisions and pre-filters the graph was built with, for analyses that ask the same questions (what each
    /// principal's policies say about an action): asked again, they are answered from what the graph worked out.
    /// </summary>
    public AwsEdgeContext? Probes { get; init; }
}
