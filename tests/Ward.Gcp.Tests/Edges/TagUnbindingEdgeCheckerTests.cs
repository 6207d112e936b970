using Ward.Core.Decisions;
using Ward.Core.Graph;
using Ward.Gcp.Edges;
using Ward.Gcp.Edges.Checkers;
using Ward.Gcp.Tests.Testing;

namespace Ward.Gcp.Tests.Edges;

/// <summary><c>gcp-tag-unbinding</c> on the tag-unbinding lab (<see cref="GcpFixtures.TagUnbinding"/>): deleting the tag binding a deny rule on setIamPolicy is conditioned on.</summary>
public sealed class TagUnbindingEdgeCheckerTests
{
    private const string Prod = "tagValues/281500000000011";
    private const string SetIamPolicy = "resourcemanager.projects.setIamPolicy";
    private const string TuPayments = "//cloudresourcemanager.googleapis.com/projects/842000000001";
    private static readonly DateTimeOffset AsOf = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Lazy<GcpEdgeContext> Context = new(() => new GcpEdgeContext(GcpFixtures.TagUnbinding, AsOf));
    private static readonly Lazy<List<Edge>> UnbindingEdges = new(() => [.. new TagUnbindingEdgeChecker().Check(Context.Value, targets: null)]);

    public static TheoryData<string, string?, bool> Cases => new()
    {
        // Tag User on the value and on tu-payments, Project IAM Admin there refused only by the deny rule under env/prod.
        { "v-untagger", TuPayments, false },
        // Tag User on tu-payments only through a Privileged Access Manager entitlement that needs approval.
        { "c-untagger", TuPayments, true },
        // The safe twins: no Tag User on the value; none on the project; the tag inherited from the folder; the folder's
        // tag coming back once the project's is deleted; another deny rule; no grant of setIamPolicy.
        { "s-novalue", null, false },
        { "s-nocontainer", null, false },
        { "s-inherited", null, false },
        { "s-foldertag", null, false },
        { "s-alsodenied", null, false },
        { "s-nogrant", null, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_principal_that_may_delete_the_tag_a_deny_rule_waits_on_becomes_owner_equivalent_and_no_twin_does(string user, string? scope, bool conditional)
    {
        // Given the lab and the tag-unbinding checker
        var principal = $"user:{user}@tagunbind.example";

        // When it checks every container
        var edges = UnbindingEdges.Value.Where(e => e.From.Value == principal).ToList();

        // Then the vulnerable principals get one self-escalation into the project, the twins none
        if (scope is null)
        {
            Assert.Empty(edges);
            return;
        }

        var edge = Assert.Single(edges);
        Assert.Equal((principal, scope, true, conditional), (edge.To.Value, edge.AdminScope, edge.GrantsAdmin, edge.IsConditional));
    }

    public static TheoryData<string, string, string, bool, DecisionKind> TwinSteps => new()
    {
        // Each twin fails at its own step: the value, the project, the inherited tag, the folder's tag, the other deny rule, the missing grant.
        { "s-novalue", "resourcemanager.tagValueBindings.delete", "//cloudresourcemanager.googleapis.com/" + Prod, false, DecisionKind.ImplicitDeny },
        { "s-nocontainer", "resourcemanager.hierarchyNodes.deleteTagBinding", "projects/tu-payments", false, DecisionKind.ImplicitDeny },
        { "s-inherited", SetIamPolicy, "projects/tu-ledger", true, DecisionKind.ExplicitDeny },
        { "s-foldertag", SetIamPolicy, "projects/tu-vault", true, DecisionKind.ExplicitDeny },
        { "s-alsodenied", SetIamPolicy, "projects/tu-payments", true, DecisionKind.ExplicitDeny },
        { "s-nogrant", SetIamPolicy, "projects/tu-payments", true, DecisionKind.ImplicitDeny },
        { "c-untagger", "resourcemanager.hierarchyNodes.deleteTagBinding", "projects/tu-payments", false, DecisionKind.Conditional },
        { "v-untagger", SetIamPolicy, "projects/tu-payments", false, DecisionKind.ExplicitDeny },
        { "v-untagger", SetIamPolicy, "projects/tu-payments", true, DecisionKind.Allowed },
    };

    [Theory]
    [MemberData(nameof(TwinSteps))]
    public void Each_step_is_decided_by_the_evaluator_with_or_without_the_tag_supposed_unbound(string user, string permission, string resource, bool removingProd, DecisionKind expected)
    {
        // Given a principal of the lab and one step of the technique
        var context = Context.Value;
        var located = context.Estate.FindNode(resource) is { } node ? context.ContainerResource(node) : context.TagValueResource(Prod);

        // When the evaluator decides it, with env/prod supposed unbound from the resource or not
        var decision = context.Authorize($"user:{user}@tagunbind.example", permission, located!, supposingTagRemoved: removingProd ? Prod : null);

        // Then the answer is the one that keeps (or makes) the edge
        Assert.Equal(expected, decision.Kind);
    }

    [Fact]
    public void The_edge_names_the_value_the_project_and_the_grant_the_deny_rule_no_longer_refuses()
    {
        // Given v-untagger's and c-untagger's edges
        var edge = Assert.Single(UnbindingEdges.Value, e => e.From.Value == "user:v-untagger@tagunbind.example");
        var approval = Assert.Single(UnbindingEdges.Value, e => e.From.Value == "user:c-untagger@tagunbind.example");

        // Then v-untagger deletes env/prod's binding (granted on the value, and on tu-payments), then holds Project IAM Admin there
        Assert.Equal(
            [("resourcemanager.tagValueBindings.delete", Prod), ("resourcemanager.hierarchyNodes.deleteTagBinding", "projects/tu-payments"), (SetIamPolicy, "projects/tu-payments")],
            edge.Permissions.Select(p => (p.Action, p.Resource)));
        Assert.Contains(Prod, edge.Permissions[0].GrantedBy, StringComparison.Ordinal);
        Assert.Contains("roles/resourcemanager.projectIamAdmin", edge.Permissions[2].GrantedBy, StringComparison.Ordinal);
        Assert.Contains("deletes the binding of tag `840000000001/env/prod` (`tagValues/281500000000011`) to `projects/tu-payments`", edge.Description, StringComparison.Ordinal);
        Assert.Empty(edge.Requirements);

        // And c-untagger's holds only once its entitlement request is approved
        Assert.Contains("payments-tagging", Assert.Single(approval.Requirements), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_tag_conditioned_deny_rule_there_is_no_edge()
    {
        // Given the lab without its deny policies
        using var scratch = new ScratchFolder();
        scratch.CopyFrom(GcpFixtures.TagUnbindingFolder);
        Directory.Delete(Path.Combine(scratch.Path, "deny-policies"), recursive: true);
        var context = new GcpEdgeContext(Ward.Gcp.Ingest.GcpEstateLoader.Load([scratch.Path], TestContext.Current.CancellationToken), AsOf);

        // When the checker runs
        var edges = new TagUnbindingEdgeChecker().Check(context, targets: null);

        // Then nothing is refused, so deleting a tag lifts nothing: the Project IAM Admins are owner-equivalent already
        Assert.Empty(edges);
        Assert.Equal(DecisionKind.Allowed, context.Authorize("user:v-untagger@tagunbind.example", SetIamPolicy, context.ContainerResource(context.Estate.FindNode("projects/tu-payments")!)!).Kind);
    }

    [Fact]
    public void The_graph_reports_the_untaggers_with_their_one_step_and_no_twin()
    {
        // Given the lab's graph
        var graph = GcpGraphBuilder.Build(Context.Value);

        // When we search the escalations
        var escalations = graph.Escalations().ToDictionary(e => e.Principal, StringComparer.Ordinal);

        // Then v-untagger becomes owner-equivalent of tu-payments by deleting the tag, c-untagger the same way once approved
        var path = escalations["user:v-untagger@tagunbind.example"];
        Assert.Equal(("gcp-tag-unbinding", TuPayments, false), (Assert.Single(path.Path).Technique, path.Container.Name, path.IsConditional));
        var conditional = escalations["user:c-untagger@tagunbind.example"];
        Assert.Equal(("gcp-tag-unbinding", TuPayments, true), (Assert.Single(conditional.Path).Technique, conditional.Container.Name, conditional.IsConditional));

        // And no twin escalates, while break-glass, exempt from the deny rule, is owner-equivalent already
        Assert.DoesNotContain(escalations.Keys, p => p.StartsWith("user:s-", StringComparison.Ordinal));
        Assert.NotNull(graph.OwnerEquivalenceOf("user:breakglass@tagunbind.example", TuPayments));
    }
}
