using Ward.Core.Decisions;
using Ward.Core.Graph;
using Ward.Gcp.Edges;
using Ward.Gcp.Edges.Checkers;
using Ward.Gcp.Tests.Testing;

namespace Ward.Gcp.Tests.Edges;

/// <summary>
/// <c>gcp-tag-unbinding</c> on the tag-absence lab (<see cref="GcpFixtures.TagAbsence"/>): deleting a tag binding so that
/// an allow binding conditioned on the container's tags (the tag's absence, or the value the parent brings back) holds.
/// </summary>
public sealed class TagAbsenceEdgeCheckerTests
{
    private const string Prod = "tagValues/281600000000011";
    private const string SetIamPolicy = "resourcemanager.projects.setIamPolicy";
    private const string TaApp = "//cloudresourcemanager.googleapis.com/projects/852000000001";
    private const string TaVault = "//cloudresourcemanager.googleapis.com/projects/852000000003";
    private static readonly DateTimeOffset AsOf = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Lazy<GcpEdgeContext> Context = new(() => new GcpEdgeContext(GcpFixtures.TagAbsence, AsOf));
    private static readonly Lazy<List<Edge>> UnbindingEdges = new(() => [.. new TagUnbindingEdgeChecker().Check(Context.Value, targets: null)]);

