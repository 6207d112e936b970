using Ward.Core.Diagnostics;
using Ward.Microsoft.Entra.Directory;
using Ward.Microsoft.Entra.Ingest;
using Ward.Microsoft.Tests.Testing;

namespace Ward.Microsoft.Tests.Entra;

/// <summary>
/// How files are recognised and what is reported about them: paging, parent-less member lists, malformed JSON and
/// wrong shapes, each located by file, JSON path and line.
/// </summary>
public sealed class GraphResponseRecognizerTests
{
    private const string NextLink = "https://graph.microsoft.com/v1.0/users?$skiptoken=RFNwdAIAAQAAACI6YWRlbGUudmFuY2VAY29udG9zby5vbm1pY3Jvc29mdC5jb20";
    private const string Adele = EntraFixtures.Adele;
    private const string Megan = EntraFixtures.Megan;

    private static EntraDirectory Load(ScratchFolder folder) => EntraDirectoryLoader.Load([folder.Path], TestContext.Current.CancellationToken);

    [Fact]
    public void A_page_whose_next_page_is_missing_is_warned_and_its_objects_are_still_read()
    {
        // Given the first page of users, which says more follows, without the second
        using var folder = new ScratchFolder(("users/page-001.json", GraphBodies.Collection("users", GraphBodies.User(Adele, "Adele Vance"), NextLink)));

        // When the folder is loaded
        var directory = Load(folder);

        // Then the collection is reported incomplete at the next link, and Adele is read
        var diagnostic = Assert.Single(directory.Diagnostics);
        Assert.Equal((EntraDiagnosticCodes.IncompleteCollection, DiagnosticSeverity.Warning, "$['@odata.nextLink']", 3), (diagnostic.Code, diagnostic.Severity, diagnostic.Location.JsonPath, diagnostic.Location.Line));
        Assert.Contains("incomplete", diagnostic.Message, StringComparison.Ordinal);
        Assert.Single(directory.Users);
    }

    [Fact]
    public void Pages_that_end_with_a_page_without_a_next_link_are_complete()
    {
        using var folder = new ScratchFolder(
            ("users/page-001.json", GraphBodies.Collection("users", GraphBodies.User(Adele, "Adele Vance"), NextLink)),
            ("users/page-002.json", GraphBodies.Collection("users", GraphBodies.User(Megan, "Megan Bowen"))));

        var directory = Load(folder);

        Assert.Empty(directory.Diagnostics);
        Assert.Equal(2, directory.Users.Length);
    }

