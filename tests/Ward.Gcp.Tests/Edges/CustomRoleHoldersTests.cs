using Ward.Gcp.Edges;
using Ward.Gcp.Ingest;

namespace Ward.Gcp.Tests.Edges;

/// <summary>
/// Custom roles held through a group or on a service account, and delegation through a signing right
/// (Fixtures/custom-role-holders, project lab of organization 800000000001): the custom role devRole is bound on the
/// project to group devs (memberships exported: v-member and s-member) and to v-direct; v-member, s-admin and v-direct
/// are Role Administrators of the project. On the owner account admin@lab, saGetter is bound to v-sa-role (a Role
/// Administrator) and s-sa-role (not one), and jwtSigner (signJwt only) to mid@lab; v-deleg-jwt may name mid@lab as a
/// delegate (implicitDelegation only), s-deleg idle@lab, which holds nothing.
/// </summary>
public sealed class CustomRoleHoldersTests
{
    private const string Admin = "serviceAccount:admin@lab.iam.gserviceaccount.com";

    private static readonly Lazy<GcpGraph> Graph = new(() => GcpGraphBuilder.Build(new GcpEdgeContext(
        GcpEstateLoader.Load([Path.Combine(AppContext.BaseDirectory, "Fixtures", "custom-role-holders")]), new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero))));

    [Fact]
    public void A_member_of_the_group_a_custom_role_is_bound_to_updates_the_role_if_it_may_update_roles()
    {
        // When the custom role update edges are looked up
        var edges = Graph.Value.Graph.Edges.Where(e => e.Technique == "gcp-custom-role-update" && e.From == e.To).ToList();

        // Then the group's member who may update roles escalates, through the group, for certain, as the one holding the role by name does
        var member = Assert.Single(edges, e => e.From.Value == "user:v-member@example.dev");
        Assert.False(member.IsConditional);
        Assert.Contains("the custom role `projects/lab/roles/devRole` it holds through `group:devs@example.dev` on", member.Description, StringComparison.Ordinal);
        Assert.Contains(edges, e => e.From.Value == "user:v-direct@example.dev");

        // And neither the member who may not update roles nor the role administrator outside the group does
        Assert.DoesNotContain(edges, e => e.From.Value is "user:s-member@example.dev" or "user:s-admin@example.dev");
    }

    [Fact]
    public void A_custom_role_held_on_a_service_account_is_a_way_to_the_account_for_who_may_update_it()
    {
        // When the custom role update edges into admin@lab are looked up
        var edges = Graph.Value.Graph.Edges.Where(e => e.Technique == "gcp-custom-role-update" && e.To.Value == Admin).ToList();

        // Then v-sa-role adds getAccessToken to saGetter, which it holds on the account, and acts as it
        var edge = Assert.Single(edges);
        Assert.Equal("user:v-sa-role@example.dev", edge.From.Value);
        Assert.Equal(["iam.roles.update"], edge.Permissions.Select(p => p.Action), StringComparer.Ordinal);
        Assert.StartsWith("adds `iam.serviceAccounts.getAccessToken` to the custom role `projects/lab/roles/saGetter` it holds on", edge.Description, StringComparison.Ordinal);
        Assert.False(edge.IsConditional);
        Assert.Contains(Graph.Value.Escalations(), e => e.Principal == "user:v-sa-role@example.dev");

        // And s-sa-role, bound to the same role but not allowed to update it, gets none
        Assert.DoesNotContain(Graph.Value.Graph.Edges, e => e.From.Value == "user:s-sa-role@example.dev");
    }

    [Fact]
    public void Implicit_delegation_lends_an_intermediates_right_to_sign_JWTs_as_well_as_to_create_tokens()
    {
        // When the delegation edges are looked up
        var edges = Graph.Value.Graph.Edges.Where(e => e.Technique == "gcp-sa-implicit-delegation").ToList();

        // Then v-deleg-jwt names mid@lab as a delegate and signs a JWT as admin@lab through it
        var edge = Assert.Single(edges);
        Assert.Equal(("user:v-deleg-jwt@example.dev", Admin), (edge.From.Value, edge.To.Value));
        Assert.Equal(["iam.serviceAccounts.implicitDelegation", "iam.serviceAccounts.signJwt"], edge.Permissions.Select(p => p.Action), StringComparer.Ordinal);
        Assert.Contains("through its right to `signJwt` as", edge.Description, StringComparison.Ordinal);

        // And s-deleg, whose delegate holds nothing, gets none
        Assert.DoesNotContain(Graph.Value.Graph.Edges, e => e.From.Value == "user:s-deleg@example.dev");
    }
}