    public static TheoryData<string, string?> Cases => new()
    {
        // Project IAM Admin on ta-app outside production, and Tag User on the value and the project.
        { "v-untagger", TaApp },
        // Project IAM Admin on ta-vault for development: deleting prod brings back the Legacy folder's dev.
        { "v-revert", TaVault },
        // The safe twins: no Tag User on the value; none on the project; a grant for dev on a project with no other
        // value to come back; a grant that has expired anyway; the tag inherited from the folder, not bound to the project.
        { "s-novalue", null },
        { "s-nocontainer", null },
        { "s-dev", null },
        { "s-expired", null },
        { "s-inherited", null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_principal_that_may_delete_the_tag_its_grant_is_conditioned_on_becomes_owner_equivalent_and_no_twin_does(string user, string? scope)
    {
        // Given the lab (no deny policy) and the tag-unbinding checker
        var principal = $"user:{user}@tagabsent.example";

        // When it checks every container
        var edges = UnbindingEdges.Value.Where(e => e.From.Value == principal).ToList();

        // Then the vulnerable principals get one certain self-escalation into their project, the twins none
        if (scope is null)
        {
            Assert.Empty(edges);
            return;
        }

        var edge = Assert.Single(edges);
        Assert.Equal((principal, scope, true, false), (edge.To.Value, edge.AdminScope, edge.GrantsAdmin, edge.IsConditional));
        Assert.Contains("so that its grant of `resourcemanager.projects.setIamPolicy` there, conditioned on the container's tags, holds", edge.Description, StringComparison.Ordinal);
        Assert.Equal(["resourcemanager.tagValueBindings.delete", "resourcemanager.hierarchyNodes.deleteTagBinding", SetIamPolicy], edge.Permissions.Select(p => p.Action), StringComparer.Ordinal);
    }

    public static TheoryData<string, string, string, bool, DecisionKind> Steps => new()
    {
        // Each principal's step, with env/prod supposed unbound from the resource or not.
        { "v-untagger", SetIamPolicy, "projects/ta-app", false, DecisionKind.ImplicitDeny },
        { "v-untagger", SetIamPolicy, "projects/ta-app", true, DecisionKind.Allowed },
        { "v-revert", SetIamPolicy, "projects/ta-vault", false, DecisionKind.ImplicitDeny },
        { "v-revert", SetIamPolicy, "projects/ta-vault", true, DecisionKind.Allowed },
        { "s-novalue", "resourcemanager.tagValueBindings.delete", "//cloudresourcemanager.googleapis.com/" + Prod, false, DecisionKind.ImplicitDeny },
        { "s-nocontainer", "resourcemanager.hierarchyNodes.deleteTagBinding", "projects/ta-app", false, DecisionKind.ImplicitDeny },
        { "s-dev", SetIamPolicy, "projects/ta-app", true, DecisionKind.ImplicitDeny },
        { "s-expired", SetIamPolicy, "projects/ta-app", true, DecisionKind.ImplicitDeny },
        { "s-inherited", SetIamPolicy, "projects/ta-ledger", false, DecisionKind.ImplicitDeny },
    };

    [Theory]
    [MemberData(nameof(Steps))]
    public void Each_step_is_decided_by_the_evaluator_with_or_without_the_tag_supposed_unbound(string user, string permission, string resource, bool removingProd, DecisionKind expected)
    {
        var context = Context.Value;
        var located = context.Estate.FindNode(resource) is { } node ? context.ContainerResource(node) : context.TagValueResource(Prod);

        var decision = context.Authorize($"user:{user}@tagabsent.example", permission, located!, supposingTagRemoved: removingProd ? Prod : null);

        Assert.Equal(expected, decision.Kind);
    }

    public static TheoryData<string, bool> Replacers => new()
    {
        // Project IAM Admin on ta-app for dev, Tag User on ta-app, on the value bound there (prod) and on dev.
        { "v-replacer", true },
        // The safe twins: no Tag User on prod, so its binding cannot be deleted; no Tag User on dev, so none can be bound.
        { "s-keeper", false },
        { "s-dev", false },
    };

    [Theory]
    [MemberData(nameof(Replacers))]
    public void A_principal_that_may_replace_the_value_bound_to_the_project_binds_the_one_its_grant_waits_for(string user, bool vulnerable)
    {
        // Given the lab and the tag-binding checker
        var principal = $"user:{user}@tagabsent.example";

        // When it checks every container
        var edges = new TagBindingEdgeChecker().Check(Context.Value, targets: null).Where(e => e.From.Value == principal).ToList();

        // Then only the principal that may delete prod's binding and bind dev becomes owner-equivalent of ta-app
        if (!vulnerable)
        {
            Assert.Empty(edges);
            return;
        }

        var edge = Assert.Single(edges);
        Assert.Equal((principal, TaApp, true, false), (edge.To.Value, edge.AdminScope, edge.GrantsAdmin, edge.IsConditional));
        Assert.Equal(
            [("resourcemanager.tagValueBindings.delete", Prod), ("resourcemanager.hierarchyNodes.deleteTagBinding", "projects/ta-app"), ("resourcemanager.tagValueBindings.create", "tagValues/281600000000012"), ("resourcemanager.hierarchyNodes.createTagBinding", "projects/ta-app"), (SetIamPolicy, "projects/ta-app")],
            edge.Permissions.Select(p => (p.Action, p.Resource)));
        Assert.Contains("replaces the binding of tag `850000000001/env/prod`", edge.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void The_graph_reports_the_untaggers_and_the_replacer_with_their_one_step()
    {
        var graph = GcpGraphBuilder.Build(Context.Value);

        var escalations = graph.Escalations().ToDictionary(e => e.Principal, StringComparer.Ordinal);

        Assert.Equal(("gcp-tag-unbinding", TaApp), (Assert.Single(escalations["user:v-untagger@tagabsent.example"].Path).Technique, escalations["user:v-untagger@tagabsent.example"].Container.Name));
        Assert.Equal(("gcp-tag-unbinding", TaVault), (Assert.Single(escalations["user:v-revert@tagabsent.example"].Path).Technique, escalations["user:v-revert@tagabsent.example"].Container.Name));
        Assert.Equal("gcp-tag-binding", Assert.Single(escalations["user:v-replacer@tagabsent.example"].Path).Technique);
        Assert.DoesNotContain(escalations.Keys, p => p.StartsWith("user:s-", StringComparison.Ordinal));
    }
}
