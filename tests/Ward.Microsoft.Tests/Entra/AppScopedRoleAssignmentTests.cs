using Ward.Core.Decisions;
using Ward.Microsoft.Entra.Directory;
using Ward.Microsoft.Entra.Evaluation;
using Ward.Microsoft.Entra.Ingest;
using Ward.Microsoft.Tests.Testing;

namespace Ward.Microsoft.Tests.Entra;

/// <summary>
/// Directory role assignments scoped by <c>appScopeId</c> (an app-specific scope, which only the application defining it
/// understands) instead of <c>directoryScopeId</c>: read apart from the tenant, and reaching no directory object.
/// </summary>
public sealed class AppScopedRoleAssignmentTests
{
    private const string AssignRoles = "microsoft.directory/roleAssignments/allProperties/allTasks";
    private const string ResetPassword = "microsoft.directory/users/password/update";
    private const string PrivilegedRoleAdministrator = "e8611ab8-c189-46e8-94e1-60213ab1f814";
    private const string HelpdeskAdministrator = "729827e3-9c14-49f7-bb1b-9608f156bbb8";
    private const string Nora = "3c8e1a5f-7b2d-4f96-a0c4-2e6b8d1f3a57";
    private const string Omar = "3c8e1a5f-7b2d-4f96-a0c4-2e6b8d1f3a58";
    private const string Pia = "3c8e1a5f-7b2d-4f96-a0c4-2e6b8d1f3a59";
    private const string Catalog = "/AccessPackageCatalog/beedadfe-01d5-4025-910b-84abb9369997";

    [Fact]
    public void An_app_scoped_assignment_is_read_apart_from_the_tenant_without_a_warning()
    {
        // Given a roleAssignments page: nora's Privileged Role Administrator scoped by appScopeId only, omar's by the
        // tenant-wide app scope `/`, pia's Helpdesk Administrator by directoryScopeId `/`
        var directory = Load(out var diagnostics);

        // Then nora's scope is the app scope, omar's and pia's the tenant, and nothing is reported
        Assert.Empty(diagnostics);
        var scopes = directory.RoleAssignments.ToDictionary(a => a.PrincipalId, a => a.DirectoryScope, StringComparer.Ordinal);
        Assert.Equal((DirectoryScopeKind.AppScope, Catalog), (scopes[Nora].Kind, scopes[Nora].Text));
        Assert.Equal(DirectoryScopeKind.Tenant, scopes[Omar].Kind);
        Assert.Equal(DirectoryScopeKind.Tenant, scopes[Pia].Kind);
        Assert.Equal(Catalog, directory.RoleAssignments.Single(a => a.PrincipalId == Nora).AppScopeId);
    }

    [Fact]
    public void An_app_scoped_role_does_not_reach_directory_objects_and_the_refusal_says_why()
    {
        // Given the same tenant
        var authorizer = new EntraRoleAuthorizer(Load(out _));

        // When we ask whether nora (app-scoped) and omar (tenant-wide app scope) may assign directory roles to themselves
        var nora = authorizer.Authorize(Nora, AssignRoles, Nora);
        var omar = authorizer.Authorize(Omar, AssignRoles, Omar);

        // Then nora may not, and the answer names her app scope; omar may
        Assert.IsType<ImplicitDeny>(nora);
        Assert.Contains($"Privileged Role Administrator at `{Catalog}` grants `microsoft.directory/roleAssignments/allProperties/allTasks` but it is scoped to the app-specific scope `{Catalog}` (`appScopeId`)", nora.Explanation.Summary, StringComparison.Ordinal);
        Assert.IsType<Allowed>(omar);
    }

    [Fact]
    public void An_assignment_with_neither_scope_is_still_taken_as_the_tenant_with_a_warning()
    {
        // Given an assignment that names no scope at all
        using var folder = new ScratchFolder();
        folder.Write("role-definitions.json", GraphBodies.Collection("roleManagement/directory/roleDefinitions", GraphBodies.BuiltInRole(HelpdeskAdministrator, "Helpdesk Administrator", ResetPassword)));
        folder.Write("role-assignments.json", GraphBodies.Collection("roleManagement/directory/roleAssignments", $$"""{"id": "lAPpYvVpN0KRkAEhdxReEJC3sXUsrTNNlfCJDtuZn0U-1", "principalId": "{{Pia}}", "roleDefinitionId": "{{HelpdeskAdministrator}}"}"""));

        // When loaded
        var directory = EntraDirectoryLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then it is the tenant, and the missing scope is reported
        Assert.Equal(DirectoryScopeKind.Tenant, Assert.Single(directory.RoleAssignments).DirectoryScope.Kind);
        Assert.Contains(directory.Diagnostics, d => d.Message.Contains("`directoryScopeId` is missing", StringComparison.Ordinal));
    }

    private static EntraDirectory Load(out System.Collections.Immutable.ImmutableArray<Core.Diagnostics.Diagnostic> diagnostics)
    {
        using var folder = new ScratchFolder();
        folder.Write("users.json", GraphBodies.Collection("users", string.Join(", ", GraphBodies.User(Nora, "Nora Lind"), GraphBodies.User(Omar, "Omar Haddad"), GraphBodies.User(Pia, "Pia Berg"))));
        folder.Write("role-definitions.json", GraphBodies.Collection("roleManagement/directory/roleDefinitions", string.Join(", ",
            GraphBodies.BuiltInRole(PrivilegedRoleAdministrator, "Privileged Role Administrator", AssignRoles, "microsoft.directory/roleDefinitions/allProperties/allTasks"),
            GraphBodies.BuiltInRole(HelpdeskAdministrator, "Helpdesk Administrator", ResetPassword))));
        folder.Write("role-assignments.json", GraphBodies.Collection("roleManagement/directory/roleAssignments", string.Join(", ",
            $$"""{"id": "uLBh6InBvEaU4WAhOr_4FF-KPMg7NpZPoMTiZou58XkT-1", "principalId": "{{Nora}}", "roleDefinitionId": "{{PrivilegedRoleAdministrator}}", "directoryScopeId": null, "appScopeId": "{{Catalog}}"}""",
            $$"""{"id": "uLBh6InBvEaU4WAhOr_4FF-KPMg7NpZPoMTiZou58XkT-2", "principalId": "{{Omar}}", "roleDefinitionId": "{{PrivilegedRoleAdministrator}}", "directoryScopeId": null, "appScopeId": "/"}""",
            GraphBodies.RoleAssignment(Pia, HelpdeskAdministrator))));
        var directory = EntraDirectoryLoader.Load([folder.Path], TestContext.Current.CancellationToken);
        diagnostics = directory.Diagnostics;
        return directory;
    }
}
