using Ward.Gcp.Iam;

namespace Ward.Gcp.Tests.Iam;

public sealed class RoleTests
{
    [Theory]
    [InlineData("roles/viewer", RoleKind.Predefined, null)]
    [InlineData("organizations/123456789012/roles/securityAuditor", RoleKind.OrganizationCustom, "organizations/123456789012")]
    [InlineData("projects/build-prod/roles/deployer", RoleKind.ProjectCustom, "projects/build-prod")]
    public void The_name_tells_where_a_role_is_defined(string name, RoleKind kind, string? parent)
    {
        // Given a role by name
        var role = new Role { Name = name, IncludedPermissions = [] };

        // Then its kind and defining parent follow from the name
        Assert.Equal(kind, role.Kind);
        Assert.Equal(parent, role.Parent);
    }

    [Theory]
    [InlineData(false, RoleStage.GA, true)]
    [InlineData(true, RoleStage.GA, false)]
    [InlineData(false, RoleStage.Disabled, false)]
    [InlineData(false, RoleStage.Deprecated, true)]
    public void Deleted_and_disabled_roles_grant_nothing(bool deleted, RoleStage stage, bool grants)
    {
        // Given a custom role in some state
        var role = new Role { Name = "projects/build-prod/roles/deployer", IncludedPermissions = ["run.services.update"], Deleted = deleted, Stage = stage };

        // Then it grants its permissions only while neither deleted nor disabled
        Assert.Equal(grants, role.GrantsPermissions);
    }

    [Theory]
    [InlineData("//cloudresourcemanager.googleapis.com/projects/123", "projects/123", HierarchyNodeKind.Project)]
    [InlineData("folders/456", "folders/456", HierarchyNodeKind.Folder)]
    [InlineData("//cloudresourcemanager.googleapis.com/organizations/789", "organizations/789", HierarchyNodeKind.Organization)]
    public void Container_names_are_read_full_or_relative(string name, string relative, HierarchyNodeKind kind)
    {
        // Given a container's full or relative name
        // Then its relative name and kind are found
        Assert.Equal(relative, ResourceNames.Relative(name));
        Assert.Equal(kind, ResourceNames.ContainerKind(name));
    }

    [Fact]
    public void A_resource_of_another_service_is_no_container()
    {
        // Given a bucket's full name
        // Then it is not a hierarchy container
        Assert.Null(ResourceNames.ContainerKind("//storage.googleapis.com/projects/_/buckets/logs"));
        Assert.Equal("projects/_/buckets/logs", ResourceNames.Relative("//storage.googleapis.com/projects/_/buckets/logs"));
    }

    [Theory]
    [InlineData("projects/")]
    [InlineData("projects")]
    [InlineData("projects/p1/serviceAccounts/sa@p1.iam.gserviceaccount.com")]
    [InlineData("//cloudresourcemanager.googleapis.com/folders/1/")]
    [InlineData("//cloudresourcemanager.googleapis.com")]
    [InlineData("buckets/logs")]
    public void A_name_that_is_not_exactly_kind_and_id_is_no_container(string name)
    {
        // Given a name with no id, more than one id, or another collection
        // Then it is not a hierarchy container
        Assert.Null(ResourceNames.ContainerKind(name));
    }
}
