using Ward.Core.Graph;
using Ward.Microsoft.Edges;
using Ward.Microsoft.Edges.Checkers;
using Ward.Microsoft.Tests.Testing;
using static Ward.Microsoft.Tests.Testing.Workloads;

namespace Ward.Microsoft.Tests.Edges;

/// <summary>
/// <c>azure-logic-app</c> on the Tailspin fixture (<c>az logic workflow list</c>): a Logic App Contributor of
/// rg-integration rewrites logic-invoices and acts as its identity; a Logic App Operator, who may only enable and
/// disable workflows, does not; logic-notify, which has no identity, leads nowhere.
/// </summary>
public sealed class LogicAppEdgeCheckerTests
{
    private static readonly string Workflow = Resource("rg-integration", "Microsoft.Logic/workflows", "logic-invoices");

    private static List<Edge> Edges => field ??= [.. new LogicAppEdgeChecker().Check(Context, targets: null)];

    [Fact]
    public void A_Logic_App_Contributor_rewrites_the_workflow_and_acts_as_its_identity()
    {
        // Given lara, Logic App Contributor of rg-integration, where logic-invoices carries a system-assigned identity
        var edge = Assert.Single(Edges, e => e.From.Value == Lara);

        // Then she reaches it for certain, by writing the workflow
        Assert.Equal(("azure-logic-app", LogicAppIdentity, false), (edge.Technique, edge.To.Value, edge.IsConditional));
        var permission = Assert.Single(edge.Permissions);
        Assert.Equal(("Microsoft.Logic/workflows/write", Workflow), (permission.Action, permission.Resource));
        Assert.Contains("Logic App Contributor", permission.GrantedBy, StringComparison.Ordinal);
        Assert.Contains("`logic-invoices`", edge.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Leo, "Logic App Operator enables and disables workflows but never writes one")]
    [InlineData(Abby, "Automation Contributor of an automation account only")]
    public void The_safe_twins_rewrite_no_workflow(string principal, string why)
    {
        Assert.False(Edges.Exists(e => e.From.Value == principal), why);
    }

    [Fact]
    public void The_workflow_without_an_identity_gives_no_edge()
    {
        Assert.Equal([(Lara, LogicAppIdentity)], Edges.Where(e => !SelfAssigns(e)).Select(e => (e.From.Value, e.To.Value)));
    }

    [Fact]
    public void Without_the_workflow_list_the_identity_is_found_from_its_service_principal()
    {
        // Given the same estate without az logic workflow list: logic-invoices' service principal names it in alternativeNames
        using var folder = new ScratchFolder();
        folder.CopyFrom(Folder);
        folder.Delete(Path.Combine("azure", "logic-workflows.json"));
        var estates = MicrosoftEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // When the technique is checked
        var edges = new LogicAppEdgeChecker().Check(new MicrosoftEdgeContext(estates.Entra, estates.Azure, AsOf), targets: null).ToList();

        // Then lara still reaches it, and only her among those who write no role assignment
        var edge = Assert.Single(edges, e => !SelfAssigns(e));
        Assert.Equal((Lara, LogicAppIdentity, false), (edge.From.Value, edge.To.Value, edge.IsConditional));
        Assert.Equal(Workflow, Assert.Single(edge.Permissions).Resource, ignoreCase: true);
    }
}
