using Ward.Core.Diagnostics;
using Ward.Microsoft.Azure.Ingest;
using Ward.Microsoft.Azure.Rbac;
using Ward.Microsoft.Tests.Azure.Testing;

namespace Ward.Microsoft.Tests.Azure.Ingest;

public sealed class AzureEstateLoaderTests
{
    private const string RoleDefinitionsPath = "/providers/Microsoft.Authorization/roleDefinitions/";

    [Fact]
    public void The_sample_estate_loads_without_diagnostics()
    {
        // Given the sample export folder (az CLI lists and ARM REST pages side by side)
        // When it is loaded
        var estate = AzureFixtures.Estate;

        // Then everything is read and nothing is reported
        Assert.Empty(estate.Diagnostics);
        Assert.Equal(9, estate.RoleDefinitions.Length);
        Assert.Equal(11, estate.RoleAssignments.Length);
        Assert.Equal(2, estate.DenyAssignments.Length);
        Assert.Single(estate.EligibleAssignments);
        Assert.Equal(4, estate.Hierarchy.ManagementGroups.Length);
        Assert.Equal(3, estate.Hierarchy.Subscriptions.Length);
        Assert.All(estate.Inputs, i => Assert.Equal(AzureInputKind.Read, i.Kind));
    }

    [Fact]
    public void Az_cli_role_definitions_keep_their_permissions_and_type()
    {
        // Given the sample estate
        // When Contributor and the custom role are looked up by GUID
        var contributor = AzureFixtures.Estate.FindRoleDefinition(AzureFixtures.Contributor)!;
        var custom = Assert.Single(AzureFixtures.Estate.FindRoleDefinitionsByName("contoso vm operator"));

        // Then their blocks are as exported
        Assert.Equal(RoleType.BuiltInRole, contributor.RoleType);
        Assert.Equal(["*"], contributor.Permissions[0].Actions, StringComparer.Ordinal);
        Assert.Contains("Microsoft.Authorization/*/Write", contributor.Permissions[0].NotActions, StringComparer.Ordinal);
        Assert.Equal(RoleType.CustomRole, custom.RoleType);
        Assert.Equal(2, custom.AssignableScopes.Length);
    }

