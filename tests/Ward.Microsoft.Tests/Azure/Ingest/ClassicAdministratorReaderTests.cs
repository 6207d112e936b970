using Ward.Core.Diagnostics;
using Ward.Microsoft.Azure.Ingest;
using Ward.Microsoft.Azure.Rbac;
using Ward.Microsoft.Tests.Azure.Testing;

namespace Ward.Microsoft.Tests.Azure.Ingest;

/// <summary>Classic subscription administrators in the two shapes older exports hold them.</summary>
public sealed class ClassicAdministratorReaderTests
{
    private const string Subscription = "3f9a1c7e-5b2d-4a8f-9e6c-1d3b5a7f9c2e";
    private const string Owner = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";

    // GET /subscriptions/{id}/providers/Microsoft.Authorization/classicAdministrators?api-version=2015-07-01
    private const string RestList = $$"""
        {
          "value": [
            {
              "properties": { "emailAddress": "founder@contoso.com", "role": "ServiceAdministrator;AccountAdministrator" },
              "id": "/subscriptions/{{Subscription}}/providers/Microsoft.Authorization/classicAdministrators/classicadminid",
              "type": "Microsoft.Authorization/classicAdministrators",
              "name": "classicadminid"
            },
            {
              "properties": { "emailAddress": "coadmin@contoso.com", "role": "CoAdministrator" },
              "id": "/subscriptions/{{Subscription}}/providers/Microsoft.Authorization/classicAdministrators/classicadminid2",
              "type": "Microsoft.Authorization/classicAdministrators",
              "name": "classicadminid2"
            }
          ]
        }
        """;

    // az role assignment list --include-classic-administrators: an Owner assignment, then the rows the CLI adds
    private const string CliList = $$"""
        [
          {
            "condition": null, "conditionVersion": null,
            "id": "/subscriptions/{{Subscription}}/providers/Microsoft.Authorization/roleAssignments/5f2b6c1e-8d3a-4b7f-9e21-0c4d6a8b2e13",
            "name": "5f2b6c1e-8d3a-4b7f-9e21-0c4d6a8b2e13",
            "principalId": "0d504196-1423-4569-9a6e-15149656f0ee", "principalName": "owner@contoso.com", "principalType": "User",
            "roleDefinitionId": "/subscriptions/{{Subscription}}/providers/Microsoft.Authorization/roleDefinitions/{{Owner}}",
            "roleDefinitionName": "Owner", "scope": "/subscriptions/{{Subscription}}",
            "type": "Microsoft.Authorization/roleAssignments"
          },
          {
            "id": "NA(classic admins)", "name": "NA(classic admins)",
            "principalId": "9AC534F1-D577-4034-A32D-48DE400DACBF", "principalName": "coadmin@contoso.com",
            "roleDefinitionId": "NA(classic admin role)", "roleDefinitionName": "CoAdministrator",
            "scope": "/subscriptions/{{Subscription}}"
          },
          {
            "id": "NA(classic admins)", "name": "NA(classic admins)",
            "principalId": null, "principalName": "founder@contoso.com",
            "roleDefinitionId": "NA(classic admin role)", "roleDefinitionName": "ServiceAdministrator;AccountAdministrator",
            "scope": "/subscriptions/{{Subscription}}"
          }
        ]
        """;

    [Fact]
    public void The_rest_list_gives_each_administrator_its_roles_and_subscription()
    {
        // Given the REST list of a subscription's classic administrators
        using var folder = new ScratchFolder(("classic-administrators.json", RestList));

        // When it is loaded
        var estate = AzureEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then both are read, the `;`-joined roles split, the subscription taken from the id
        Assert.Empty(estate.Diagnostics);
        Assert.Equal(2, estate.ClassicAdministrators.Length);
        var founder = estate.ClassicAdministrators[0];
        Assert.Equal("founder@contoso.com", founder.EmailAddress);
        Assert.Equal([ClassicAdministrator.ServiceAdministrator, ClassicAdministrator.AccountAdministrator], founder.Roles, StringComparer.Ordinal);
        Assert.Equal(Subscription, founder.SubscriptionId);
        Assert.True(founder.ActsAsOwner);
        Assert.Null(founder.PrincipalId);
        Assert.Equal("2 classic administrators", Assert.Single(estate.Inputs).Note);
    }

