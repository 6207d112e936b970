using Ward.Core.Decisions;
using Ward.Gcp.Edges;
using Ward.Gcp.Iam;
using Ward.Gcp.Policy.Evaluation;
using Ward.Gcp.Tests.Testing;

namespace Ward.Gcp.Tests.Policy;

/// <summary>
/// The basic roles known by name, on the basic roles lab (Fixtures/basic-roles), whose roles export is what
/// <c>gcloud iam roles list</c> prints: Owner, Editor and Viewer without their permissions.
/// </summary>
public sealed class BasicRolesByNameTests
{
    private const string Project = "projects/basic-lab";
    private const string AdminSa = "//iam.googleapis.com/projects/basic-lab/serviceAccounts/admin-sa@basic-lab.iam.gserviceaccount.com";
    private static readonly DateTimeOffset AsOf = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_owner_may_set_the_project_s_allow_policy_and_a_viewer_may_not()
    {
        // Given v-owner, Owner of basic-lab, and s-viewer, its Viewer, both roles exported without permissions
        var owner = Can("user:v-owner@example.com", "resourcemanager.projects.setIamPolicy", Project);
        var viewer = Can("user:s-viewer@example.com", "resourcemanager.projects.setIamPolicy", Project);

        // Then the owner may, and the answer says the permission comes from the role's name, not from a list
        Assert.Equal(DecisionKind.Allowed, owner.Kind);
        Assert.Contains("`roles/owner` includes `resourcemanager.projects.setIamPolicy`: Owner manages the roles and permissions of a project and of everything in it (basic role known by name: the roles export lists no permissions for it)", owner.Explanation.Summary, StringComparison.Ordinal);

        // And the viewer may not: Viewer only reads
        Assert.Equal(DecisionKind.ImplicitDeny, viewer.Kind);
        Assert.Contains("`roles/viewer` does not include `resourcemanager.projects.setIamPolicy`: Viewer's permissions are read-only", viewer.Explanation.Summary, StringComparison.Ordinal);

        // And Ward invents no list: a permission the name does not decide stays unknown, even for Owner
        var unknown = Assert.IsType<Indeterminate>(Can("user:v-owner@example.com", "bigquery.tables.getData", Project));
        Assert.Contains("role `roles/owner` was exported without its permissions", unknown.Reason, StringComparison.Ordinal);
        Assert.Null(BasicRoles.Decide(BasicRoles.Owner, "bigquery.tables.getData"));
    }

    [Fact]
    public void An_editor_acts_as_the_project_s_service_accounts_but_sets_no_allow_policy()
    {
        // Given v-editor, Editor of basic-lab
        var actAs = Can("user:v-editor@example.com", "iam.serviceAccounts.actAs", AdminSa);
        var create = Can("user:v-editor@example.com", "compute.instances.create", Project);
        var setPolicy = Can("user:v-editor@example.com", "resourcemanager.projects.setIamPolicy", Project);

        // Then it may act as admin-sa and create instances, known by name, and may not change the project's allow policy
        Assert.Equal(DecisionKind.Allowed, actAs.Kind);
        Assert.Contains("`roles/editor` includes `iam.serviceAccounts.actAs`", actAs.Explanation.Summary, StringComparison.Ordinal);
        Assert.Equal(DecisionKind.Allowed, create.Kind);
        Assert.Equal(DecisionKind.ImplicitDeny, setPolicy.Kind);
        Assert.Contains("`roles/editor` does not include `resourcemanager.projects.setIamPolicy`: Editor changes resources but not who has access to them", setPolicy.Explanation.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void No_basic_role_impersonates_a_service_account()
    {
        // Given v-owner, Owner of basic-lab, asked for a token of admin-sa
        var decision = Can("user:v-owner@example.com", "iam.serviceAccounts.getAccessToken", AdminSa);

        // Then it may not: Owner does not hold the Service Account Token Creator's permissions
        Assert.Equal(DecisionKind.ImplicitDeny, decision.Kind);
        Assert.Contains("no basic role holds the Service Account Token Creator's permissions", decision.Explanation.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void The_owners_of_the_project_are_owner_equivalent_and_its_editors_and_viewer_are_not()
    {
        // Given basic-lab's owners, editors and viewer
        var context = new GcpEdgeContext(GcpFixtures.BasicRoles, AsOf);

        // When the owner-equivalent principals of the project are worked out
        var owners = OwnerEquivalence.Of(context).All(GcpFixtures.BasicRoles.FindNode("projects/740000000001")!.Name).Select(o => o.Key).ToHashSet(StringComparer.Ordinal);

        // Then the Owners are decided owner-equivalent, and neither Editor nor Viewer is
        Assert.Contains("user:v-owner@example.com", owners);
        Assert.Contains("serviceAccount:admin-sa@basic-lab.iam.gserviceaccount.com", owners);
        Assert.DoesNotContain("user:v-editor@example.com", owners);
        Assert.DoesNotContain("user:s-viewer@example.com", owners);
    }

    private static Decision Can(string principal, string permission, string resource)
    {
        var located = ResourceLocator.Locate(GcpFixtures.BasicRoles, resource, out var problem) ?? throw new InvalidOperationException(problem);
        return new GcpAuthorizer(GcpFixtures.BasicRoles).Authorize(new GcpRequest { Principal = Member.Parse(principal), Permission = permission, Resource = located, AsOf = AsOf });
    }
}
