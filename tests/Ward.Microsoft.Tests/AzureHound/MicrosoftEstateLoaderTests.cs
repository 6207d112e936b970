using Ward.Microsoft.Entra.Ingest;
using Ward.Microsoft.Tests.Testing;

namespace Ward.Microsoft.Tests.AzureHound;

public sealed class MicrosoftEstateLoaderTests
{
    [Fact]
    public void Each_file_is_routed_by_content_to_Entra_ID_Azure_or_both()
    {
        // Given a folder with a Graph response, an az CLI export, AzureHound output, a README and JSON nobody reads
        using var folder = new ScratchFolder(
            ("graph/organization.json", File.ReadAllText(EntraFixtures.ContosoFile("organization.json"))),
            ("az/role-definitions.json", File.ReadAllText(AzureHoundFixtures.RoleDefinitions)),
            ("hound/azurehound.json", File.ReadAllText(AzureHoundFixtures.ArmRoleAssignments)),
            ("notes/README.md", "# notes"),
            ("other/settings.json", "{\"theme\": \"dark\"}"));

        // When the folder is loaded
        var loaded = MicrosoftEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then each file is listed once, with what it was taken for
        var kinds = loaded.Inputs.ToDictionary(i => Path.GetFileName(i.Path), i => i.Kind, StringComparer.Ordinal);
        Assert.Equal(MicrosoftInputKind.GraphResponse, kinds["organization.json"]);
        Assert.Equal(MicrosoftInputKind.Azure, kinds["role-definitions.json"]);
        Assert.Equal(MicrosoftInputKind.AzureHound, kinds["azurehound.json"]);
        Assert.Equal(MicrosoftInputKind.NotRecognised, kinds["README.md"]);
        Assert.Equal(MicrosoftInputKind.NotRecognised, kinds["settings.json"]);
        Assert.Equal(5, loaded.Inputs.Length);

        // And the estates hold what each gave: the tenant from Graph, the role definitions and the AzureHound assignments in Azure
        Assert.NotNull(loaded.Entra.TenantId);
        Assert.NotEmpty(loaded.Azure.RoleDefinitions);
        Assert.Equal(8, loaded.Azure.RoleAssignments.Length);
        Assert.Equal(2, loaded.Azure.Inputs.Count(i => i.Kind == Ward.Microsoft.Azure.Rbac.AzureInputKind.Read));
    }

    [Fact]
    public void A_file_that_is_not_JSON_is_an_error_and_the_others_are_read()
    {
        // Given AzureHound output beside a file cut in the middle of an object
        using var folder = new ScratchFolder(("cut.json", "{\"value\": [{\"id\": "), ("azurehound.json", File.ReadAllText(AzureHoundFixtures.Tenant)));

        // When the folder is loaded
        var loaded = MicrosoftEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then the cut file is unreadable, with an error, and the tenant is read
        Assert.Equal(MicrosoftInputKind.Unreadable, Assert.Single(loaded.Inputs, i => i.Path.EndsWith("cut.json", StringComparison.Ordinal)).Kind);
        Assert.Contains(loaded.Diagnostics, d => d.Code == EntraDiagnosticCodes.InvalidJson);
        Assert.Equal(8, loaded.Entra.Users.Length);
    }

    [Fact]
    public void The_same_user_from_Graph_and_from_AzureHound_is_kept_once_without_a_warning()
    {
        // Given the AzureHound tenant file and a Graph users page holding Alice with other fields
        const string users = """
            {"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users",
             "value": [{"id": "a1000001-0c1e-4d2b-8f3a-000000000001", "displayName": "Alice Admin", "accountEnabled": true}]}
            """;
        using var folder = new ScratchFolder(("azurehound.json", File.ReadAllText(AzureHoundFixtures.Tenant)), ("users.json", users));

        // When both are loaded
        var loaded = MicrosoftEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then Alice is one user and no duplicate is reported
        Assert.Single(loaded.Entra.Users, u => u.Id == AzureHoundFixtures.Alice);
        Assert.DoesNotContain(loaded.Diagnostics, d => d.Code == EntraDiagnosticCodes.DuplicateObject);

        // And two Graph pages that disagree still are
        folder.Write("users-again.json", users.Replace("Alice Admin", "Alice A.", StringComparison.Ordinal));
        var again = MicrosoftEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);
        Assert.Contains(again.Diagnostics, d => d.Code == EntraDiagnosticCodes.DuplicateObject);
    }
}
