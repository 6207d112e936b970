using Ward.Core.Graph;
using Ward.Microsoft.Edges.Checkers;
using static Ward.Microsoft.Tests.Testing.Workloads;

namespace Ward.Microsoft.Tests.Edges;

/// <summary>
/// <c>azure-vmss-run-command</c> on the Tailspin fixture (<c>az vmss list</c>): a Virtual Machine Contributor of
/// rg-web, through Web Operators, runs a command on vmss-web's instances and acts as its identity; a custom role that
/// excludes run command does not, and vmss-batch, which has no identity, leads nowhere.
/// </summary>
public sealed class ScaleSetRunCommandEdgeCheckerTests
{
    private const string RunCommand = "Microsoft.Compute/virtualMachineScaleSets/virtualMachines/runCommand/action";
    private static readonly string ScaleSet = Resource("rg-web", "Microsoft.Compute/virtualMachineScaleSets", "vmss-web");

    private static List<Edge> Edges => field ??= [.. new ScaleSetRunCommandEdgeChecker().Check(Context, targets: null)];

    [Fact]
    public void A_Virtual_Machine_Contributor_of_the_resource_group_acts_as_the_scale_set_identity()
    {
        // Given vince, member of Web Operators, Virtual Machine Contributor of rg-web, where vmss-web carries a system-assigned identity
        var edge = Assert.Single(Edges, e => e.From.Value == Vince);

        // Then he reaches that identity for certain, by running a command on the scale set's instances
        Assert.Equal(("azure-vmss-run-command", ScaleSetIdentity, false), (edge.Technique, edge.To.Value, edge.IsConditional));
        Assert.False(edge.GrantsAdmin);
        var permission = Assert.Single(edge.Permissions);
        Assert.Equal((RunCommand, ScaleSet), (permission.Action, permission.Resource));
        Assert.Contains("Virtual Machine Contributor", permission.GrantedBy, StringComparison.Ordinal);
        Assert.Contains("`vmss-web`", edge.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Nora, "her Scale Set Operator role lists runCommand/action in notActions")]
    [InlineData(Cody, "Contributor of rg-containers: an unrelated resource group")]
    public void The_safe_twins_run_no_command(string principal, string why)
    {
        Assert.False(Edges.Exists(e => e.From.Value == principal), why);
    }

    [Fact]
    public void The_scale_set_without_an_identity_gives_no_edge()
    {
        // vmss-batch (identity null) is in the same resource group: only vmss-web's identity is reached
        Assert.NotNull(Estates.Azure.FindResource(Ward.Microsoft.Azure.Rbac.AzureScope.Parse(Resource("rg-web", "Microsoft.Compute/virtualMachineScaleSets", "vmss-batch"))));
        Assert.All(Edges, e => Assert.Equal((ScaleSetIdentity, ScaleSet), (e.To.Value, e.Permissions[0].Resource)));
        Assert.Equal([Vince], Edges.Where(e => !SelfAssigns(e)).Select(e => e.From.Value), StringComparer.Ordinal);

        // The others may write role assignments and assign themselves a role first (SelfAssignedRoleEdgeTests)
        Assert.Equal([Rhea, Uma, Rita, Rory, Ursula], Edges.Where(SelfAssigns).Select(e => e.From.Value), StringComparer.Ordinal);
    }
}
