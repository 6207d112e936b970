using Ward.Core.Diagnostics;
using Ward.Core.Graph;
using Ward.Core.Model;
using Ward.Microsoft.Azure.Rbac;
using Ward.Microsoft.Edges;
using Ward.Microsoft.Edges.Checkers;
using Ward.Microsoft.Entra.Ingest;
using Ward.Microsoft.Tests.Testing;
using static Ward.Microsoft.Tests.Testing.GraphBodies;

namespace Ward.Microsoft.Tests.Edges;

/// <summary>
/// Disabled accounts (<c>accountEnabled</c> false), on a tenant exported from Microsoft Graph v1.0 with the built-in
/// role definitions' user actions: Entra ID signs nobody in as dora, who is disabled, so resetting her password leads
/// somewhere only for a resetter that may enable her (abe, Authentication Administrator, holds
/// <c>users/enable</c>; pia, Password Administrator, does not). The application dormant-sync is disabled and holds
/// Microsoft Graph RoleManagement.ReadWrite.Directory; owen owns its service principal, and an owner may enable it
/// ("Disable user sign-in for an application": Cloud Application Administrator, Application Administrator, or owner of
/// the service principal).
/// </summary>
public sealed class DisabledAccountTests
{
    private const string PasswordAdministrator = "966707d0-3269-4727-9be2-8c3a10f19b9d";
    private const string AuthenticationAdministrator = "c4e39bd9-1100-46d3-8c65-fb160da0071f";
    private const string GlobalAdministrator = "62e90394-69f5-4237-9190-012177145e10";
    private const string GraphServicePrincipal = "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d01";
    private const string RoleManagementReadWriteDirectory = "9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8";

    private const string Pia = "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d11";
    private const string Abe = "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d12";
    private const string Dora = "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d13";
    private const string Nils = "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d14";
    private const string Owen = "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d15";
    private const string Gita = "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d16";
    private const string DormantSync = "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d21";

    private static readonly Lazy<MicrosoftEdgeContext> Context = new(Build);

    [Fact]
    public void Resetting_a_disabled_user_needs_the_right_to_enable_her()
    {
        var edges = Resets();

        // pia may reset dora's password, but not enable her: the password signs nobody in
        Assert.DoesNotContain(edges, e => e.From.Value == Pia && e.To.Value == Dora);

        // abe may do both, and the edge says so
        var abe = Assert.Single(edges, e => e.From.Value == Abe && e.To.Value == Dora);
        Assert.False(abe.IsConditional);
        Assert.StartsWith("enables the disabled user `dora.disabled@contoso.onmicrosoft.com` first with its directory role", abe.Description, StringComparison.Ordinal);
        Assert.Equal(DisabledAccounts.EnableUser, abe.Permissions[0].Action);
    }

    [Fact]
    public void Resetting_an_enabled_user_is_as_before()
    {
        var edges = Resets();

        var pia = Assert.Single(edges, e => e.From.Value == Pia && e.To.Value == Nils);
        Assert.StartsWith("resets the password of", pia.Description, StringComparison.Ordinal);
        Assert.Single(pia.Permissions);
    }

    [Fact]
    public void An_owner_enables_a_disabled_service_principal_and_adds_a_credential()
    {
        var graph = MicrosoftGraphBuilder.Build(Context.Value);

        var owen = Assert.Single(graph.Outgoing(new PrincipalId(Owen)), e => e.To.Value == DormantSync);
        Assert.Equal("entra-add-credential", owen.Technique);
        Assert.StartsWith("as an owner, enables the disabled service principal `dormant-sync` first", owen.Description, StringComparison.Ordinal);
        Assert.Equal(DisabledAccounts.EnableServicePrincipal, owen.Permissions[0].Action);
        Assert.True(graph.ShortestPathsTo(node => node.IsAdmin).ContainsKey(new(Owen)));
    }

    private static List<Edge> Resets() =>
        [.. new ResetPasswordEdgeChecker().Check(Context.Value, targets: null).Select(e => DisabledAccounts.Qualify(Context.Value, e)).OfType<Edge>()];

