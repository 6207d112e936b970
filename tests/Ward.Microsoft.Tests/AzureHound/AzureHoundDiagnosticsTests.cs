using Ward.Core.Diagnostics;
using Ward.Microsoft.Azure.Ingest;
using Ward.Microsoft.AzureHound;
using Ward.Microsoft.Entra.Ingest;

namespace Ward.Microsoft.Tests.AzureHound;

/// <summary>The defects of <c>azurehound-bad.json</c>, as <c>azurehound-bad.md</c> lists them.</summary>
public sealed class AzureHoundDiagnosticsTests
{
    private static readonly MicrosoftEstates Bad = MicrosoftEstateLoader.Load([AzureHoundFixtures.Bad]);

    [Fact]
    public void The_valid_records_of_the_bad_file_are_read()
    {
        // Given the bad file, whose first four records are valid
        // Then the user, the group and the role are read, and Alice stays a member of Cloud Ops
        Assert.Single(Bad.Entra.Users);
        Assert.Single(Bad.Entra.Groups);
        Assert.Single(Bad.Entra.RoleDefinitions);
        Assert.Contains(Bad.Entra.FindGroup(AzureHoundFixtures.CloudOps)!.Members!.Value, m => m.Id == AzureHoundFixtures.Alice);
    }

    [Fact]
    public void An_unknown_kind_is_a_warning_at_its_record()
    {
        // Then AZWidget (record 5) is reported once, as a warning, with its line
        var diagnostic = Assert.Single(Bad.Diagnostics, d => d.Code == AzureHoundDiagnosticCodes.UnknownKind);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Contains("`AZWidget`", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal("$.data[4]", diagnostic.Location.JsonPath);
        Assert.Equal(AzureHoundFixtures.Bad, diagnostic.Location.File);
        Assert.NotNull(diagnostic.Location.Line);
    }

    [Fact]
    public void Records_without_kind_or_with_non_object_data_are_errors_and_skipped()
    {
        // Then records 6 (no kind), 7 (data a string) and 8 (data an array) are each an error at their place
        var errors = Bad.Diagnostics.Where(d => d.Code == AzureHoundDiagnosticCodes.MalformedRecord).ToList();
        Assert.Equal(["$.data[5]", "$.data[6].data", "$.data[7].data"], errors.Select(e => e.Location.JsonPath).Order(StringComparer.Ordinal), StringComparer.Ordinal);
        Assert.All(errors, e => Assert.Equal(DiagnosticSeverity.Error, e.Severity));
        Assert.All(errors, e => Assert.NotNull(e.Location.Line));
        Assert.DoesNotContain(Bad.Entra.Users, u => u.DisplayName == "Kindless Record");
    }

    [Fact]
    public void A_dangling_member_is_a_warning_at_its_entry_and_kept_by_id()
    {
        // Then the member no AZUser record holds is reported at its entry in the member list
        var diagnostic = Assert.Single(Bad.Diagnostics, d => d.Code == AzureHoundDiagnosticCodes.DanglingReference);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal("$.data[8].data.members[1]", diagnostic.Location.JsonPath);
        Assert.Contains("deadbeef-0000-4000-8000-00000000beef", diagnostic.Message, StringComparison.Ordinal);
        Assert.NotNull(diagnostic.Location.Line);
        Assert.Contains(Bad.Entra.FindGroup(AzureHoundFixtures.CloudOps)!.Members!.Value, m => m.Id == "deadbeef-0000-4000-8000-00000000beef");

        // And the Entra reader's coarser report of the same member (at the list) is not repeated
        Assert.DoesNotContain(Bad.Diagnostics, d => d.Code == EntraDiagnosticCodes.DanglingRelation);
    }

    [Fact]
    public void A_directory_role_assignment_of_an_unknown_role_is_reported_and_never_mapped_to_a_known_role()
    {
        // Then the assignment naming a role no AZRole record holds is reported at the assignment
        var diagnostic = Assert.Single(Bad.Diagnostics, d => d.Code == EntraDiagnosticCodes.DanglingRoleAssignment && d.Message.Contains("00000000-1111-4222-8333-444444444444", StringComparison.Ordinal));
        Assert.Equal("$.data[9].data.roleAssignments[0]", diagnostic.Location.JsonPath);
        Assert.DoesNotContain(Bad.Entra.RoleDefinitions, r => r.Id == "00000000-1111-4222-8333-444444444444");
    }

    [Fact]
    public void An_Azure_role_assignment_of_a_custom_role_is_indeterminate_with_or_without_role_definitions()
    {
        // Given the bad file alone: no role definitions at all
        // Then the user is told that what the assignment grants is unknown and to add the role definitions
        Assert.Contains(Bad.Diagnostics, d => d.Code == AzureHoundDiagnosticCodes.NoRoleDefinitions);

        // And given the built-in role definitions too, the custom role is reported at its assignment
        var withDefinitions = MicrosoftEstateLoader.Load([AzureHoundFixtures.Bad, AzureHoundFixtures.RoleDefinitions], TestContext.Current.CancellationToken);
        var missing = Assert.Single(withDefinitions.Diagnostics, d => d.Code == AzureDiagnosticCodes.MissingRoleDefinition);
        Assert.Contains("99999999-aaaa-4bbb-8ccc-dddddddddddd", missing.Message, StringComparison.Ordinal);
        Assert.Equal("$.data[10].data.roleAssignments[0].roleAssignment", missing.Location.JsonPath);
        Assert.NotNull(missing.Location.Line);
    }
}