    [Fact]
    public void A_rest_role_definition_reads_its_role_type_from_properties()
    {
        // Given only the REST pages of the platform subscription's role definitions
        var estate = AzureEstateLoader.Load([Path.Combine(AzureFixtures.EstateFolder, "platform-role-definitions-1.json"), Path.Combine(AzureFixtures.EstateFolder, "platform-role-definitions-2.json")], TestContext.Current.CancellationToken);

        // Then the four roles are read, with the built-in type from `properties.type`
        Assert.Equal(["Owner", "Contributor", "Reader", "User Access Administrator"], estate.RoleDefinitions.Select(d => d.RoleName), StringComparer.Ordinal);
        Assert.All(estate.RoleDefinitions, d => Assert.Equal(RoleType.BuiltInRole, d.RoleType));
        Assert.Contains("(a REST page; more pages follow)", estate.Inputs[0].Note, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_built_in_role_from_two_subscriptions_is_one_definition()
    {
        // Given Owner exported from the production (az CLI) and platform (REST) subscriptions
        var owners = AzureFixtures.Estate.RoleDefinitions.Where(d => d.Name == AzureFixtures.Owner).ToList();

        // Then it is kept once, without a duplicate warning (identical content)
        Assert.Single(owners);
        Assert.DoesNotContain(AzureFixtures.Estate.Diagnostics, d => d.Code == AzureDiagnosticCodes.Duplicate);
    }

    [Fact]
    public void Az_cli_role_assignments_keep_principal_name_and_condition()
    {
        // Given Carol's delegated RBAC administrator assignment
        var carol = Assert.Single(AzureFixtures.Estate.RoleAssignments, a => a.PrincipalId == AzureFixtures.Carol);

        // Then the CLI's added fields and the ABAC condition are kept
        Assert.Equal("carol@contoso.com", carol.PrincipalName);
        Assert.Equal("Role Based Access Control Administrator", carol.RoleDefinitionName);
        Assert.Equal("2.0", carol.ConditionVersion);
        Assert.StartsWith("((!(ActionMatches{'Microsoft.Authorization/roleAssignments/write'}))", carol.Condition, StringComparison.Ordinal);
        Assert.Equal(AzureScopeKind.Subscription, carol.Scope.Kind);
    }

    [Fact]
    public void Rest_role_assignments_are_read_from_properties()
    {
        // Given the REST list of assignments at the platform management group and at the root
        var rest = AzureFixtures.Estate.RoleAssignments.Where(a => a.PrincipalName is null).ToList();

        // Then both are read, one at a management group and one at `/`
        Assert.Equal(2, rest.Count);
        Assert.Contains(rest, a => a.Scope == AzureScope.ManagementGroup("platform") && a.PrincipalType == "Group");
        Assert.Contains(rest, a => a.Scope == AzureScope.Root);
    }

    [Fact]
    public void Deny_assignments_keep_everyone_exclusions_and_the_child_scope_flag()
    {
        // Given the deny assignments of a managed application and of a deployment stack
        var managedApp = Assert.Single(AzureFixtures.Estate.DenyAssignments, d => d.Principals.Any(p => p.IsEveryone));
        var stack = Assert.Single(AzureFixtures.Estate.DenyAssignments, d => d.DoNotApplyToChildScopes);

        // Then principals, exclusions and flags are as exported
        Assert.Equal(AzureFixtures.Pipeline, Assert.Single(managedApp.ExcludePrincipals).Id);
        Assert.True(managedApp.IsSystemProtected);
        Assert.Equal(["*/read", "Microsoft.Network/networkInterfaces/join/action", "Microsoft.Authorization/*/read"], managedApp.Permissions[0].NotActions, StringComparer.Ordinal);
        Assert.Equal(AzureFixtures.PlatformEngineers, Assert.Single(stack.Principals).Id);
    }

    [Fact]
    public void An_eligibility_instance_keeps_its_window_and_expanded_principal_name()
    {
        // Given Dave's eligible Owner assignment
        var eligibility = Assert.Single(AzureFixtures.Estate.EligibleAssignments);

        // Then the window, member type and expanded display name are read
        Assert.Equal(AzureFixtures.Dave, eligibility.PrincipalId);
        Assert.Equal("Dave Okafor", eligibility.PrincipalName);
        Assert.Equal("Direct", eligibility.MemberType);
        Assert.Equal(new DateTimeOffset(2024, 7, 1, 8, 0, 0, TimeSpan.Zero), eligibility.StartDateTime);
        Assert.True(eligibility.IsInForceAt(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.False(eligibility.IsInForceAt(new DateTimeOffset(2025, 7, 1, 8, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void The_management_group_tree_places_groups_and_subscriptions()
    {
        // Given the output of `az account management-group show --expand --recurse` on the tenant root group
        var hierarchy = AzureFixtures.Estate.Hierarchy;

        // Then the chain of the production subscription goes up to `/`
        var chain = hierarchy.Ancestors(AzureFixtures.ProductionScope);
        Assert.True(chain.Complete);
        Assert.Equal(
            [AzureFixtures.ProductionScope, AzureScope.ManagementGroup("landingzones"), AzureScope.ManagementGroup("corp"), AzureScope.ManagementGroup(AzureFixtures.Tenant), AzureScope.Root],
            chain.Scopes);
        Assert.True(hierarchy.FindManagementGroup(AzureFixtures.Tenant)!.IsTenantRoot);
        Assert.Equal("Contoso Production", hierarchy.FindSubscription(AzureFixtures.Production)!.DisplayName);
    }

    [Fact]
    public void The_entities_list_alone_gives_the_same_hierarchy()
    {
        // Given only `az account management-group entities list`
        var estate = AzureEstateLoader.Load([Path.Combine(AzureFixtures.FormsFolder, "management-group-entities.json")], TestContext.Current.CancellationToken);

        // Then groups and subscriptions are placed by their `parent`
        Assert.Empty(estate.Diagnostics.Where(d => d.Severity != DiagnosticSeverity.Info && d.Code != AzureDiagnosticCodes.NothingUsable));
        Assert.Equal(4, estate.Hierarchy.ManagementGroups.Length);
        Assert.True(estate.Hierarchy.FindManagementGroup(AzureFixtures.Tenant)!.IsTenantRoot);
        Assert.Equal("landingzones", estate.Hierarchy.FindSubscription(AzureFixtures.Production)!.ManagementGroupName);
        Assert.True(estate.Hierarchy.Ancestors(AzureFixtures.ProductionScope).Complete);
    }

    [Fact]
    public void An_entity_without_a_parent_id_is_placed_by_its_name_chain_and_only_an_empty_chain_is_the_root()
    {
        // Given the entities list with `platform`'s parent id missing (a parent the caller may not read), chain kept
        var entities = File.ReadAllText(Path.Combine(AzureFixtures.FormsFolder, "management-group-entities.json"));
        var unreadable = entities.Replace("\"parent\": {\n      \"id\": \"/providers/Microsoft.Management/managementGroups/corp\"\n    },", "\"parent\": null,", StringComparison.Ordinal);
        Assert.NotEqual(entities, unreadable, StringComparer.Ordinal);
        using var folder = new ScratchFolder(("entities.json", unreadable));

        // When loaded
        var estate = AzureEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then platform still sits under corp, and the tenant root group (empty chain) is the only root
        Assert.Equal("corp", estate.Hierarchy.FindManagementGroup("platform")!.ParentName);
        Assert.False(estate.Hierarchy.FindManagementGroup("platform")!.IsTenantRoot);
        Assert.Equal(AzureFixtures.Tenant, Assert.Single(estate.Hierarchy.ManagementGroups, g => g.IsTenantRoot).Name);
    }

    [Fact]
    public void The_rest_form_of_a_management_group_subtree_is_read_from_properties()
    {
        // Given the REST output of GET managementGroups/corp?$expand=children&$recurse=true
        var estate = AzureEstateLoader.Load([Path.Combine(AzureFixtures.FormsFolder, "management-group-corp-rest.json")], TestContext.Current.CancellationToken);

        // Then corp sits under the tenant root (from details.parent), and its children below it
        var corp = estate.Hierarchy.FindManagementGroup("corp")!;
        Assert.Equal(AzureFixtures.Tenant, corp.ParentName);
        Assert.Equal("corp", estate.Hierarchy.FindManagementGroup("platform")!.ParentName);
        Assert.Equal("platform", estate.Hierarchy.FindSubscription(AzureFixtures.Platform)!.ManagementGroupName);

        // And the tenant root itself was not exported: the chain above corp is reported as unknown
        Assert.Contains(estate.Diagnostics, d => d.Code == AzureDiagnosticCodes.HierarchyProblem && d.Message.Contains("`corp`", StringComparison.Ordinal));
        Assert.False(estate.Hierarchy.Ancestors(AzureFixtures.ProductionScope).Complete);
    }

    [Fact]
    public void Subscriptions_are_read_from_az_account_list_and_the_rest_list()
    {
        // Given `az account list --all` and the REST subscriptions list
        var estate = AzureEstateLoader.Load([Path.Combine(AzureFixtures.EstateFolder, "subscriptions.json"), Path.Combine(AzureFixtures.FormsFolder, "subscriptions-rest.json")], TestContext.Current.CancellationToken);

        // Then both forms give the display name, and the same subscription is merged
        Assert.Equal(3, estate.Hierarchy.Subscriptions.Length);
        Assert.Equal("Contoso Sandbox", estate.Hierarchy.FindSubscription(AzureFixtures.Sandbox)!.DisplayName);
        Assert.Equal("Enabled", estate.Hierarchy.FindSubscription(AzureFixtures.Production)!.State);
    }

    [Fact]
    public void Invalid_json_is_reported_with_line_and_column_and_the_rest_is_read()
    {
        // Given a truncated file next to a good one
        using var folder = new ScratchFolder(
            ("broken.json", "[\n  {\"id\": \"/subscriptions/x\",\n   \"name\": "),
            ("subscriptions.json", File.ReadAllText(Path.Combine(AzureFixtures.EstateFolder, "subscriptions.json"))));

        // When the folder is loaded
        var estate = AzureEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then the broken file is an error with a line, and the subscriptions are still read
        var diagnostic = Assert.Single(estate.Diagnostics, d => d.Code == AzureDiagnosticCodes.InvalidJson);
        Assert.Equal(folder.File("broken.json"), diagnostic.Location.File);
        Assert.Equal(3, diagnostic.Location.Line);
        Assert.NotNull(diagnostic.Location.Column);
        Assert.Equal(3, estate.Hierarchy.Subscriptions.Length);
        Assert.Contains(estate.Inputs, i => i.Kind == AzureInputKind.Unreadable);
    }

    [Fact]
    public void Unrecognised_and_missing_files_are_listed_not_fatal()
    {
        // Given a JSON file of another tool, a README and a path that does not exist
        using var folder = new ScratchFolder(("other.json", "{\"resources\": []}"), ("README.md", "# exports"));

        // When loaded
        var estate = AzureEstateLoader.Load([folder.Path, folder.File("missing.json")], TestContext.Current.CancellationToken);

        // Then each is recorded with its reason
        Assert.Contains(estate.Diagnostics, d => d.Code == AzureDiagnosticCodes.UnrecognizedFile && d.Severity == DiagnosticSeverity.Info);
        Assert.Contains(estate.Diagnostics, d => d.Code == AzureDiagnosticCodes.UnreadableFile && d.Location.File == folder.File("missing.json"));
        Assert.Contains(estate.Diagnostics, d => d.Code == AzureDiagnosticCodes.NothingUsable);
        Assert.Contains(estate.Inputs, i => i.Path.EndsWith("README.md", StringComparison.Ordinal) && i.Kind == AzureInputKind.Unrecognized);
    }

    [Fact]
    public void An_empty_list_is_read_as_empty_without_a_diagnostic()
    {
        // Given the az output for a subscription without deny assignments, and a REST page without entries
        using var folder = new ScratchFolder(("a.json", "[]"), ("b.json", "{\"value\": []}"));

        // When loaded
        var estate = AzureEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then both are empty inputs, and only "nothing usable" is reported
        Assert.All(estate.Inputs, i => Assert.Equal(AzureInputKind.Empty, i.Kind));
        Assert.Equal([AzureDiagnosticCodes.NothingUsable], estate.Diagnostics.Select(d => d.Code), StringComparer.Ordinal);
    }

    [Fact]
    public void A_bad_entry_is_skipped_at_its_path_and_line_and_the_others_are_read()
    {
        // Given an assignment list with one entry lacking its principal and one with a malformed scope
        var good = Assignment("11111111-1111-4111-8111-111111111111", "/subscriptions/" + AzureFixtures.Production);
        var noPrincipal = Assignment("22222222-2222-4222-8222-222222222222", "/subscriptions/" + AzureFixtures.Production).Replace("\"principalId\": \"" + AzureFixtures.Alice + "\",", string.Empty, StringComparison.Ordinal);
        var badScope = Assignment("33333333-3333-4333-8333-333333333333", "subscriptions/" + AzureFixtures.Production);
        using var folder = new ScratchFolder(("assignments.json", $"[\n{good},\n{noPrincipal},\n{badScope}\n]"), ("definitions.json", Definitions()));

        // When loaded
        var estate = AzureEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then the good one is kept, and each bad one is reported where it is
        Assert.Single(estate.RoleAssignments);
        var missing = Assert.Single(estate.Diagnostics, d => d.Code == AzureDiagnosticCodes.MissingField);
        Assert.Equal("$[1]", missing.Location.JsonPath);
        Assert.NotNull(missing.Location.Line);
        var scope = Assert.Single(estate.Diagnostics, d => d.Code == AzureDiagnosticCodes.InvalidScope);
        Assert.Equal("$[2].scope", scope.Location.JsonPath);
        Assert.Contains("starts with `/`", scope.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_entry_among_known_ones_is_an_error_and_an_unknown_field_a_warning()
    {
        // Given a role definition list with a stray object and a field Ward does not know
        var definition = Definition("Reader", AzureFixtures.Reader, "\"*/read\"").Replace("\"roleType\"", "\"isPreview\": false, \"roleType\"", StringComparison.Ordinal);
        using var folder = new ScratchFolder(("definitions.json", $"[{definition}, {{\"hello\": 1}}]"));

        // When loaded
        var estate = AzureEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then the role is read, the stray entry skipped and the field flagged
        Assert.Single(estate.RoleDefinitions);
        Assert.Equal("$[1]", Assert.Single(estate.Diagnostics, d => d.Code == AzureDiagnosticCodes.UnknownEntry).Location.JsonPath);
        var unknown = Assert.Single(estate.Diagnostics, d => d.Code == AzureDiagnosticCodes.UnknownField);
        Assert.Equal(DiagnosticSeverity.Warning, unknown.Severity);
        Assert.Equal("$[0].isPreview", unknown.Location.JsonPath);
    }

    [Fact]
    public void Field_names_are_compared_as_decoded_whether_escaped_non_ascii_or_long()
    {
        // Given an assignment whose known fields are written with JSON escapes, and unknown fields that differ from
        // known ones only by an accent, or are longer than any known name
        var longName = "principalId" + new string('x', 80);
        var assignment = Assignment("11111111-1111-4111-8111-111111111111", "/subscriptions/" + AzureFixtures.Production)
            .Replace("\"principalType\"", "\"principal\\u0054ype\"", StringComparison.Ordinal)
            .Replace("\"condition\": null,", $"\"condition\": null, \"scopé\": \"x\", \"{longName}\": 1,", StringComparison.Ordinal);
        using var folder = new ScratchFolder(("assignments.json", $"[{assignment}]"), ("definitions.json", Definitions()));

        // When loaded
        var estate = AzureEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then the escaped name is read as the field it spells, and only the two unknown names are flagged
        Assert.Equal("User", Assert.Single(estate.RoleAssignments).PrincipalType);
        var unknown = estate.Diagnostics.Where(d => d.Code == AzureDiagnosticCodes.UnknownField).Select(d => d.Location.JsonPath).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["$[0]." + longName, "$[0]['scopé']"], unknown);
    }

    [Fact]
    public void A_wrong_field_in_the_rest_form_is_located_under_properties()
    {
        // Given a REST role assignment (fields under `properties`) whose principal type is a number
        var assignment = $$"""
            {"value": [{
              "id": "/subscriptions/{{AzureFixtures.Production}}/providers/Microsoft.Authorization/roleAssignments/11111111-1111-4111-8111-111111111111",
              "name": "11111111-1111-4111-8111-111111111111",
              "type": "Microsoft.Authorization/roleAssignments",
              "properties": {
                "principalId": "{{AzureFixtures.Alice}}",
                "principalType": 7,
                "roleDefinitionId": "/subscriptions/{{AzureFixtures.Production}}{{RoleDefinitionsPath}}{{AzureFixtures.Reader}}",
                "scope": "/subscriptions/{{AzureFixtures.Production}}"
              }
            }]}
            """;
        using var folder = new ScratchFolder(("assignments.json", assignment), ("definitions.json", Definitions()));

        // When loaded
        var estate = AzureEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then the assignment is kept without a type, and the wrong shape is reported where it is
        Assert.Null(Assert.Single(estate.RoleAssignments).PrincipalType);
        var wrong = Assert.Single(estate.Diagnostics, d => d.Code == AzureDiagnosticCodes.WrongShape);
        Assert.Equal("$.value[0].properties.principalType", wrong.Location.JsonPath);
    }

    [Fact]
    public void An_assignment_of_a_role_missing_from_the_export_is_reported()
    {
        // Given an assignment of a role definition the export does not hold
        var assignment = Assignment("11111111-1111-4111-8111-111111111111", "/subscriptions/" + AzureFixtures.Production, roleGuid: "0a0b0c0d-1111-4222-8333-444455556666");
        using var folder = new ScratchFolder(("assignments.json", $"[{assignment}]"), ("definitions.json", Definitions()));

        // When loaded
        var estate = AzureEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then it is kept and reported as dangling, at its entry
        Assert.Single(estate.RoleAssignments);
        var dangling = Assert.Single(estate.Diagnostics, d => d.Code == AzureDiagnosticCodes.MissingRoleDefinition);
        Assert.Equal(DiagnosticSeverity.Error, dangling.Severity);
        Assert.Equal("$[0]", dangling.Location.JsonPath);
        Assert.NotNull(dangling.Location.Line);
        Assert.Contains("0a0b0c0d-1111-4222-8333-444455556666", dangling.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicate_with_different_content_is_a_warning_and_the_first_is_used()
    {
        // Given the same assignment id twice, the second naming another role
        var first = Assignment("11111111-1111-4111-8111-111111111111", "/subscriptions/" + AzureFixtures.Production);
        var second = Assignment("11111111-1111-4111-8111-111111111111", "/subscriptions/" + AzureFixtures.Production, roleGuid: AzureFixtures.Contributor);
        using var folder = new ScratchFolder(("a.json", $"[{first}]"), ("b.json", $"[{second}]"), ("definitions.json", Definitions()));

        // When loaded
        var estate = AzureEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then one is kept and the other reported
        Assert.Equal(AzureFixtures.Reader, Assert.Single(estate.RoleAssignments).RoleDefinitionGuid);
        var duplicate = Assert.Single(estate.Diagnostics, d => d.Code == AzureDiagnosticCodes.Duplicate);
        Assert.Equal(folder.File("b.json"), duplicate.Location.File);
    }

    [Fact]
    public void Every_page_with_a_next_link_means_the_last_page_is_missing()
    {
        // Given only the first REST page of a role definition list
        var estate = AzureEstateLoader.Load([Path.Combine(AzureFixtures.EstateFolder, "platform-role-definitions-1.json")], TestContext.Current.CancellationToken);

        // Then the missing last page is reported at `nextLink`
        var missing = Assert.Single(estate.Diagnostics, d => d.Code == AzureDiagnosticCodes.LastPageMissing);
        Assert.Equal("$.nextLink", missing.Location.JsonPath);
    }

    [Fact]
    public void A_subscription_outside_the_hierarchy_is_reported_when_management_groups_hold_assignments()
    {
        // Given assignments at a management group and at a subscription, and no hierarchy export
        var atGroup = Assignment("11111111-1111-4111-8111-111111111111", "/providers/Microsoft.Management/managementGroups/corp");
        var atSubscription = Assignment("22222222-2222-4222-8222-222222222222", "/subscriptions/" + AzureFixtures.Production);
        using var folder = new ScratchFolder(("assignments.json", $"[{atGroup}, {atSubscription}]"), ("definitions.json", Definitions()));

        // When loaded
        var estate = AzureEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then the subscription's unknown place is reported once
        var unplaced = Assert.Single(estate.Diagnostics, d => d.Code == AzureDiagnosticCodes.UnplacedSubscription);
        Assert.Contains(AzureFixtures.Production, unplaced.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_management_group_with_two_different_parents_is_an_error()
    {
        // Given two entities lists that disagree on where `platform` sits
        var entities = File.ReadAllText(Path.Combine(AzureFixtures.FormsFolder, "management-group-entities.json"));
        var moved = entities.Replace("\"parent\": {\n      \"id\": \"/providers/Microsoft.Management/managementGroups/corp\"\n    },\n    \"parentDisplayNameChain\": [\n      \"8f4c1b2e-6d3a-4e7b-9a51-2c0d7e3f9b14\",\n      \"corp\"\n    ],\n    \"parentNameChain\": [\n      \"8f4c1b2e-6d3a-4e7b-9a51-2c0d7e3f9b14\",\n      \"corp\"\n    ],\n    \"permissions\": \"view\",\n    \"tenantId\": \"8f4c1b2e-6d3a-4e7b-9a51-2c0d7e3f9b14\",\n    \"type\": \"Microsoft.Management/managementGroups\"", "\"parent\": {\"id\": \"/providers/Microsoft.Management/managementGroups/landingzones\"}, \"type\": \"Microsoft.Management/managementGroups\"", StringComparison.Ordinal);
        Assert.NotEqual(entities, moved, StringComparer.Ordinal);
        using var folder = new ScratchFolder(("a.json", entities), ("b.json", moved));

        // When loaded
        var estate = AzureEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then the conflict is reported and the first parent kept
        Assert.Contains(estate.Diagnostics, d => d.Code == AzureDiagnosticCodes.HierarchyProblem && d.Severity == DiagnosticSeverity.Error && d.Location.File == folder.File("b.json"));
        Assert.Equal("corp", estate.Hierarchy.FindManagementGroup("platform")!.ParentName);
    }

    internal static string Assignment(string guid, string scope, string? roleGuid = null) => $$"""
        {
          "condition": null,
          "id": "{{scope}}/providers/Microsoft.Authorization/roleAssignments/{{guid}}",
          "name": "{{guid}}",
          "principalId": "{{AzureFixtures.Alice}}",
          "principalName": "alice@contoso.com",
          "principalType": "User",
          "roleDefinitionId": "/subscriptions/{{AzureFixtures.Production}}{{RoleDefinitionsPath}}{{roleGuid ?? AzureFixtures.Reader}}",
          "scope": "{{scope}}",
          "type": "Microsoft.Authorization/roleAssignments"
        }
        """;

    internal static string Definition(string name, string guid, string actions) => $$"""
        {"assignableScopes": ["/"], "id": "/subscriptions/{{AzureFixtures.Production}}{{RoleDefinitionsPath}}{{guid}}", "name": "{{guid}}",
         "permissions": [{"actions": [{{actions}}], "notActions": [], "dataActions": [], "notDataActions": []}],
         "roleName": "{{name}}", "roleType": "BuiltInRole", "type": "Microsoft.Authorization/roleDefinitions"}
        """;

    private static string Definitions() => $"[{Definition("Reader", AzureFixtures.Reader, "\"*/read\"")}, {Definition("Contributor", AzureFixtures.Contributor, "\"*\"")}]";
}