    private static MicrosoftEdgeContext Build()
    {
        var servicePrincipals = new[]
        {
            $$"""{"id": "{{GraphServicePrincipal}}", "appId": "00000003-0000-0000-c000-000000000000", "displayName": "Microsoft Graph", "servicePrincipalType": "Application", "appOwnerOrganizationId": "f8cdef31-a31e-4b4a-93e4-5f571e91255a", "accountEnabled": true, "appRoles": [{"allowedMemberTypes": ["Application"], "description": "RoleManagement.ReadWrite.Directory", "displayName": "RoleManagement.ReadWrite.Directory", "id": "{{RoleManagementReadWriteDirectory}}", "isEnabled": true, "origin": "Application", "value": "RoleManagement.ReadWrite.Directory"}], "oauth2PermissionScopes": [], "passwordCredentials": [], "keyCredentials": [], "alternativeNames": []}""",
            $$"""{"id": "{{DormantSync}}", "appId": "e5f7a9b1-2c3d-4e5f-8a6b-7c8d9e0f1a21", "displayName": "dormant-sync", "servicePrincipalType": "Application", "appOwnerOrganizationId": "4a7c8e1b-2f3d-4b6a-9c8e-1d2f3a4b5c6d", "accountEnabled": false, "appRoles": [], "oauth2PermissionScopes": [], "passwordCredentials": [], "keyCredentials": [], "alternativeNames": []}""",
        };
        var dora = $$"""{"id": "{{Dora}}", "displayName": "Dora Disabled", "userPrincipalName": "dora.disabled@contoso.onmicrosoft.com", "userType": "Member", "accountEnabled": false}""";
        using var folder = new ScratchFolder(
            ("users/page-001.json", Collection("users", string.Join(",\n", User(Pia, "Pia Password"), User(Abe, "Abe Authentication"), dora, User(Nils, "Nils None"), User(Owen, "Owen Owner"), User(Gita, "Gita Global")))),
            ("service-principals/page-001.json", Collection("servicePrincipals", string.Join(",\n", servicePrincipals))),
            ($"service-principal-owners/{DormantSync}/page-001.json", Collection("directoryObjects", Member("user", Owen))),
            ($"app-role-assigned-to/{GraphServicePrincipal}/page-001.json", Collection($"servicePrincipals('{GraphServicePrincipal}')/appRoleAssignedTo",
                $$"""{"id": "grant-dormant-sync", "deletedDateTime": null, "appRoleId": "{{RoleManagementReadWriteDirectory}}", "createdDateTime": "2025-06-30T12:05:10Z", "principalDisplayName": "dormant-sync", "principalId": "{{DormantSync}}", "principalType": "ServicePrincipal", "resourceDisplayName": "Microsoft Graph", "resourceId": "{{GraphServicePrincipal}}"}""")),
            ("role-definitions/page-001.json", Collection("roleManagement/directory/roleDefinitions", string.Join(",\n",
                BuiltInRole(GlobalAdministrator, "Global Administrator", "microsoft.directory/users/allProperties/allTasks", "microsoft.directory/roleAssignments/allProperties/allTasks"),
                BuiltInRole(PasswordAdministrator, "Password Administrator", "microsoft.directory/users/password/update", "microsoft.office365.webPortal/allEntities/standard/read"),
                BuiltInRole(AuthenticationAdministrator, "Authentication Administrator", "microsoft.directory/users/authenticationMethods/create", "microsoft.directory/users/authenticationMethods/delete", "microsoft.directory/users/authenticationMethods/standard/restrictedRead", "microsoft.directory/users/authenticationMethods/basic/update", "microsoft.directory/deletedItems.users/restore", "microsoft.directory/users/delete", "microsoft.directory/users/disable", "microsoft.directory/users/enable", "microsoft.directory/users/invalidateAllRefreshTokens", "microsoft.directory/users/restore", "microsoft.directory/users/basic/update", "microsoft.directory/users/manager/update", "microsoft.directory/users/password/update", "microsoft.directory/users/userPrincipalName/update")))),
            ("role-assignments/page-001.json", Collection("roleManagement/directory/roleAssignments", string.Join(",\n",
                RoleAssignment(Pia, PasswordAdministrator), RoleAssignment(Abe, AuthenticationAdministrator), RoleAssignment(Gita, GlobalAdministrator)))));
        var directory = EntraDirectoryLoader.Load([folder.Path], TestContext.Current.CancellationToken);
        Assert.DoesNotContain(directory.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        return new MicrosoftEdgeContext(directory, AzureEstate.Empty, new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    }
}
