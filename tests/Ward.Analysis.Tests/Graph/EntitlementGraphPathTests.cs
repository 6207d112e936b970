using System.Collections.Immutable;
using Ward.Core.Graph;
using Ward.Core.Model;

namespace Ward.Analysis.Tests.Graph;

/// <summary>Which path <see cref="EntitlementGraph.ShortestPathsTo(Func{GraphNode, bool})"/> gives each principal.</summary>
public sealed class EntitlementGraphPathTests
{
    private const string Admin = "admin";

    [Fact]
    public void A_certain_path_is_preferred_to_a_shorter_conditional_one()
    {
        // Given dev can become the admin directly only under a condition, and certainly through ci
        var graph = Graph(
            Conditional("dev", Admin),
            Certain("dev", "ci"),
            Certain("ci", Admin));

        var paths = graph.ShortestPathsTo(node => node.Id.Value == Admin);

        // Then dev's path is the two certain steps, not the one conditional step
        Assert.Equal("dev -> ci -> admin", Describe("dev", paths));
        Assert.All(paths[new PrincipalId("dev")], edge => Assert.False(edge.IsConditional));
    }

    [Fact]
    public void A_principal_with_only_conditional_ways_gets_its_shortest_path_through_a_certain_principal()
    {
        // Given intern reaches dev only under a condition, and dev reaches the admin certainly in two steps
        var graph = Graph(
            Conditional("intern", "dev"),
            Conditional("intern", "ops"),
            Conditional("ops", "ops2"),
            Conditional("ops2", "ops3"),
            Conditional("ops3", Admin),
            Certain("dev", "ci"),
            Certain("ci", Admin));

        var paths = graph.ShortestPathsTo(node => node.Id.Value == Admin);

        // Then intern's path goes through dev's certain path (three steps, one conditional), not the four conditional steps
        Assert.Equal("intern -> dev -> ci -> admin", Describe("intern", paths));
        Assert.Equal("ops -> ops2 -> ops3 -> admin", Describe("ops", paths));
    }

    [Fact]
    public void A_conditional_self_escalation_is_kept_only_when_no_certain_path_exists()
    {
        // Given dev can rewrite its own policies only under a condition and can certainly become the admin, while
        // tester can only rewrite its own policies under a condition
        var graph = Graph(
            Conditional("dev", "dev") with { GrantsAdmin = true },
            Certain("dev", "ci"),
            Certain("ci", Admin),
            Conditional("tester", "tester") with { GrantsAdmin = true });

        var paths = graph.ShortestPathsTo(node => node.Id.Value == Admin);

        Assert.Equal("dev -> ci -> admin", Describe("dev", paths));
        var tester = Assert.Single(paths[new PrincipalId("tester")]);
        Assert.True(tester.IsSelfEscalation);
        Assert.True(tester.IsConditional);
    }

    [Fact]
    public void Without_conditions_the_shortest_path_is_found()
    {
        var graph = Graph(
            Certain("dev", "a"),
            Certain("a", "b"),
            Certain("b", Admin),
            Certain("dev", "c"),
            Certain("c", Admin));

        var paths = graph.ShortestPathsTo(node => node.Id.Value == Admin);

        Assert.Equal("dev -> c -> admin", Describe("dev", paths));
        Assert.Equal("a,b,c,dev", string.Join(",", paths.Keys.Select(k => k.Value).Order(StringComparer.Ordinal)));
    }

    private static Edge Certain(string from, string to) =>
        new(new PrincipalId(from), new PrincipalId(to), "iam-assume-role", "can assume it", []);

    private static Edge Conditional(string from, string to) =>
        Certain(from, to) with { Requirements = ["aws:SourceIp is 203.0.113.0/24"] };

    private static EntitlementGraph Graph(params Edge[] edges)
    {
        var ids = edges.SelectMany(e => new[] { e.From.Value, e.To.Value }).Distinct(StringComparer.Ordinal);
        return new EntitlementGraph(ids.Select(id => new GraphNode(new PrincipalId(id), PrincipalKind.Role, CloudProvider.Aws, id, null)), edges);
    }

    private static string Describe(string from, IReadOnlyDictionary<PrincipalId, ImmutableArray<Edge>> paths) =>
        from + string.Concat(paths[new PrincipalId(from)].Select(e => " -> " + e.To.Value));
}
