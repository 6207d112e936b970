using Ward.Core.Decisions;
using Ward.Core.Graph;
using Ward.Gcp.Edges;
using Ward.Gcp.Edges.Checkers;
using Ward.Gcp.Tests.Testing;

namespace Ward.Gcp.Tests.Edges;

/// <summary><c>gcp-tag-binding</c> on the tag-binding lab (<see cref="GcpFixtures.TagBinding"/>): binding the tag a conditional grant of setIamPolicy waits for.</summary>
public sealed class TagBindingEdgeCheckerTests
{
    private const string Prod = "tagValues/281490000000011";
    private const string TbDev = "//cloudresourcemanager.googleapis.com/projects/832000000001";
    private const string TbProd = "//cloudresourcemanager.googleapis.com/projects/832000000002";
    private const string TbLegacy = "//cloudresourcemanager.googleapis.com/projects/832000000003";
    private static readonly DateTimeOffset AsOf = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Lazy<GcpEdgeContext> Context = new(() => new GcpEdgeContext(GcpFixtures.TagBinding, AsOf));
    private static readonly Lazy<List<Edge>> TagEdges = new(() => [.. new TagBindingEdgeChecker().Check(Context.Value, targets: null)]);

    public static TheoryData<string, string?, bool> Cases => new()
    {
        // Tag User on the value and on tb-dev, Project IAM Admin where env is prod: binds prod to tb-dev.
        { "v-tagger", TbDev, false },
        // tb-legacy's tags were not exported: conditional on no other env value being bound to it.
        { "c-tagger", TbLegacy, true },
        // The safe twins: no Tag User on the value; none on the project; the tag already there; denied; a role without setIamPolicy.
        { "s-novalue", null, false },
        { "s-nocontainer", null, false },
        { "s-attached", null, false },
        { "s-denied", null, false },
        { "s-notowner", null, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_principal_that_may_bind_the_awaited_tag_becomes_owner_equivalent_and_no_twin_does(string user, string? scope, bool conditional)
    {
        // Given the lab and the tag-binding checker
        var principal = $"user:{user}@tagbind.example";

        // When it checks every container
        var edges = TagEdges.Value.Where(e => e.From.Value == principal).ToList();

        // Then the vulnerable principals get one self-escalation into the container, the twins none
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
        // Each twin fails at its own step: the value, the project, the deny policy, the role, the tag already there.
        { "s-novalue", "resourcemanager.tagValueBindings.create", "//cloudresourcemanager.googleapis.com/" + Prod, false, DecisionKind.ImplicitDeny },
        { "s-nocontainer", "resourcemanager.hierarchyNodes.createTagBinding", "projects/tb-dev", false, DecisionKind.ImplicitDeny },
        { "s-denied", "resourcemanager.hierarchyNodes.createTagBinding", "projects/tb-dev", false, DecisionKind.ExplicitDeny },
        { "s-notowner", "resourcemanager.projects.setIamPolicy", "projects/tb-dev", true, DecisionKind.ImplicitDeny },
        { "s-attached", "resourcemanager.projects.setIamPolicy", "projects/tb-prod", false, DecisionKind.Allowed },
        { "v-tagger", "resourcemanager.projects.setIamPolicy", "projects/tb-dev", false, DecisionKind.ImplicitDeny },
        { "v-tagger", "resourcemanager.projects.setIamPolicy", "projects/tb-dev", true, DecisionKind.Allowed },
    };

    [Theory]
    [MemberData(nameof(TwinSteps))]
    public void Each_step_is_decided_by_the_evaluator_with_or_without_the_tag_supposed_bound(string user, string permission, string resource, bool supposingProd, DecisionKind expected)
    {
        // Given a principal of the lab and one step of the technique
        var located = Context.Value.Authorizer.Estate.FindNode(resource) is { } node ? Context.Value.ContainerResource(node) : Context.Value.TagValueResource(Prod);

        // When the evaluator decides it, with env/prod supposed bound to the resource or not
        var decision = Context.Value.Authorize($"user:{user}@tagbind.example", permission, located!, supposingProd ? Prod : null);

        // Then the answer is the one that keeps (or makes) the edge
        Assert.Equal(expected, decision.Kind);
    }

    [Fact]
    public void The_edge_names_the_value_the_project_and_the_grant_the_tag_makes_hold()
    {
        // Given v-tagger's edge
        var edge = Assert.Single(TagEdges.Value, e => e.From.Value == "user:v-tagger@tagbind.example");

        // Then it binds env/prod (granted on the value), on tb-dev (granted there), and then holds Project IAM Admin there
        Assert.Equal(
            [("resourcemanager.tagValueBindings.create", Prod), ("resourcemanager.hierarchyNodes.createTagBinding", "projects/tb-dev"), ("resourcemanager.projects.setIamPolicy", "projects/tb-dev")],
            edge.Permissions.Select(p => (p.Action, p.Resource)));
        Assert.Contains(Prod, edge.Permissions[0].GrantedBy, StringComparison.Ordinal);
        Assert.Contains("roles/resourcemanager.projectIamAdmin", edge.Permissions[2].GrantedBy, StringComparison.Ordinal);
        Assert.Contains("binds tag `830000000001/env/prod` to `projects/tb-dev`", edge.Description, StringComparison.Ordinal);
        Assert.Empty(edge.Requirements);
    }

    [Fact]
    public void A_value_of_the_key_bound_to_the_project_itself_gives_no_edge_and_unknown_tags_make_that_the_requirement()
    {
        // Given v-tagger, Tag User on tb-pinned too, where env/dev is bound to the project itself, and c-tagger on tb-legacy, whose tags are not known
        var pinned = TagEdges.Value.Where(e => e.AdminScope == "//cloudresourcemanager.googleapis.com/projects/832000000004");
        var legacy = Assert.Single(TagEdges.Value, e => e.AdminScope == TbLegacy);

        // Then tb-pinned gives none (its binding would have to be deleted first), and tb-legacy's edge holds only if no env value is bound to it
        Assert.Empty(pinned);
        var requirement = Assert.Single(legacy.Requirements);
        Assert.Contains("no other value of tag key `830000000001/env` is bound to `projects/tb-legacy` itself", requirement, StringComparison.Ordinal);
        Assert.Contains("neither its effective tags nor its own tag bindings were exported", requirement, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tag_value_inherits_the_policies_of_its_key_and_of_the_organization_that_owns_the_key()
    {
        // Given the prod value, whose own policy names the Tag Users, and the organization, whose Owner is admin@
        var value = Context.Value.TagValueResource(Prod)!;

        // Then it lies under its key and the organization, and the organization's Owner may bind it too
        Assert.Equal(["//cloudresourcemanager.googleapis.com/" + Prod, "//cloudresourcemanager.googleapis.com/tagKeys/281490000000001", "//cloudresourcemanager.googleapis.com/organizations/830000000001"], value.PolicyHolders);
        Assert.Null(value.AncestryGap);
        Assert.Equal("cloudresourcemanager.googleapis.com/TagValue", value.Type);
        Assert.Equal(DecisionKind.Allowed, Context.Value.Authorize("user:admin@tagbind.example", "resourcemanager.tagValueBindings.create", value).Kind);
    }

    [Fact]
    public void The_graph_reports_the_tagger_with_its_one_step_and_no_twin()
    {
        // Given the lab's graph
        var graph = GcpGraphBuilder.Build(Context.Value);

        // When we search the escalations
        var escalations = graph.Escalations().ToDictionary(e => e.Principal, StringComparer.Ordinal);

        // Then v-tagger becomes owner-equivalent of tb-dev by binding the tag, and s-attached already is of tb-prod
        var path = escalations["user:v-tagger@tagbind.example"];
        Assert.Equal(("gcp-tag-binding", TbDev, false), (Assert.Single(path.Path).Technique, path.Container.Name, path.IsConditional));
        Assert.NotNull(graph.OwnerEquivalenceOf("user:s-attached@tagbind.example", TbProd));

        // And a twin escalates only where the grant's tag is not known (tb-legacy), conditionally, as before tags could be bound
        Assert.All(escalations.Values.Where(e => e.Principal.StartsWith("user:s-", StringComparison.Ordinal)), e =>
            Assert.Equal(("gcp-set-iam-policy", TbLegacy, true), (Assert.Single(e.Path).Technique, e.Container.Name, e.IsConditional)));
    }
}
