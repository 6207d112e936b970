using Ward.Microsoft.Entra.Catalog;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Microsoft.Tests.Entra;

public sealed class HighRiskPermissionsTests
{
    private const string GraphObjectId = "4a0f1c2e-3b5d-4e6f-8a9b-0c1d2e3f4a5b";
    private const string ApiObjectId = "6c7d8e9f-0a1b-4c2d-9e3f-4a5b6c7d8e9f";
    private const string MailRead = "810c84a8-4a9e-49e6-bf7d-12d183f40d01";

    [Fact]
    public void Every_entry_is_unique_by_resource_kind_and_name_and_every_Graph_application_permission_has_one_app_role_id()
    {
        // Given the catalog
        var all = HighRiskPermissions.All;

        // Then no entry repeats, Microsoft Graph's application permissions carry distinct ids, and no other entry has one
        Assert.Equal(all.Length, all.DistinctBy(p => (p.ResourceAppId, p.Kind, p.Name.ToUpperInvariant())).Count());
        var graphApplication = all.Where(p => p.ResourceAppId == HighRiskPermissions.MicrosoftGraphAppId && p.Kind == PermissionKind.Application).ToList();
        Assert.All(graphApplication, p => Assert.True(Guid.TryParse(p.GraphAppRoleId, out _), p.Name));
        Assert.Equal(graphApplication.Count, graphApplication.Select(p => p.GraphAppRoleId).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(all.Except(graphApplication), p => Assert.Null(p.GraphAppRoleId));
    }

    [Fact]
    public void Narrowed_and_read_only_permissions_are_not_high_risk()
    {
        // Then Sites.Selected, User.Read.All and Application.ReadWrite.OwnedBy are not in the catalog
        foreach (var name in new[] { "Sites.Selected", "User.Read.All", "Directory.Read.All", "Application.ReadWrite.OwnedBy" })
        {
            Assert.Null(HighRiskPermissions.Find(HighRiskPermissions.MicrosoftGraphAppId, name, PermissionKind.Application));
        }
    }

    [Fact]
    public void An_app_role_is_named_from_the_resource_service_principal_and_matched_to_its_resource()
    {
        // Given Microsoft Graph's service principal defining Mail.Read, and a line-of-business API defining a role of the same name and id
        var directory = Directory(
            ServicePrincipal(GraphObjectId, HighRiskPermissions.MicrosoftGraphAppId, "Microsoft Graph", ("Mail.Read", MailRead)),
            ServicePrincipal(ApiObjectId, "0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e", "Orders API", ("Mail.Read", MailRead)));

        // When an assignment of each is resolved
        var graph = HighRiskPermissions.Resolve(directory, Assignment(GraphObjectId, MailRead));
        var api = HighRiskPermissions.Resolve(directory, Assignment(ApiObjectId, MailRead));

        // Then only Microsoft Graph's is high-risk
        Assert.Equal("Mail.Read", graph.Permission);
        Assert.Equal("reads the mail of every mailbox", graph.HighRisk?.Why);
        Assert.Equal("Mail.Read", api.Permission);
        Assert.Null(api.HighRisk);
    }

    [Fact]
    public void Without_the_resource_service_principal_only_an_assignment_naming_Microsoft_Graph_falls_back_to_the_well_known_ids()
    {
        // Given an export without Microsoft Graph's service principal
        var directory = Directory();

        // When an assignment naming Microsoft Graph and one naming another resource, both with Mail.Read's id, are resolved
        var graph = HighRiskPermissions.Resolve(directory, Assignment(GraphObjectId, MailRead, "Microsoft Graph"));
        var exchange = HighRiskPermissions.Resolve(directory, Assignment(ApiObjectId, MailRead, "Office 365 Exchange Online"));

        // Then the first is Mail.Read of Microsoft Graph; the second cannot be named (other Microsoft APIs reuse Graph's ids)
        Assert.Equal(HighRiskPermissions.MicrosoftGraphAppId, graph.ResourceAppId);
        Assert.Equal("Mail.Read", graph.HighRisk?.Name);
        Assert.Null(exchange.ResourceAppId);
        Assert.Null(exchange.Permission);
        Assert.Equal("Office 365 Exchange Online", exchange.Resource);
    }

    [Fact]
    public void Delegated_scopes_are_matched_without_case_on_their_resource()
    {
        // Given a grant of `openid mail.readwrite User.Read` on Microsoft Graph
        var directory = Directory(ServicePrincipal(GraphObjectId, HighRiskPermissions.MicrosoftGraphAppId, "Microsoft Graph"));
        var grant = new OAuth2PermissionGrant { Id = "g", ClientId = ApiObjectId, ConsentType = "AllPrincipals", ResourceId = GraphObjectId, Scopes = ["openid", "mail.readwrite", "User.Read"] };

        // Then Mail.ReadWrite is the one high-risk scope
        var scope = Assert.Single(HighRiskPermissions.In(directory, grant));
        Assert.Equal("Mail.ReadWrite", scope.Name);
        Assert.Equal(PermissionKind.Delegated, scope.Kind);
    }

    private static EntraDirectory Directory(params EntraServicePrincipal[] servicePrincipals) => new() { ServicePrincipals = [.. servicePrincipals] };

    private static EntraServicePrincipal ServicePrincipal(string id, string appId, string name, params (string Value, string Id)[] roles) =>
        new() { Id = id, AppId = appId, DisplayName = name, AppRoles = [.. roles.Select(r => new AppRole { Id = r.Id, Value = r.Value })] };

    private static AppRoleAssignment Assignment(string resourceId, string appRoleId, string? resourceName = null) =>
        new() { Id = "a", PrincipalId = "7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a", ResourceId = resourceId, ResourceDisplayName = resourceName, AppRoleId = appRoleId };
}