    [Fact]
    public void A_numbered_page_missing_in_the_middle_is_warned()
    {
        // Given pages 1 and 3 of users: the last one has no next link, but page 2 is gone
        using var folder = new ScratchFolder(
            ("users/page-001.json", GraphBodies.Collection("users", GraphBodies.User(Adele, "Adele Vance"), NextLink)),
            ("users/page-003.json", GraphBodies.Collection("users", GraphBodies.User(Megan, "Megan Bowen"))));

        var directory = Load(folder);

        var diagnostic = Assert.Single(directory.Diagnostics);
        Assert.Equal(EntraDiagnosticCodes.IncompleteCollection, diagnostic.Code);
        Assert.Contains("page 2 of `Users` is missing", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_page_whose_value_is_null_is_said_to_give_no_object_not_to_be_skipped()
    {
        // Given a page of users whose value is null: recognised as a page of users, holding none
        using var folder = new ScratchFolder(("users.json", """{"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users", "value": null}"""));

        var directory = Load(folder);

        var diagnostic = Assert.Single(directory.Diagnostics, d => d.Message.Contains("`value` must be the array", StringComparison.Ordinal));
        Assert.Contains("no object of this page was read", diagnostic.Message, StringComparison.Ordinal);
        Assert.Empty(directory.Users);
    }

    [Fact]
    public void A_page_missing_after_an_unnumbered_first_page_is_warned()
    {
        // Given users.json (the first page, unnumbered, with a next link) and users.page-3.json: page 2 is gone
        using var folder = new ScratchFolder(
            ("users.json", GraphBodies.Collection("users", GraphBodies.User(Adele, "Adele Vance"), NextLink)),
            ("users.page-3.json", GraphBodies.Collection("users", GraphBodies.User(Megan, "Megan Bowen"))));

        var directory = Load(folder);

        var diagnostic = Assert.Single(directory.Diagnostics, d => d.Code == EntraDiagnosticCodes.IncompleteCollection);
        Assert.Contains("page 2 of `Users` is missing", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_pages_of_one_groups_members_are_merged()
    {
        // Given a group's members in two pages named after the group, the first with a next link
        var group = EntraFixtures.Tier0Admins;
        using var folder = new ScratchFolder(
            ("groups.json", GraphBodies.Collection("groups", GraphBodies.Group(group, "Tier0 Admins"))),
            ("users.json", GraphBodies.Collection("users", GraphBodies.User(Adele, "Adele Vance") + "," + GraphBodies.User(Megan, "Megan Bowen"))),
            ($"group-members/{group}.json", GraphBodies.Collection("directoryObjects", GraphBodies.Member("user", Adele), $"https://graph.microsoft.com/v1.0/groups/{group}/members?$skiptoken=X")),
            ($"group-members/{group}.page-002.json", GraphBodies.Collection("directoryObjects", GraphBodies.Member("user", Megan))));

        var directory = Load(folder);

        Assert.Empty(directory.Diagnostics);
        Assert.Equal([Adele, Megan], directory.FindGroup(group)!.Members!.Value.Select(m => m.Id), StringComparer.Ordinal);
    }

    [Fact]
    public void A_member_list_outside_a_relation_folder_is_reported_and_skipped()
    {
        // Given `GET /groups/{id}/members` saved under a name that says nothing
        using var folder = new ScratchFolder(("members.json", GraphBodies.Collection("directoryObjects", GraphBodies.Member("user", Adele))));

        var directory = Load(folder);

        var diagnostic = Assert.Single(directory.Diagnostics);
        Assert.Equal((EntraDiagnosticCodes.RelationWithoutParent, DiagnosticSeverity.Error), (diagnostic.Code, diagnostic.Severity));
        Assert.Equal(EntraInputKind.GraphResponseNotRead, Assert.Single(directory.Inputs).Kind);
    }

    [Fact]
    public void A_member_list_in_a_relation_folder_not_named_by_an_object_id_is_reported()
    {
        using var folder = new ScratchFolder(("group-members/tier0-admins.json", GraphBodies.Collection("directoryObjects", GraphBodies.Member("user", Adele))));

        var directory = Load(folder);

        var diagnostic = Assert.Single(directory.Diagnostics);
        Assert.Equal(EntraDiagnosticCodes.RelationWithoutParent, diagnostic.Code);
        Assert.Contains("group-members", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_member_list_whose_context_names_a_cast_is_still_the_relation_of_its_folder()
    {
        // Given `GET /groups/{id}/members/microsoft.graph.user`, which Graph answers as `$metadata#users`
        var group = EntraFixtures.Tier0Admins;
        using var folder = new ScratchFolder(
            ("groups.json", GraphBodies.Collection("groups", GraphBodies.Group(group, "Tier0 Admins"))),
            ($"group-members/{group}/page-001.json", GraphBodies.Collection("users", GraphBodies.User(Adele, "Adele Vance"))));

        var directory = Load(folder);

        Assert.Empty(directory.Users);
        Assert.Equal([Adele], directory.FindGroup(group)!.Members!.Value.Select(m => m.Id), StringComparer.Ordinal);
    }

    [Fact]
    public void Malformed_JSON_is_located_by_line_and_column()
    {
        using var folder = new ScratchFolder(("users.json", "{\n  \"@odata.context\": \"https://graph.microsoft.com/v1.0/$metadata#users\",\n  \"value\": [\n    {\"id\": \"6e7b768e-07e2-4810-8459-485f84f8f204\",}\n  ]\n}\n"));

        var directory = Load(folder);

        var diagnostic = Assert.Single(directory.Diagnostics);
        Assert.Equal((EntraDiagnosticCodes.InvalidJson, DiagnosticSeverity.Error, 4), (diagnostic.Code, diagnostic.Severity, diagnostic.Location.Line));
        Assert.NotNull(diagnostic.Location.Column);
        Assert.Equal(EntraInputKind.Unreadable, Assert.Single(directory.Inputs).Kind);
    }

    [Fact]
    public void A_value_that_is_not_an_array_is_a_located_error()
    {
        using var folder = new ScratchFolder(("users.json", """{"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users", "value": {"id": "6e7b768e-07e2-4810-8459-485f84f8f204"}}"""));

        var directory = Load(folder);

        var diagnostic = Assert.Single(directory.Diagnostics);
        Assert.Equal((EntraDiagnosticCodes.WrongShape, "$.value", 1), (diagnostic.Code, diagnostic.Location.JsonPath, diagnostic.Location.Line));
    }

    [Fact]
    public void Bad_entries_are_skipped_at_their_JSON_path_and_the_rest_is_read()
    {
        // Given three users: one without an id, one whose id is not a GUID, one whose accountEnabled is a string
        using var folder = new ScratchFolder(("users.json", """
            {
              "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users",
              "value": [
                {"displayName": "No Id"},
                {"id": "adele", "displayName": "Adele Vance"},
                {"id": "48d31887-5fad-4d73-a9f5-3c356e68a038", "displayName": "Megan Bowen", "accountEnabled": "yes"}
              ]
            }
            """));

        var directory = Load(folder);

        // Then each problem is located at its entry, with its line; only Megan is read, her flag unknown
        Assert.Equal(
            [(EntraDiagnosticCodes.MissingField, "$.value[0]", 4), (EntraDiagnosticCodes.InvalidValue, "$.value[1].id", 5), (EntraDiagnosticCodes.WrongShape, "$.value[2].accountEnabled", 6)],
            directory.Diagnostics.Select(d => (d.Code, d.Location.JsonPath!, d.Location.Line ?? 0)));
        var megan = Assert.Single(directory.Users);
        Assert.Null(megan.AccountEnabled);
    }

    [Fact]
    public void A_saved_Graph_error_response_is_warned()
    {
        using var folder = new ScratchFolder(("user-registration-details/page-001.json", """
            {"error": {"code": "Authentication_RequestFromNonPremiumTenantOrB2CTenant", "message": "Neither tenant is B2C or tenant doesn't have premium license",
              "innerError": {"date": "2026-03-16T09:15:00", "request-id": "4f3e2d1c-0b9a-4887-a6b5-c4d3e2f1a0b9", "client-request-id": "4f3e2d1c-0b9a-4887-a6b5-c4d3e2f1a0b9"}}}
            """));

        var directory = Load(folder);

        var diagnostic = Assert.Single(directory.Diagnostics);
        Assert.Equal((EntraDiagnosticCodes.GraphResponseNotRead, DiagnosticSeverity.Warning), (diagnostic.Code, diagnostic.Severity));
        Assert.Contains("Authentication_RequestFromNonPremiumTenantOrB2CTenant", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Graph_collection_Ward_does_not_read_is_an_info()
    {
        using var folder = new ScratchFolder(("contacts.json", GraphBodies.Collection("contacts", """{"id": "7c06cd31-7c30-4f3b-a5c3-444cd8dd63ac", "displayName": "Fabrikam Reception", "mail": "reception@fabrikam.com"}""")));

        var directory = Load(folder);

        var diagnostic = Assert.Single(directory.Diagnostics);
        Assert.Equal((EntraDiagnosticCodes.GraphResponseNotRead, DiagnosticSeverity.Info), (diagnostic.Code, diagnostic.Severity));
        Assert.Equal(EntraInputKind.GraphResponseNotRead, Assert.Single(directory.Inputs).Kind);
    }

    [Fact]
    public void Devices_are_recognised_by_context_or_odata_type_and_device_members_stay_a_relation()
    {
        // Given devices saved as a bare array (no context), a group whose only member is a device, and that group
        const string Device = "7c06cd31-7c30-4f3b-a5c3-444cd8dd63ac";
        const string Group = "2f6e1c4b-8a3d-4e5f-9b7c-1d2e3f4a5b6c";
        using var folder = new ScratchFolder(
            ("devices.json", $$"""[{"@odata.type": "#microsoft.graph.device", "id": "{{Device}}", "deviceId": "0d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f70", "displayName": "LAPTOP-01", "operatingSystem": "Windows", "accountEnabled": true, "isManaged": null}]"""),
            ("groups.json", GraphBodies.Collection("groups", GraphBodies.Group(Group, "Autopilot Devices"))),
            ($"group-members/{Group}.json", GraphBodies.Collection("directoryObjects", GraphBodies.Member("device", Device))));

        var directory = Load(folder);

        // Then the device is read (isManaged null: no MDM set it), and the member list is the group's
        var device = Assert.Single(directory.Devices);
        Assert.Equal(("LAPTOP-01", (bool?)false), (device.DisplayName, device.IsManaged));
        Assert.True(directory.DevicesExported);
        Assert.Equal([Device], Assert.Single(directory.Groups).Members!.Value.Select(m => m.Id), StringComparer.Ordinal);
        Assert.DoesNotContain(directory.Diagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
    }

    [Fact]
    public void Objects_without_a_context_are_recognised_by_their_odata_type()
    {
        // Given a bare array of service principals, as some tools save `value`
        using var folder = new ScratchFolder(("sps.json", """
            [{"@odata.type": "#microsoft.graph.servicePrincipal", "id": "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6e", "appId": "11b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5e", "displayName": "deploy-pipeline", "servicePrincipalType": "Application"}]
            """));

        var directory = Load(folder);

        Assert.Empty(directory.Diagnostics);
        Assert.Equal("deploy-pipeline", Assert.Single(directory.ServicePrincipals).DisplayName);
    }

    [Fact]
    public void Unknown_fields_are_reported_once_per_file_and_kind()
    {
        // Given two users that both carry fields Ward does not read
        using var folder = new ScratchFolder(("users.json", GraphBodies.Collection("users", """
            {"id": "6e7b768e-07e2-4810-8459-485f84f8f204", "employeeId": "1001", "favouriteColour": "teal"},
            {"id": "48d31887-5fad-4d73-a9f5-3c356e68a038", "employeeId": "1002"}
            """)));

        var directory = Load(folder);

        var diagnostic = Assert.Single(directory.Diagnostics);
        Assert.Equal((EntraDiagnosticCodes.UnknownField, DiagnosticSeverity.Info, "$.value[0].employeeId"), (diagnostic.Code, diagnostic.Severity, diagnostic.Location.JsonPath));
        Assert.Contains("`employeeId`, `favouriteColour`", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(2, directory.Users.Length);
    }

    [Fact]
    public void The_same_object_twice_is_silent_when_equal_and_warned_when_different()
    {
        using var folder = new ScratchFolder(
            ("a/users.json", GraphBodies.Collection("users", GraphBodies.User(Adele, "Adele Vance"))),
            ("b/users.json", GraphBodies.Collection("users", GraphBodies.User(Adele, "Adele Vance"))),
            ("c/users.json", GraphBodies.Collection("users", GraphBodies.User(Adele, "Adele Vance-Smith"))));

        var directory = Load(folder);

        var diagnostic = Assert.Single(directory.Diagnostics);
        Assert.Equal(EntraDiagnosticCodes.DuplicateObject, diagnostic.Code);
        Assert.EndsWith(Path.Combine("c", "users.json"), diagnostic.Location.File, StringComparison.Ordinal);
        Assert.Equal("Adele Vance", Assert.Single(directory.Users).DisplayName);
    }

    [Fact]
    public void Exports_of_two_tenants_are_an_error()
    {
        using var folder = new ScratchFolder(
            ("a/organization.json", GraphBodies.Collection("organization", """{"id": "4a7c8e1b-2f3d-4b6a-9c8e-1d2f3a4b5c6d", "displayName": "Contoso"}""")),
            ("b/organization.json", GraphBodies.Collection("organization", """{"id": "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a", "displayName": "Fabrikam"}""")));

        var directory = Load(folder);

        var diagnostic = Assert.Single(directory.Diagnostics);
        Assert.Equal((EntraDiagnosticCodes.ConflictingTenantData, DiagnosticSeverity.Error), (diagnostic.Code, diagnostic.Severity));
        Assert.Equal(EntraFixtures.Tenant, directory.TenantId);
    }

    [Fact]
    public void An_unknown_principal_type_or_policy_state_is_warned_at_its_path()
    {
        using var folder = new ScratchFolder(
            ("sps.json", GraphBodies.Collection("servicePrincipals", """{"id": "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6e", "appId": "11b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5e", "servicePrincipalType": "Robot"}""")),
            ("ca.json", GraphBodies.Collection("identity/conditionalAccess/policies", """{"id": "a1b2c3d4-e5f6-4789-8abc-def012345678", "displayName": "MFA", "state": "on"}""")));

        var directory = Load(folder);

        Assert.Equal(["$.value[0].state", "$.value[0].servicePrincipalType"], directory.Diagnostics.Select(d => d.Location.JsonPath!), StringComparer.Ordinal);
        Assert.All(directory.Diagnostics, d => Assert.Equal((EntraDiagnosticCodes.InvalidValue, DiagnosticSeverity.Warning), (d.Code, d.Severity)));
        Assert.Equal(ServicePrincipalType.Unknown, Assert.Single(directory.ServicePrincipals).ServicePrincipalType);
        Assert.Equal(ConditionalAccessPolicyState.Unknown, Assert.Single(directory.ConditionalAccessPolicies).State);
    }
}