    [Fact]
    public void The_cli_rows_are_classic_administrators_not_role_assignments_without_a_role_definition()
    {
        // Given the az CLI list with an Owner assignment and two classic rows, and the Owner role definition
        using var folder = new ScratchFolder(("role-assignments.json", CliList), ("role-definitions.json", OwnerDefinition()));

        // When it is loaded
        var estate = AzureEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then the Owner assignment is the only role assignment, nothing names a missing role definition, and the CLI's
        // principal id is kept (in lower case) where it found the user
        Assert.Empty(estate.Diagnostics);
        Assert.Equal(Owner, Assert.Single(estate.RoleAssignments).RoleDefinitionGuid);
        var coadmin = Assert.Single(estate.ClassicAdministrators, a => a.EmailAddress == "coadmin@contoso.com");
        Assert.Equal("9ac534f1-d577-4034-a32d-48de400dacbf", coadmin.PrincipalId);
        Assert.Equal([ClassicAdministrator.CoAdministrator], coadmin.Roles, StringComparer.Ordinal);
        Assert.Equal(AzureScope.Subscription(Subscription), coadmin.Scope);
    }

    [Fact]
    public void The_same_administrator_in_both_forms_is_one_entry_with_every_role_and_the_principal_id()
    {
        // Given the REST list and the CLI rows of the same subscription
        using var folder = new ScratchFolder(("classic-administrators.json", RestList), ("role-assignments.json", CliList), ("role-definitions.json", OwnerDefinition()));

        // When both are loaded
        var estate = AzureEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then each person is listed once, with the principal id only the CLI gave
        Assert.Equal(2, estate.ClassicAdministrators.Length);
        Assert.Equal("9ac534f1-d577-4034-a32d-48de400dacbf", Assert.Single(estate.ClassicAdministrators, a => a.EmailAddress == "coadmin@contoso.com").PrincipalId);
    }

    [Fact]
    public void A_row_without_an_address_is_skipped_and_an_unknown_role_is_kept_with_a_warning()
    {
        // Given a REST entry without emailAddress, one with a role Ward does not know, and one named at a resource group
        var list = $$"""
            {
              "value": [
                { "properties": { "role": "CoAdministrator" }, "id": "/subscriptions/{{Subscription}}/providers/Microsoft.Authorization/classicAdministrators/a", "type": "Microsoft.Authorization/classicAdministrators", "name": "a" },
                { "properties": { "emailAddress": "x@contoso.com", "role": "ServiceOwner" }, "id": "/subscriptions/{{Subscription}}/providers/Microsoft.Authorization/classicAdministrators/b", "type": "Microsoft.Authorization/classicAdministrators", "name": "b" },
                { "emailAddress": "y@contoso.com", "role": "CoAdministrator", "id": "/providers/Microsoft.Management/managementGroups/corp/providers/Microsoft.Authorization/classicAdministrators/c" }
              ]
            }
            """;
        using var folder = new ScratchFolder(("classic-administrators.json", list));

        // When it is loaded
        var estate = AzureEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then the first and third are skipped with an error each; the second is kept as written, with a warning
        var kept = Assert.Single(estate.ClassicAdministrators);
        Assert.Equal(["ServiceOwner"], kept.Roles, StringComparer.Ordinal);
        Assert.False(kept.ActsAsOwner);
        Assert.Contains(estate.Diagnostics, d => d.Code == AzureDiagnosticCodes.MissingField && d.Message.Contains("`emailAddress`", StringComparison.Ordinal));
        Assert.Contains(estate.Diagnostics, d => d.Code == AzureDiagnosticCodes.InvalidScope && d.Message.Contains("names no subscription", StringComparison.Ordinal));
        Assert.Contains(estate.Diagnostics, d => d.Severity == DiagnosticSeverity.Warning && d.Message.Contains("`ServiceOwner`", StringComparison.Ordinal));
    }

    private static string OwnerDefinition() => $$"""
        [
          {
            "assignableScopes": ["/"], "description": "Grants full access to manage all resources, including the ability to assign roles in Azure RBAC.",
            "id": "/subscriptions/{{Subscription}}/providers/Microsoft.Authorization/roleDefinitions/{{Owner}}", "name": "{{Owner}}",
            "permissions": [{ "actions": ["*"], "notActions": [], "dataActions": [], "notDataActions": [], "condition": null, "conditionVersion": null }],
            "roleName": "Owner", "roleType": "BuiltInRole", "type": "Microsoft.Authorization/roleDefinitions"
          }
        ]
        """;
}
