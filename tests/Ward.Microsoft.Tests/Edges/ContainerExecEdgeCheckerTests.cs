using Ward.Core.Graph;
using Ward.Microsoft.Edges.Checkers;
using static Ward.Microsoft.Tests.Testing.Workloads;

namespace Ward.Microsoft.Tests.Edges;

/// <summary>
/// <c>azure-container-exec</c> on the Tailspin fixture (<c>az container list</c>): a Contributor of rg-containers
/// opens a shell in aci-nightly and acts as its identity; a Reader of the same group does not, nor a Contributor of
/// rg-sandbox, whose container group has no identity.
/// </summary>
public sealed class ContainerExecEdgeCheckerTests
{
    private static readonly string ContainerGroup = Resource("rg-containers", "Microsoft.ContainerInstance/containerGroups", "aci-nightly");

    private static List<Edge> Edges => field ??= [.. new ContainerExecEdgeChecker().Check(Context, targets: null)];

    [Fact]
    public void A_Contributor_of_the_resource_group_execs_into_the_container_and_acts_as_the_group_identity()
    {
        // Given cody, Contributor of rg-containers, where aci-nightly carries a system-assigned identity
        var edge = Assert.Single(Edges, e => e.From.Value == Cody);

        // Then he reaches it for certain
        Assert.Equal(("azure-container-exec", ContainerGroupIdentity, false), (edge.Technique, edge.To.Value, edge.IsConditional));
        var permission = Assert.Single(edge.Permissions);
        Assert.Equal(("Microsoft.ContainerInstance/containerGroups/containers/exec/action", ContainerGroup), (permission.Action, permission.Resource));
        Assert.Contains("Contributor", permission.GrantedBy, StringComparison.Ordinal);
        Assert.Contains("`aci-nightly`", edge.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Tess, "Reader of rg-containers reads, and execs into nothing")]
    [InlineData(Sam, "Contributor of rg-sandbox, whose aci-scratch has no identity")]
    [InlineData(Vince, "Virtual Machine Contributor of rg-web only")]
    public void The_safe_twins_reach_no_container_identity(string principal, string why)
    {
        Assert.False(Edges.Exists(e => e.From.Value == principal), why);
    }

    [Fact]
    public void Only_Cody_execs_into_a_container_with_an_identity()
    {
        Assert.Equal([(Cody, ContainerGroupIdentity)], Edges.Where(e => !SelfAssigns(e)).Select(e => (e.From.Value, e.To.Value)));

        // The subscription's role assignment writers assign themselves a role that execs first (not rhea: her condition allows none)
        Assert.Equal([Uma, Rita, Rory], Edges.Where(SelfAssigns).Select(e => e.From.Value), StringComparer.Ordinal);
    }
}
